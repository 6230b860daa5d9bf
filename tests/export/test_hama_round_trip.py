"""The real pipeline's store for examples/hama survives every export format unchanged."""

from __future__ import annotations

import json

import pytest

from consilience.export import FORMATS, export_store, import_export
from consilience.store import SQLiteStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hama_store(tmp_path_factory, example_dir):
    """The shipped example analysed once by the real pipeline into a store in a temporary folder."""
    from consilience import analyze

    path = tmp_path_factory.mktemp("hama") / "hama.db"
    result = analyze([example_dir], db=path)
    assert not result.failed
    store = SQLiteStore(path)
    yield store
    store.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_hama_round_trip_every_format(tmp_path, hama_store, fmt):
    out = tmp_path / ("export.zip" if fmt in ("csv", "parquet") else f"export.{fmt}")
    result = export_store(hama_store, fmt, out)
    assert result.counts.articles == 4 and result.counts.stories == 1 and result.counts.claims >= 10
    with SQLiteStore(tmp_path / "copy.db") as copy:
        import_export(out, copy)
        import_export(out, copy)  # idempotent
        assert copy.list_articles() == hama_store.list_articles()
        assert copy.load_stories() == hama_store.load_stories()


def test_hama_jsonld_has_one_claim_review_per_claim_with_its_verdict(tmp_path, hama_store):
    export_store(hama_store, "jsonld", tmp_path / "hama.jsonld")
    document = json.loads((tmp_path / "hama.jsonld").read_text(encoding="utf-8"))
    reviews = [n for n in document["@graph"] if n["@type"] == "ClaimReview"]
    [story] = hama_store.load_stories()
    assert [r["claimReviewed"] for r in reviews] == [g.summary for g in story.claims]
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [g.verdict for g in story.claims]
    disputed = [r for r in reviews if r["reviewRating"]["alternateName"] == "disputed"]
    assert disputed and all("conflicts:" in r["reviewRating"]["ratingExplanation"] for r in disputed)
    for review in reviews:  # every example report is dated, so each claim has a first appearance
        dates = [a["datePublished"] for a in review["itemReviewed"]["appearance"]]
        assert review["itemReviewed"]["firstAppearance"]["datePublished"] == min(dates)
    assert {r["itemReviewed"]["firstAppearance"]["datePublished"] for r in reviews} == {"2024-12-05", "2024-12-06"}
