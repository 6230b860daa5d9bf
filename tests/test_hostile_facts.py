"""Odd facts inside an otherwise readable report: no crash, no fabricated value (issue #3, bad input)."""

from __future__ import annotations

import pytest

from consilience import analyze

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def odd_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    long_sentence = "The convoy moved on " + " and on ".join(["through the valley"] * 1250) + "."
    text = (
        "Title: Odd facts\nSource: Test Wire\nPublished: 2024-12-05\n\n"
        "The ceasefire began on 32 Novembre, officials in Hama said.\n\n"
        f"The ministry said {'9' * 500} fighters had been counted near Zzyzxqvilleton.\n\n"
        f"{long_sentence}\n\n"
        "Residents said the bridge had been destroyed. Жители сказали, что мост разрушен.\n"
    )
    (folder / "odd.txt").write_text(text, encoding="utf-8")
    return analyze([folder], store=False)


def test_hostile_facts_report_is_analysed(odd_report):
    assert not odd_report.failed
    [article] = odd_report.articles
    assert article.claims


def test_hostile_facts_garbage_date_is_not_fabricated(odd_report):
    [article] = odd_report.articles
    for mention in article.times:
        if "Novembre" in mention.text:
            assert mention.value is None and mention.reason


def test_hostile_facts_overflowing_number_gives_no_quantity(odd_report):
    [article] = odd_report.articles
    assert not any(q.low is not None and q.low > 1e15 for q in article.quantities)


def test_hostile_facts_unknown_place_has_no_coordinates(odd_report):
    [article] = odd_report.articles
    for mention in article.places:
        if "Zzyzx" in mention.text:
            assert mention.place is None and mention.reason
    assert any(m.place and m.place.geonameid == 170017 for m in article.places)
