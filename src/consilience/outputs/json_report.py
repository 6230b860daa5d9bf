"""The JSON form of an Analysis: the stable machine-readable contract (schema/result.schema.json).

The shape is chosen for readers, not copied from the dataclasses: articles carry counts instead
of every annotation, mentions carry the outlet and the claim's facts so a consumer never has to
join tables, and `summary` holds the counts a dashboard shows first.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    ClaimGroup,
    Conflict,
    Mention,
    PlaceMention,
    Problem,
    Story,
)
from .overview import index_articles, name_outlet, summarise_analysis

SCHEMA_VERSION = 1

# Claims by (article id, claim id): a mention names both, and claim ids need only be unique per article.
ClaimIndex = dict[tuple[str, str], Claim]


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The Analysis as plain JSON data matching `result.schema.json`."""
    articles = index_articles(analysis)
    claims = {(a.id, c.id): c for a in analysis.articles for c in a.claims}
    return {
        "schema_version": SCHEMA_VERSION,
        "reference_date": analysis.reference_date,
        "failed": analysis.failed,
        "summary": summarise_analysis(analysis),
        "articles": [_article_json(a) for a in analysis.articles],
        "stories": [_story_json(s, articles, claims) for s in analysis.stories],
        "problems": [_problem_json(p) for p in analysis.problems],
        "timings": {name: round(seconds, 6) for name, seconds in analysis.timings.items()},
    }


def render_json(analysis: Analysis) -> str:
    """The JSON document as text: indented, UTF-8 characters kept, trailing newline."""
    return json.dumps(to_json(analysis), ensure_ascii=False, indent=2) + "\n"


def write_json(analysis: Analysis, path: str | Path) -> Path:
    """Write the JSON document to `path` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(render_json(analysis), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document `to_json` produces."""
    text = resources.files("consilience").joinpath("schema/result.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "path": article.path,
        "language": article.language,
        "places": [_place_mention_json(p) for p in article.places],
        "times": [
            {"text": t.text, "value": t.value, "type": t.type, "start": t.start, "end": t.end}
            for t in article.times
        ],
        "claim_count": len(article.claims),
    }


def _place_mention_json(mention: PlaceMention) -> dict[str, Any]:
    place = mention.place
    return {
        "text": mention.text,
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "start": mention.start,
        "end": mention.end,
    }


def _story_json(story: Story, articles: dict[str, Article], claims: ClaimIndex) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "places": [
            {
                "name": p.name,
                "geonameid": p.geonameid,
                "lat": p.lat,
                "lon": p.lon,
                "country_code": p.country_code,
                "mentions": p.mentions,
            }
            for p in story.places
        ],
        "claims": [_group_json(g, articles, claims) for g in story.claims],
    }


def _group_json(group: ClaimGroup, articles: dict[str, Article], claims: ClaimIndex) -> dict[str, Any]:
    return {
        "id": group.id,
        "summary": group.summary,
        "verdict": group.verdict,
        "independent_origins": group.independent_origins,
        "origins": list(group.origins),
        "lineage": [list(chain) for chain in group.lineage],
        "event_type": group.event_type,
        "mentions": [_mention_json(m, articles, claims) for m in group.mentions],
        "conflicts": [_conflict_json(c, articles, claims) for c in group.conflicts],
    }


def _mention_json(mention: Mention, articles: dict[str, Article], claims: ClaimIndex) -> dict[str, Any]:
    claim = claims.get((mention.article, mention.claim))
    return {
        "article": mention.article,
        "claim": mention.claim,
        "source": name_outlet(mention, articles),
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "attribution": [_attribution_json(a) for a in mention.attribution],
        "facts": _facts_json(claim) if claim is not None else None,
    }


def _attribution_json(attribution: Attribution) -> dict[str, Any]:
    return {
        "source": attribution.source,
        "cue": attribution.cue,
        "origin": attribution.origin,
        "kind": attribution.kind,
    }


def _facts_json(claim: Claim) -> dict[str, Any]:
    return {
        "actors": list(claim.actors),
        "action": claim.action,
        "targets": list(claim.targets),
        "polarity": claim.polarity,
        "hedges": list(claim.hedges),
        "quote": claim.quote,
        "event_type": claim.event_type,
        "places": [p.place.name if p.place else p.text for p in claim.places],
        "times": [t.value if t.value is not None else t.text for t in claim.times],
        "quantities": [
            {"text": q.text, "low": q.low, "high": q.high, "unit": q.unit, "approx": q.approx}
            for q in claim.quantities
        ],
    }


def _conflict_json(conflict: Conflict, articles: dict[str, Article], claims: ClaimIndex) -> dict[str, Any]:
    return {
        "kind": conflict.kind,
        "a": _mention_json(conflict.a, articles, claims),
        "b": _mention_json(conflict.b, articles, claims),
        "explanation": conflict.explanation,
        "values": list(conflict.values) if conflict.values is not None else None,
    }


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "input": problem.input,
        "message": problem.message,
        "severity": problem.severity,
    }
