"""Calendar-date rules and helpers of `timex_calendar` (pure logic, no spaCy)."""

from __future__ import annotations

import pytest

from consilience.annotate.timex import interpret_timex, normalize_timex
from consilience.annotate.timex_calendar import CALENDAR_RULES, check_day, shift_months


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [(2024, 2, 29, True), (2023, 2, 29, False), (None, 2, 29, True), (2024, 11, 31, False), (2024, 12, 31, True)],
)
def test_timex_calendar_check_day(year, month, day, ok):
    reason = check_day(year, month, day)
    assert (reason is None) == ok
    if not ok:
        assert "no day" in reason


@pytest.mark.parametrize(
    ("year", "month", "months", "expected"),
    [(2024, 12, 1, (2025, 1)), (2024, 1, -1, (2023, 12)), (2024, 6, -18, (2022, 12)), (2024, 3, 0, (2024, 3))],
)
def test_timex_calendar_shift_months(year, month, months, expected):
    assert shift_months(year, month, months) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 1990s", "199"),
        ("the second half of 1989", "1989-H2"),
        ("Q3 2024", "2024-Q3"),
        ("winter 2023", "2023-WI"),
        ("November 31", None),  # no such day: no value, whatever the year
    ],
)
def test_timex_calendar_rules_through_normalize(text, expected):
    assert normalize_timex(text, "2024-12-06")[1] == expected


def test_timex_calendar_rules_are_all_named():
    assert {"iso", "mdy", "md", "month", "year", "decade", "quarter", "season", "half_year"} <= set(CALENDAR_RULES)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("November 30", "future", "2024-11-30"),  # a future clause naming a date just gone: a misread tense, not next year
        ("October 1", "future", "2025-10-01"),
        ("December 20", "past", "2024-12-20"),  # two weeks ahead stays ahead
    ],
)
def test_timex_calendar_year_less_dates_keep_a_grace_either_way(text, direction, expected):
    assert interpret_timex(text, "2024-12-06", direction).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the first quarter of this year", "2024-Q1"),
        ("the fourth quarter of last year", "2023-Q4"),
        ("the second quarter of next year", "2025-Q2"),
    ],
)
def test_timex_calendar_quarter_of_a_relative_year(text, expected):
    assert normalize_timex(text, "2024-12-06") == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "reference", "direction", "expected"),
    [
        ("the summer", "2013-03-20", "past", "2012-SU"),  # "the storm hit in the summer", said in March
        ("the autumn", "2013-10-20", "past", "2013-FA"),
        ("the spring", "2013-10-20", "future", "2014-SP"),  # "will reopen in the spring", said in October
        ("the summer", "2013-03-20", "future", "2013-SU"),
        ("the winter", "2013-03-20", "past", "2013-WI"),  # winter straddles the new year: left as it is
        ("last summer", "2013-10-20", "future", "2012-SU"),  # an explicit word wins over the tense
    ],
)
def test_timex_calendar_year_less_season_follows_clause_tense(text, reference, direction, expected):
    assert interpret_timex(text, reference, direction).value == expected


def test_timex_calendar_a_day_range_without_spaces_keeps_its_first_day():
    # "March 16-17" once went to the fallback parser, which read the "17" as the year 1917
    assert normalize_timex("March 16-17", "2013-03-21") == ("DATE", "2013-03-16")
    assert normalize_timex("the week to March 15", "2013-03-21") == ("DATE", "2013-W11")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the second half of the year", "2024-H2"),  # the report's year, as "this year"
        ("the first half of the fiscal year", "2024-H1"),
        ("the first two quarters of 1990", "1990-H1"),  # TimeBank: 1990-H1
        ("the last two quarters of the year", "2024-H2"),
        ("the fiscal year 2012", "2012"),  # a fiscal year is named by its year (TIMEX3 1.2.1)
        ("fiscal year 1991", "1991"),
        ("FY2013", "2013"),
        ("the decade of the 1980s", "198"),
    ],
)
def test_timex_calendar_halves_fiscal_years_and_named_decades(text, expected):
    assert normalize_timex(text, "2024-12-06")[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the last half of the '80s", "198"), ("the first half of the 1990s", "199"), ("the second half of 1989", "1989-H2")],
)
def test_timex_calendar_half_of_a_decade_is_the_decade(text, expected):
    # TimeBank: "the last half of the '80s" is 198; a half of a year stays a half-year
    assert normalize_timex(text, "1989-10-26")[1] == expected


def test_timex_calendar_tax_year_is_its_year():
    assert normalize_timex("the 2013 tax year", "2014-04-10") == ("DATE", "2013")


def test_timex_calendar_a_season_of_a_year_is_that_year():
    assert normalize_timex("the 2012 season", "2013-03-14") == ("DATE", "2012")


def test_timex_calendar_range_across_months_is_its_first_day():
    # "a March 31-April 4 survey": as "March 16-17", the value is the first day (HeidelTime's range rule)
    assert normalize_timex("March 31-April 4", "2011-04-07") == ("DATE", "2011-03-31")
