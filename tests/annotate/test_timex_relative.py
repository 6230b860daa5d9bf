"""Dates counted from the reference, `timex_relative` (pure logic, no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.annotate.timex import interpret_timex
from consilience.annotate.timex_relative import anchor_period, format_day

FRIDAY = date(2024, 12, 6)  # ISO week 49


@pytest.mark.parametrize(
    ("unit", "step", "expected"),
    [
        ("day", -1, "2024-12-05"),
        ("week", -1, "2024-W48"),
        ("weekend", 0, "2024-W49-WE"),
        ("month", 1, "2025-01"),
        ("quarter", -1, "2024-Q3"),
        ("year", -2, "2022"),
        ("decade", -1, "201"),
        ("century", 0, "20"),
    ],
)
def test_timex_relative_anchor_period_keeps_granularity(unit, step, expected):
    assert anchor_period(FRIDAY, unit, step) == expected


def test_timex_relative_format_day_without_a_day_is_unspecified():
    assert format_day(None) == "XXXX-XX-XX"
    assert format_day(FRIDAY, 2) == "2024-12-04"


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("Monday", "past", "2024-12-02"),
        ("Monday", "future", "2024-12-09"),
        ("the weekend", "past", "2024-W48-WE"),
        ("two years ago", None, "2022"),
        ("recent years", None, "PXY"),
        ("decades ago", None, "PAST_REF"),
    ],
)
def test_timex_relative_rules_follow_direction(text, direction, expected):
    assert interpret_timex(text, FRIDAY.isoformat(), direction).value == expected


def test_timex_relative_uncounted_offsets_keep_only_their_side():
    assert interpret_timex("years from now", FRIDAY.isoformat()).value == "FUTURE_REF"
    assert interpret_timex("months ago", FRIDAY.isoformat()).value == "PAST_REF"


def test_timex_relative_a_year_and_a_half_ago_is_a_month():
    assert interpret_timex("a year and a half ago", FRIDAY.isoformat()).value == "2023-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this Friday", "2013-03-22"),  # said on Wednesday: the Friday of this week, still ahead
        ("this Monday", "2013-03-18"),  # ... and the Monday of this week, gone
        ("this coming Friday", "2013-03-22"),
        ("this past Friday", "2013-03-15"),
    ],
)
def test_timex_relative_this_weekday_is_in_the_reference_week(text, expected):
    assert interpret_timex(text, "2013-03-20").value == expected


def test_timex_relative_future_clause_naming_todays_weekday_means_today():
    # "the vote is set for Wednesday", written on a Wednesday; "next Wednesday" is the week after
    assert interpret_timex("Wednesday", "2013-03-20", "future").value == "2013-03-20"
    assert interpret_timex("next Wednesday", "2013-03-20", "future").value == "2013-03-27"
    assert interpret_timex("Friday", "2013-03-20", "future").value == "2013-03-22"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two years ago this month", "2011-03"),  # an anniversary keeps the month
        ("a decade ago this week", "2003-W12"),
        ("10 years ago this week", "2003-W12"),
    ],
)
def test_timex_relative_anniversary_keeps_the_finer_unit(text, expected):
    assert interpret_timex(text, "2013-03-21").value == expected


def test_timex_relative_a_year_from_today_lies_ahead():
    timex = interpret_timex("a year from today", "2024-12-06")
    assert (timex.type, timex.value) == ("DATE", "2025")


def test_timex_relative_back_and_fiscal_and_last_evening():
    cases = {"two years back": ("DATE", "2022"), "a few weeks back": ("DATE", "PAST_REF"),
             "the last fiscal year": ("DATE", "2023"), "last evening": ("TIME", "2024-12-05TEV")}
    for text, expected in cases.items():
        timex = interpret_timex(text, "2024-12-06")
        assert (timex.type, timex.value) == expected, text
