"""Trimming candidate spans to TimeML extents (pure string logic)."""

from __future__ import annotations

import pytest

from consilience.annotate.timex_spans import refine_span


def _pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in refine_span(text, 0, len(text))]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("the quarter ended Sept. 30", ["the quarter", "Sept. 30"]),
        ("Aug. 26 to Oct. 20", ["Aug. 26", "Oct. 20"]),
        ("two to three weeks", ["two to three weeks"]),
        ("up to 180 days", ["up to 180 days"]),
        ("last year's", ["last year"]),
        ("earlier this week", ["this week"]),
        ("about two weeks", ["two weeks"]),
        ("about two years ago", ["about two years ago"]),
        ("Three days later", ["Three days"]),
        ("the first nine months of 1997", ["the first nine months", "1997"]),
        ("6-year-old", []),
        ("52", []),
        ("quarterly", []),
    ],
)
def test_timex_spans_trims_to_timeml_extents(candidate, expected):
    assert _pieces(candidate) == expected


def test_timex_spans_extends_weekday_with_part_of_day():
    text = "They met Wednesday night in Paris."
    start = text.index("Wednesday")
    (span,) = refine_span(text, start, start + len("Wednesday"))
    assert text[slice(*span)] == "Wednesday night"


def test_timex_spans_extends_clock_time_with_its_day():
    text = "Polls close at 9 a.m. Tuesday, officials said."
    start = text.index("9 a.m.")
    (span,) = refine_span(text, start, start + len("9 a.m."))
    assert text[slice(*span)] == "9 a.m. Tuesday"
