import time
from datetime import date, datetime

import pytest

from consilience.ingest.dates import normalise_date


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-12-05", "2024-12-05"),
        ("2024-12-05T10:00:00Z", "2024-12-05"),
        ("2024-12-05T23:30:00-05:00", "2024-12-05"),  # the date as written, not shifted to UTC
        ("Thu, 05 Dec 2024 10:00:00 GMT", "2024-12-05"),
        ("5 December 2024", "2024-12-05"),
        ("December 5, 2024", "2024-12-05"),
        (date(2024, 12, 5), "2024-12-05"),
        (datetime(2024, 12, 5, 22, 0), "2024-12-05"),
        (time.strptime("2024-12-05", "%Y-%m-%d"), "2024-12-05"),
    ],
)
def test_dates_normalise_readable_values(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "December 2024", "not a date", "2024-13-45", "", None, 42])
def test_dates_never_invent_a_day(value):
    assert normalise_date(value) is None
