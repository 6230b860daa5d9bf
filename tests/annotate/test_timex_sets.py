"""Repeated times (TIMEX3 SET), `timex_sets` (pure logic, no spaCy)."""

from __future__ import annotations

import pytest

from consilience.annotate.timex import normalize_timex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every week", ("SET", "P1W")),
        ("each July", ("SET", "XXXX-07")),
        ("every Thursday", ("SET", "XXXX-WXX-4")),
        ("twice a year", ("SET", "P1Y")),
        ("quarterly", ("SET", "P3M")),
        ("every quarter", ("SET", "P1Q")),
        ("every morning", ("SET", "XXXX-XX-XXTMO")),
        ("every four years", ("SET", "P4Y")),  # the period between repetitions
        ("every few weeks", ("SET", "PXW")),
    ],
)
def test_timex_sets_values(text, expected):
    assert normalize_timex(text, "2024-12-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mondays", ("SET", "XXXX-WXX-1")),
        ("on Fridays", ("SET", "XXXX-WXX-5")),
        ("Tuesday nights", ("SET", "XXXX-WXX-2TNI")),  # TimeBank: "flights leave on Tuesday nights"
        ("Tuesday night", ("TIME", "2024-12-03TNI")),  # one night stays a date
    ],
)
def test_timex_sets_plural_weekdays_repeat_every_week(text, expected):
    assert normalize_timex(text, "2024-12-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every summer", ("SET", "XXXX-SU")),  # a season repeats as "each July" does
        ("each winter", ("SET", "XXXX-WI")),
        ("every weekend", ("SET", "XXXX-WXX-WE")),
    ],
)
def test_timex_sets_seasons_and_weekends_repeat(text, expected):
    assert normalize_timex(text, "2024-12-06") == expected


def test_timex_sets_one_season_is_no_repetition():
    # "a summer job": one summer, no SET
    assert normalize_timex("a summer", "2024-12-06")[0] != "SET"
