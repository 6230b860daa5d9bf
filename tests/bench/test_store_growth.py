from datetime import date
from pathlib import Path

import pytest

from consilience.bench import store_growth
from consilience.bench.store_growth import copy_article, cost_at, measure_store_growth, stream
from consilience.model import Article, Claim

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hama"


def _article(n: int) -> Article:
    claim = Claim(id=f"a{n}:c0", article_id=f"a{n}", text="Rebels entered the city.", start=0, end=24, sentence=0)
    return Article(id=f"a{n}", text="Rebels entered the city.", source=f"Outlet {n}", claims=[claim])


def test_store_growth_copy_has_new_ids_for_report_and_claims_and_keeps_text():
    original = _article(1)
    copy = copy_article(original, 2, date(2020, 3, 1))
    assert copy.id == "a1~2" and copy.published == "2020-03-01"
    assert [c.id for c in copy.claims] == ["a1:c0~2"] and copy.claims[0].article_id == "a1~2"
    assert copy.text == original.text and original.claims[0].article_id == "a1"  # the original is untouched
    assert copy_article(original, 0, date(2020, 1, 1)).id == "a1"


def test_store_growth_stream_cycles_and_dates_advance_per_day():
    reports = list(stream([_article(0), _article(1)], 5, per_day=2))
    assert [a.id for a in reports] == ["a0", "a1", "a0~1", "a1~1", "a0~2"]
    assert [a.published for a in reports] == ["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-02", "2020-01-03"]


def test_store_growth_cost_at_takes_the_median_of_the_batches_ending_there():
    batches = [{"store_size": 100 * (i + 1), "ms_per_report": float(i)} for i in range(30)]
    assert cost_at(batches, 1000) == 4.5  # batches 1..10 -> 0..9
    assert cost_at(batches, 3000) == 24.5  # batches 21..30 -> 20..29
    assert cost_at(batches, 150) is None  # no batch ends there
    assert cost_at(batches, 5000) is None  # never reached


@pytest.mark.slow
@pytest.mark.parametrize("skip_align", [False, True])
def test_store_growth_streams_real_reports_into_a_store(monkeypatch, skip_align):
    from consilience.engine import analyze

    base = analyze([EXAMPLE], store=False).articles
    monkeypatch.setattr(store_growth, "analysed_base", lambda limit=None: base[:limit])
    result = measure_store_growth(16, batch=4, per_day=1.0, base_limit=None, checkpoints=[8, 16],
                                  skip_align=skip_align)
    assert result["stored_reports"] == 16
    assert [b["store_size"] for b in result["batches"]] == [4, 8, 12, 16]
    assert set(result["ms_per_report_at"]) == {"8", "16"} and result["ratio_largest_vs_smallest"] > 0
    # 4 days per pass through 4 reports: copies 4 days apart stay inside the 30-day window, one story
    assert result["stories"] >= 1 and result["peak_rss_mb"] > 0
