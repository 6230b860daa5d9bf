"""Resolving discourse-dependent time expressions (no spaCy)."""

from __future__ import annotations

from datetime import date

from consilience.annotate.timex import Timex, interpret_timex
from consilience.annotate.timex_context import last_completed_quarter, resolve_in_context

REF = "1989-10-26"


def _resolve(text: str, surfaces: list[str]) -> list[str | None]:
    found, cursor = [], 0
    for surface in surfaces:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append((start, cursor, interpret_timex(surface, REF)))
    return [t.value for t in resolve_in_context(text, found, date.fromisoformat(REF))]


def test_timex_context_last_completed_quarter():
    assert last_completed_quarter(date(1989, 10, 26)) == (1989, 3)
    assert last_completed_quarter(date(1990, 2, 1)) == (1989, 4)


def test_timex_context_quarter_and_year_earlier_follow_the_named_quarter():
    text = "Profit rose in the second quarter. In the quarter, sales fell from a year earlier."
    assert _resolve(text, ["the second quarter", "the quarter", "a year earlier"]) == ["1989-Q2", "1989-Q2", "1988-Q2"]


def test_timex_context_year_ago_without_quarter_talk_is_a_year():
    text = "The mayor was elected a year earlier."
    assert _resolve(text, ["a year earlier"]) == ["1988"]


def test_timex_context_year_ended_is_a_duration():
    text = "Net income for the year ended March 31 doubled; the year was good."
    found = [(text.index("the year"), text.index("the year") + 8, interpret_timex("the year", REF))]
    (timex,) = resolve_in_context(text, found, date.fromisoformat(REF))
    assert (timex.type, timex.value) == ("DURATION", "P1Y")


def test_timex_context_without_reference_changes_nothing():
    timex = Timex("DATE", None)
    assert resolve_in_context("the quarter", [(0, 11, timex)], None) == [timex]
