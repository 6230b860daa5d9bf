"""The flat tables of a CSV or Parquet export: analyst columns plus the round-trip `data` columns.

Six tables, one row per thing a newsroom counts: `articles` (reports), `stories`, `claims`
(aligned claim groups with their verdict), `mentions` (a claim as one report words it),
`conflicts` (two mentions that cannot both be true) and `origins` (one lineage chain: report
outlet → cited source → its source). Every column is a read-only view for analysts except the
round-trip columns (`Column.round_trip`): `articles.data` and `stories.data` (the full records
as JSON), `claims.data`, `claims.story_id` and `claims.position`. `import` reads only those, plus
row order (articles and stories are re-stored in row order), so analysts may add, drop or edit
any other column of a copy without changing what re-imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import ConsilienceError
from ..model import Article, ClaimGroup, Conflict, Mention, Story
from ..outputs.overview import (
    VERDICTS,
    count_group_reports,
    format_lineage,
    list_group_sources,
    name_outlet,
)
from ..store.codec import (
    article_from_record,
    story_from_record,
    to_plain,
)
from .snapshot import StoreSnapshot, decode_records

LIST_SEPARATOR = "; "  # joins several names into one analyst cell: "Reuters; AFP"


@dataclass(frozen=True)
class Column:
    """One column of an export table."""

    name: str
    type: str  # "str" | "int": the Parquet type; CSV writes both as text (None as an empty cell)
    doc: str
    round_trip: bool = False  # read back by `import`; the rest are views for analysts


TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (
        Column("article_id", "str", "stable content hash of the report"),
        Column("source", "str", "outlet"),
        Column("title", "str", "headline; empty when the report had none"),
        Column("published", "str", "ISO date; empty when unknown (never invented)"),
        Column("url", "str", "where the report was published, if known"),
        Column("path", "str", "where it was read from: file, feed item or corpus row"),
        Column("language", "str", "detected language"),
        Column("claims", "int", "claims extracted from the report"),
        Column("text", "str", "the report text"),
        Column("data", "str", "the whole article with annotations and claims, as JSON", round_trip=True),
    ),
    "stories": (
        Column("story_id", "str", "story id"),
        Column("title", "str", "story title"),
        Column("reports", "int", "reports in the story"),
        Column("article_ids", "str", "its reports' article_id, '; '-separated"),
        Column("claims", "int", "aligned claims (claim groups)"),
        Column("corroborated", "int", "claims with verdict corroborated"),
        Column("single_source", "int", "claims with verdict single-source"),
        Column("disputed", "int", "claims with verdict disputed"),
        Column("places", "str", "places the reports name, most mentioned first, '; '-separated"),
        Column("data", "str", "the story without its claims (those are claims.data), as JSON", round_trip=True),
    ),
    "claims": (
        Column("story_id", "str", "the story the claim belongs to", round_trip=True),
        Column("claim_id", "str", "claim group id"),
        Column("position", "int", "order of the claim within its story", round_trip=True),
        Column("summary", "str", "the claim, as its most representative mention words it"),
        Column("verdict", "str", "corroborated | single-source | disputed"),
        Column("independent_origins", "int", "independent origins behind the claim"),
        Column("reports", "int", "distinct reports that carry the claim"),
        Column("sources", "str", "outlets that carry the claim, '; '-separated"),
        Column("origins", "str", "upstream sources the mentions name, '; '-separated"),
        Column("conflicts", "int", "conflicts between its mentions"),
        Column("conflict_kinds", "str", "kinds of those conflicts, '; '-separated"),
        Column("event_type", "str", "PLOVER-aligned event type"),
        Column("data", "str", "the whole claim group with mentions and conflicts, as JSON", round_trip=True),
    ),
    "mentions": (
        Column("story_id", "str", "story id"),
        Column("claim_id", "str", "claim group id"),
        Column("article_id", "str", "the report that carries the mention"),
        Column("article_claim_id", "str", "the extracted claim of that report"),
        Column("source", "str", "outlet"),
        Column("published", "str", "the report's ISO date; empty when unknown"),
        Column("url", "str", "the report's URL, if known"),
        Column("text", "str", "the words of the mention"),
        Column("start", "int", "character offset of the mention in the report text"),
        Column("end", "int", "end offset"),
        Column("attribution", "str", "who the report credits, outermost first, ' → '-separated"),
        Column("origin", "str", "normalised key of the innermost credited source; empty: the report's own"),
    ),
    "conflicts": (
        Column("story_id", "str", "story id"),
        Column("claim_id", "str", "claim group id"),
        Column("kind", "str", "actor | number | date | place | polarity | attribution"),
        Column("a_source", "str", "outlet of the first mention"),
        Column("a_text", "str", "the first mention's words"),
        Column("a_value", "str", "the normalised value compared, first side"),
        Column("b_source", "str", "outlet of the second mention"),
        Column("b_text", "str", "the second mention's words"),
        Column("b_value", "str", "the normalised value compared, second side"),
        Column("explanation", "str", "one sentence on why they cannot both be true"),
        Column("a_article_id", "str", "report of the first mention"),
        Column("b_article_id", "str", "report of the second mention"),
    ),
    "origins": (
        Column("story_id", "str", "story id"),
        Column("claim_id", "str", "claim group id"),
        Column("outlet", "str", "the report outlet the chain starts at"),
        Column("origin", "str", "the end of the chain: the upstream source (the outlet itself when it cites none)"),
        Column("chain", "str", "outlet → cited source → its source"),
        Column("independent_origins", "int", "independent origins of the claim (repeated per chain)"),
    ),
}


def tabulate_snapshot(snapshot: StoreSnapshot) -> dict[str, list[dict[str, Any]]]:
    """The six tables of a snapshot, rows as dicts keyed by `TABLES` column names."""
    articles = {a.id: a for a in snapshot.articles}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    tables["articles"] = [_article_row(a) for a in snapshot.articles]
    for story in snapshot.stories:
        tables["stories"].append(_story_row(story))
        for position, group in enumerate(story.claims):
            tables["claims"].append(_claim_row(story, position, group, articles))
            tables["mentions"] += [_mention_row(story, group, m, articles) for m in group.mentions]
            tables["conflicts"] += [_conflict_row(story, group, c, articles) for c in group.conflicts]
            tables["origins"] += [_origin_row(story, group, chain) for chain in group.lineage]
    return tables


def snapshot_from_tables(tables: dict[str, list[dict[str, Any]]], where: str) -> StoreSnapshot:
    """The snapshot the round-trip columns of `tables` describe (inverse of `tabulate_snapshot`).

    Needs the articles, stories and claims tables; the other three are views and are not read.
    """
    articles = decode_records(f"{where} articles", "article", article_from_record,
                              [_load_data(row, f"{where} articles", n) for n, row in enumerate(tables["articles"])])
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for n, row in enumerate(tables["claims"]):
        if not isinstance(row.get("position"), int):
            raise _damaged(f"{where} claims", f"row {n + 1} has no whole-number position")
        groups.setdefault(row["story_id"], []).append((row["position"], _load_data(row, f"{where} claims", n)))
    story_records = []
    for n, row in enumerate(tables["stories"]):
        record = _load_data(row, f"{where} stories", n)
        if isinstance(record, dict):
            members = sorted(groups.pop(record.get("id"), []), key=lambda item: item[0])
            record = {**record, "claims": [group for _, group in members]}
        story_records.append(record)
    if groups:
        orphans = ", ".join(sorted(str(k) for k in groups)[:3])
        raise _damaged(f"{where} claims", f"rows name stories that are not in the stories table ({orphans})")
    stories = decode_records(f"{where} stories", "story", story_from_record, story_records)
    return StoreSnapshot(articles=articles, stories=stories)


def encode_data(record: dict[str, Any]) -> str:
    """A round-trip record as compact JSON text (UTF-8 kept, so non-Latin text stays readable)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _load_data(row: dict[str, Any], where: str, n: int) -> Any:
    text = row.get("data")
    if not text:
        raise _damaged(where, f"row {n + 1} has no data")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _damaged(where, f"row {n + 1}: data is not JSON ({exc})") from exc


