"""Dates of named holidays."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.annotate.timex_holidays import find_easter, find_holiday


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20))],
)
def test_timex_holidays_easter(year, expected):
    assert find_easter(year) == expected


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("christmas", 2024, date(2024, 12, 25)),
        ("thanksgiving day", 1999, date(1999, 11, 25)),
        ("memorial day", 2024, date(2024, 5, 27)),
        ("labor day", 2024, date(2024, 9, 2)),
        ("election day", 1998, date(1998, 11, 3)),
        ("election day", 2024, date(2024, 11, 5)),
        ("good friday", 2024, date(2024, 3, 29)),
        ("groundhog week", 2024, None),
    ],
)
def test_timex_holidays_find_holiday(name, year, expected):
    assert find_holiday(name, year) == expected
