"""Counting independent origins: origins, not reports."""

from __future__ import annotations

import pytest

from consilience.model import Attribution, Claim, Mention
from consilience.verdicts.independence import independent_origins, jaccard, lineage, mention_origin, shingles

REUTERS = Attribution("Reuters", "reported", "reuters", "wire")
ARMY = Attribution("the Syrian army", "said", "syrian army", "military")


def mention(article: str, text: str, source: str | None = None, attribution=None) -> tuple[Mention, Claim]:
    cid = f"{article}:{text}"
    m = Mention(article=article, claim=cid, text=text, start=0, end=len(text), attribution=list(attribution or []),
                source=source)
    c = Claim(id=cid, article_id=article, text=text, start=0, end=len(text), sentence=0)
    return m, c


def count(pairs) -> tuple[int, list[str]]:
    mentions = [m for m, _ in pairs]
    claims = {c.id: c for _, c in pairs}
    return independent_origins(mentions, claims)


def test_independence_two_reports_citing_reuters_count_once():
    pairs = [mention("a", "Rebels entered the city of Hama on Thursday", "BBC", [REUTERS]),
             mention("b", "Opposition fighters have taken control of Hama", "CNN", [REUTERS])]
    assert count(pairs) == (1, ["Reuters"])


def test_independence_own_reporting_counts_per_outlet():
    pairs = [mention("a", "Rebels entered the city of Hama on Thursday", "BBC"),
             mention("b", "Opposition fighters have taken control of Hama", "CNN")]
    assert count(pairs) == (2, [])


def test_independence_same_outlet_twice_counts_once():
    pairs = [mention("a", "Rebels entered the city of Hama on Thursday", "BBC"),
             mention("b", "Opposition fighters have taken control of Hama", "bbc")]
    assert count(pairs)[0] == 1


def test_independence_near_duplicate_wording_counts_once():
    pairs = [mention("a", "Rebels entered the city of Hama on Thursday after heavy fighting", "BBC"),
             mention("b", "Rebels entered the city of Hama on Thursday after heavy fighting, AFP", "CNN")]
    assert count(pairs)[0] == 1


def test_independence_cited_source_and_own_reporting_are_two():
    pairs = [mention("a", "Rebels entered the city of Hama on Thursday", "BBC", [ARMY]),
             mention("b", "Opposition fighters have taken control of Hama", "CNN")]
    assert count(pairs) == (2, ["the Syrian army"])


def test_independence_upstream_names_the_outermost_link_once():
    pairs = [mention("a", "Rebels entered Hama", "BBC", [REUTERS, ARMY]),
             mention("b", "Fighters took control of the city", "CNN", [REUTERS]),
             mention("c", "The army left its positions", "DW", [ARMY])]
    assert count(pairs) == (2, ["Reuters", "the Syrian army"])


def test_independence_transitive_merge():
    # a and b share Reuters, b and c are near-copies: all three rest on one origin.
    pairs = [mention("a", "Rebels entered Hama", "BBC", [REUTERS]),
             mention("b", "Opposition fighters have taken full control of Hama on Thursday", "CNN", [REUTERS]),
             mention("c", "Opposition fighters have taken full control of Hama on Thursday", "DW")]
    assert count(pairs)[0] == 1


def test_independence_no_mentions():
    assert independent_origins([], {}) == (0, [])


@pytest.mark.parametrize(
    ("attribution", "source", "expected"),
    [
        ([REUTERS, ARMY], "BBC", ("reuters", "Reuters")),  # the outermost link
        ([ARMY], "BBC", ("syrian army", "the Syrian army")),
        ([], "BBC", ("outlet:bbc", "BBC")),
        ([], None, ("outlet:art-1", "art-1")),  # no outlet known: the article stands for itself
    ],
)
def test_independence_mention_origin_table(attribution, source, expected):
    m = Mention(article="art-1", claim="c", text="t", start=0, end=1, attribution=attribution, source=source)
    assert mention_origin(m) == expected


@pytest.mark.parametrize(
    ("attribution", "source", "expected"),
    [
        ([REUTERS, ARMY], "BBC", ["BBC", "Reuters", "the Syrian army"]),
        ([], "BBC", ["BBC"]),
        ([REUTERS], None, ["art-1", "Reuters"]),
    ],
)
def test_independence_lineage_lists_report_then_sources(attribution, source, expected):
    m = Mention(article="art-1", claim="c", text="t", start=0, end=1, attribution=attribution, source=source)
    assert lineage(m) == expected


def test_independence_shingles_and_jaccard():
    assert shingles("Rebels entered Hama today") == {("rebels", "entered", "hama"), ("entered", "hama", "today")}
    assert shingles("Two words") == {("two", "words")}
    assert shingles("") == set()
    assert jaccard(shingles("a b c d"), shingles("a b c e")) == pytest.approx(1 / 3)
    assert jaccard(set(), {("a",)}) == 0.0
