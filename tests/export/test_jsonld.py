"""The JSON-LD export: schema.org ClaimReview items with a proper @context, checked by hand."""

from __future__ import annotations

import json

from consilience.export import export_store
from consilience.export.jsonld import NAMESPACE, encode_jsonld_export

JSONLD_KEYWORDS = {"@context", "@id", "@type", "@graph", "@version", "@vocab"}


def _nodes(document, type_name):
    return [n for n in document["@graph"] if n["@type"] == type_name]


def _walk_keys(value):
    """Every object key in a JSON-LD value, except inside @json literals (consilience:record)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            if key not in ("consilience:record", "@context"):
                yield from _walk_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk_keys(inner)


def test_jsonld_is_valid_json_with_a_schema_org_context(tmp_path, stored):
    export_store(stored, "jsonld", tmp_path / "out.jsonld")
    document = json.loads((tmp_path / "out.jsonld").read_text(encoding="utf-8"))
    context = document["@context"]
    assert context["@vocab"] == "https://schema.org/" and context["@version"] == 1.1
    assert context["consilience"] == NAMESPACE and NAMESPACE.startswith("https://")
    assert context["consilience:record"] == {"@type": "@json"}  # opaque literal, not schema.org terms
    # Every term resolves: a keyword, a schema.org term through @vocab, or a declared prefix.
    for key in set(_walk_keys(document)):
        if key.startswith("@"):
            assert key in JSONLD_KEYWORDS, key
        elif ":" in key:
            assert key.split(":", 1)[0] in context, key
        else:
            assert key[0].isalpha() and key.isalnum(), key
    ids = [n["@id"] for n in document["@graph"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:consilience:") for i in ids)


def test_jsonld_claim_review_shape_checked_by_hand(snapshot):
    document = encode_jsonld_export(snapshot)
    reviews = {r["@id"]: r for r in _nodes(document, "ClaimReview")}
    assert list(reviews) == ["urn:consilience:claim:s1:g1", "urn:consilience:claim:s1:g2", "urn:consilience:claim:s1:g3"]
    g1 = reviews["urn:consilience:claim:s1:g1"]
    assert g1["claimReviewed"] == "Rebels entered Hama on Thursday"
    assert g1["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "corroborated",
        "ratingExplanation": "corroborated: 2 independent origin(s) across 2 report(s)",
    }
    assert g1["author"]["@type"] == "Organization"  # the reviewer: Consilience
    assert g1["isPartOf"] == {"@id": "urn:consilience:story:s1"}
    item = g1["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"] == [
        {"@id": "urn:consilience:article:a1", "@type": "NewsArticle", "headline": 'Rebels enter Hama, "army leaves"',
         "url": "https://wire.example/hama", "datePublished": "2024-12-05",
         "publisher": {"@type": "NewsMediaOrganization", "name": "Northern Wire"}},
        {"@id": "urn:consilience:article:b2", "@type": "NewsArticle",
         "publisher": {"@type": "NewsMediaOrganization", "name": "Levant Ledger"}},
    ]
    assert item["firstAppearance"]["@id"] == "urn:consilience:article:a1"  # the only dated report
    assert item["author"] == [{"@type": "NewsMediaOrganization", "name": "Reuters"}]  # a wire, from Attribution.kind
    g2 = reviews["urn:consilience:claim:s1:g2"]
    assert g2["reviewRating"]["alternateName"] == "disputed"
    assert "The reports give incompatible figures." in g2["reviewRating"]["ratingExplanation"]
    assert g2["itemReviewed"]["author"] == [{"@type": "Person", "name": "Ali Şahin"}]
    g3 = reviews["urn:consilience:claim:s1:g3"]
    assert g3["reviewRating"]["alternateName"] == "single-source"
    assert "firstAppearance" not in g3["itemReviewed"]  # b2 has no date: none is invented
    assert [(r["consilience:story"], r["consilience:position"]) for r in reviews.values()] == [
        ("urn:consilience:story:s1", 0), ("urn:consilience:story:s1", 1), ("urn:consilience:story:s1", 2)]


def test_jsonld_claims_without_cited_origins_are_authored_by_their_outlets(snapshot):
    snapshot.stories[0].claims[0].origins = []
    review = _nodes(encode_jsonld_export(snapshot), "ClaimReview")[0]
    assert review["itemReviewed"]["author"] == [
        {"@type": "NewsMediaOrganization", "name": "Northern Wire"},
        {"@type": "NewsMediaOrganization", "name": "Levant Ledger"},
    ]


def test_jsonld_reports_and_stories_are_schema_org_nodes(snapshot):
    document = encode_jsonld_export(snapshot)
    [story] = _nodes(document, "Collection")
    assert story["name"] == "Rebels enter Hama"
    assert story["hasPart"] == [{"@id": "urn:consilience:article:a1"}, {"@id": "urn:consilience:article:b2"}]
    assert story["spatialCoverage"][0]["geo"] == {"@type": "GeoCoordinates", "latitude": 35.13, "longitude": 36.75}
    assert "claims" not in story["consilience:record"]  # groups travel in their ClaimReview
    articles = _nodes(document, "NewsArticle")
    assert [a["@id"] for a in articles] == ["urn:consilience:article:a1", "urn:consilience:article:b2"]
    assert articles[0]["inLanguage"] == "en" and "inLanguage" not in articles[1]
    assert articles[1]["consilience:record"]["path"] == "ledger.txt#row=3"
