"""The JSON-LD export: schema.org ClaimReview items, plus a namespaced extension for the round trip.

Every claim group becomes a `ClaimReview` (https://schema.org/ClaimReview):

- `claimReviewed`: the claim as its most representative mention words it;
- `itemReviewed`: a `Claim` whose `appearance` lists the reports that carry it (`NewsArticle`
  with url, headline, publisher, datePublished), `firstAppearance` the earliest dated one
  (left out when no report has a date: dates are never invented) and `author` its origins
  (the upstream sources the reports credit, else the outlets themselves);
- `reviewRating`: a `Rating` whose `alternateName` is the verdict (corroborated, single-source,
  disputed) and `ratingExplanation` the origins and conflicts behind it;
- `author`: Consilience, the (automated) reviewer; `isPartOf`: its story.

Stories are `Collection`s of their reports (`hasPart`) and reports are `NewsArticle`s. What
schema.org has no term for travels under the `consilience:` prefix: `consilience:record` holds
the full record as a JSON literal (`@json`, JSON-LD 1.1) on every report, story and claim, which
is what `import` reads back; `consilience:story` and `consilience:position` place a claim in
its story. Node ids are URNs: `urn:consilience:article:<id>`, `...:story:<id>`,
`...:claim:<story id>:<claim id>`.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import ConsilienceError
from ..model import Article, ClaimGroup, Story
from ..outputs.overview import count_group_reports
from ..store.codec import article_from_record, story_from_record, to_plain
from .snapshot import EXPORT_VERSION, StoreSnapshot, decode_records

NAMESPACE = "https://consilience.invalid/ns/export#"

CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "@vocab": "https://schema.org/",
    "consilience": NAMESPACE,
    "consilience:record": {"@type": "@json"},
    "consilience:story": {"@type": "@id"},
}

REVIEWER = {"@type": "Organization", "name": "Consilience (automated cross-check)"}

# Attribution.kind -> the schema.org type of that origin as a claim author.
_AUTHOR_TYPES = {"wire": "NewsMediaOrganization", "broadcaster": "NewsMediaOrganization",
                 "outlet": "NewsMediaOrganization", "person": "Person"}


def encode_jsonld_export(snapshot: StoreSnapshot) -> dict[str, Any]:
    """The JSON-LD document of a snapshot: @context and an @graph of reports, stories and reviews."""
    articles = {a.id: a for a in snapshot.articles}
    graph: list[dict[str, Any]] = [
        {
            "@id": "urn:consilience:export",
            "@type": "Dataset",
            "name": "Consilience cross-check export",
            "consilience:version": EXPORT_VERSION,
        }
    ]
    graph += [{**_article_stub(a), "inLanguage": a.language, "consilience:record": to_plain(a)}
              for a in snapshot.articles]
    for story in snapshot.stories:
        graph.append(_story_node(story))
        graph += [_review_node(story, position, group, articles) for position, group in enumerate(story.claims)]
    return {"@context": CONTEXT, "@graph": [_drop_nulls(node) for node in graph]}


def is_jsonld_export(document: Any) -> bool:
    """Whether parsed JSON is a Consilience JSON-LD export."""
    return isinstance(document, dict) and "@context" in document and "@graph" in document


def decode_jsonld_export(document: dict[str, Any], where: str) -> StoreSnapshot:
    """The snapshot the `consilience:` records of a JSON-LD export describe."""
    graph = document["@graph"]
    if not isinstance(graph, list) or not all(isinstance(node, dict) for node in graph):
        raise ConsilienceError(f"{where}: @graph is not a list of nodes. Export the store again.")
    header = next((n for n in graph if n.get("@id") == "urn:consilience:export"), None)
    if header is None or header.get("consilience:version") != EXPORT_VERSION:
        raise ConsilienceError(
            f"{where}: not a Consilience JSON-LD export of version {EXPORT_VERSION} "
            "(no urn:consilience:export node with that consilience:version). Export the store again."
        )
    groups: dict[str, list[tuple[Any, Any]]] = {}
    for node in graph:
        if node.get("@type") == "ClaimReview":
            groups.setdefault(node.get("consilience:story"), []).append(
                (node.get("consilience:position"), _record(node, where)))
    story_records = []
    for node in graph:
        if node.get("@type") == "Collection":
            record = _record(node, where)
            try:
                members = sorted(groups.pop(node.get("@id"), []), key=lambda item: item[0])
            except TypeError as exc:
                raise ConsilienceError(f"{where}: a consilience:position is not a number. Export the store again.") from exc
            story_records.append({**record, "claims": [group for _, group in members]}
                                 if isinstance(record, dict) else record)
    if groups:
        raise ConsilienceError(
            f"{where}: ClaimReview items point at stories that are not in the graph "
            f"({', '.join(sorted(str(k) for k in groups)[:3])}). Export the store again."
        )
    articles = [_record(node, where) for node in graph if node.get("@type") == "NewsArticle"]
    return StoreSnapshot(
        articles=decode_records(f"{where} NewsArticle", "article", article_from_record, articles),
        stories=decode_records(f"{where} Collection", "story", story_from_record, story_records),
    )


def render_jsonld_export(snapshot: StoreSnapshot) -> str:
    """The JSON-LD document as indented UTF-8 text with a trailing newline."""
    return json.dumps(encode_jsonld_export(snapshot), ensure_ascii=False, indent=1) + "\n"


def article_iri(article_id: str) -> str:
    """The JSON-LD node id of a report."""
    return f"urn:consilience:article:{article_id}"


def story_iri(story_id: str) -> str:
    """The JSON-LD node id of a story."""
    return f"urn:consilience:story:{story_id}"


def _record(node: dict[str, Any], where: str) -> Any:
    if "consilience:record" not in node:
        raise ConsilienceError(
            f"{where}: {node.get('@type')} {node.get('@id')} has no consilience:record. "
            "The file was edited or cut: export the store again."
        )
    return node["consilience:record"]


def _article_stub(article: Article) -> dict[str, Any]:
    """A report as schema.org sees it: the same node wherever it appears (same @id)."""
    return {
        "@id": article_iri(article.id),
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.url,
        "datePublished": article.published,
        "publisher": {"@type": "NewsMediaOrganization", "name": article.source},
    }


def _story_node(story: Story) -> dict[str, Any]:
    record = to_plain(story)
    del record["claims"]  # each group travels in its own ClaimReview
    return {
        "@id": story_iri(story.id),
        "@type": "Collection",
        "name": story.title,
        "hasPart": [{"@id": article_iri(a)} for a in story.articles],
        "spatialCoverage": [
            _drop_nulls({
                "@type": "Place",
                "name": p.name,
                "identifier": f"geonames:{p.geonameid}" if p.geonameid is not None else None,
                "geo": {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}
                if p.lat is not None and p.lon is not None else None,
                "address": {"@type": "PostalAddress", "addressCountry": p.country_code} if p.country_code else None,
            })
            for p in story.places
        ],
        "consilience:record": record,
    }


def _review_node(story: Story, position: int, group: ClaimGroup, articles: dict[str, Article]) -> dict[str, Any]:
    appearing = [articles[a] for a in dict.fromkeys(m.article for m in group.mentions) if a in articles]
    dated = [a for a in appearing if a.published]
    first = min(dated, key=lambda a: a.published) if dated else None  # min keeps mention order on ties
    return {
        "@id": f"urn:consilience:claim:{story.id}:{group.id}",
        "@type": "ClaimReview",
        "claimReviewed": group.summary,
        "author": REVIEWER,
        "isPartOf": {"@id": story_iri(story.id)},
        "itemReviewed": _drop_nulls({
            "@type": "Claim",
            "appearance": [_drop_nulls(_article_stub(a)) for a in appearing],
            "firstAppearance": _drop_nulls(_article_stub(first)) if first else None,
            "author": _claim_authors(group, appearing),
        }),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": group.verdict,
            "ratingExplanation": _explain_rating(group),
        },
        "consilience:story": story_iri(story.id),
        "consilience:position": position,
        "consilience:independentOrigins": group.independent_origins,
        "consilience:record": to_plain(group),
    }


def _claim_authors(group: ClaimGroup, appearing: list[Article]) -> list[dict[str, Any]]:
    """The origins as authors: the upstream sources the reports credit, else the outlets themselves."""
    if not group.origins:
        outlets = dict.fromkeys(a.source for a in appearing)
        return [{"@type": "NewsMediaOrganization", "name": name} for name in outlets]
    kinds = {link.source: link.kind for m in group.mentions for link in m.attribution}
    return [{"@type": _AUTHOR_TYPES.get(kinds.get(origin, ""), "Organization"), "name": origin}
            for origin in group.origins]


def _explain_rating(group: ClaimGroup) -> str:
    reports = count_group_reports(group)
    text = (f"{group.verdict}: {group.independent_origins} independent origin(s) "
            f"across {reports} report(s)")
    if group.conflicts:
        text += "; conflicts: " + " ".join(c.explanation for c in group.conflicts)
    return text


def _drop_nulls(node: dict[str, Any]) -> dict[str, Any]:
    """A node without null-valued properties (JSON-LD drops them anyway; readers need not see them)."""
    return {key: value for key, value in node.items() if value is not None}