def _damaged(where: str, why: str) -> ConsilienceError:
    return ConsilienceError(f"{where}: {why}. The export is damaged or was edited: export the store again.")


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "path": article.path,
        "language": article.language,
        "claims": len(article.claims),
        "text": article.text,
        "data": encode_data(to_plain(article)),
    }


def _story_row(story: Story) -> dict[str, Any]:
    verdicts = {v: sum(1 for g in story.claims if g.verdict == v) for v in VERDICTS}
    record = to_plain(story)
    del record["claims"]  # carried one group per row by claims.data
    return {
        "story_id": story.id,
        "title": story.title,
        "reports": len(story.articles),
        "article_ids": LIST_SEPARATOR.join(story.articles),
        "claims": len(story.claims),
        "corroborated": verdicts["corroborated"],
        "single_source": verdicts["single-source"],
        "disputed": verdicts["disputed"],
        "places": LIST_SEPARATOR.join(p.name for p in sorted(story.places, key=lambda p: -p.mentions)),
        "data": encode_data(record),
    }


def _claim_row(story: Story, position: int, group: ClaimGroup, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "story_id": story.id,
        "claim_id": group.id,
        "position": position,
        "summary": group.summary,
        "verdict": group.verdict,
        "independent_origins": group.independent_origins,
        "reports": count_group_reports(group),
        "sources": LIST_SEPARATOR.join(list_group_sources(group, articles)),
        "origins": LIST_SEPARATOR.join(group.origins),
        "conflicts": len(group.conflicts),
        "conflict_kinds": LIST_SEPARATOR.join(dict.fromkeys(c.kind for c in group.conflicts)),
        "event_type": group.event_type,
        "data": encode_data(to_plain(group)),
    }


def _mention_row(story: Story, group: ClaimGroup, mention: Mention, articles: dict[str, Article]) -> dict[str, Any]:
    article = articles.get(mention.article)
    return {
        "story_id": story.id,
        "claim_id": group.id,
        "article_id": mention.article,
        "article_claim_id": mention.claim,
        "source": name_outlet(mention, articles),
        "published": article.published if article else None,
        "url": article.url if article else None,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "attribution": " → ".join(a.source for a in mention.attribution),
        "origin": mention.attribution[-1].origin if mention.attribution else None,
    }


def _conflict_row(story: Story, group: ClaimGroup, conflict: Conflict, articles: dict[str, Article]) -> dict[str, Any]:
    a_value, b_value = conflict.values if conflict.values else (None, None)
    return {
        "story_id": story.id,
        "claim_id": group.id,
        "kind": conflict.kind,
        "a_source": name_outlet(conflict.a, articles),
        "a_text": conflict.a.text,
        "a_value": a_value,
        "b_source": name_outlet(conflict.b, articles),
        "b_text": conflict.b.text,
        "b_value": b_value,
        "explanation": conflict.explanation,
        "a_article_id": conflict.a.article,
        "b_article_id": conflict.b.article,
    }


def _origin_row(story: Story, group: ClaimGroup, chain: list[str]) -> dict[str, Any]:
    return {
        "story_id": story.id,
        "claim_id": group.id,
        "outlet": chain[0] if chain else None,
        "origin": chain[-1] if chain else None,
        "chain": format_lineage(chain),
        "independent_origins": group.independent_origins,
    }
