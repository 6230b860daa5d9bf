"""Counting and writing TIMEX3 durations (pure string logic)."""

from __future__ import annotations

import pytest

from consilience.annotate.timex import normalize_timex
from consilience.annotate.timex_durations import format_duration, read_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two", 2.0),
        ("13", 13.0),
        ("a", 1.0),
        ("a couple of", 2.0),
        ("couple", 2.0),
        ("several", "X"),
        ("2 1/2", 2.5),
        ("two and a half", 2.5),
        ("another 10", 10.0),
        ("an additional", 1.0),
        ("two more", 2.0),
        ("blue", None),
        ("9" * 40, None),  # an overflowing number is no count
    ],
)
def test_timex_durations_read_count(text, expected):
    assert read_count(text) == expected


@pytest.mark.parametrize(
    ("count", "unit", "expected"),
    [
        (2.0, "week", "P2W"),
        (48.0, "hour", "PT48H"),
        (2.5, "year", "P2Y6M"),
        (1.5, "minute", "PT1M30S"),
        (5.5, "hour", "PT5H30M"),
        (0.5, "hour", "PT30M"),
        (1.5, "day", "P1DT12H"),
        (1.5, "week", "P1.5W"),  # no whole smaller unit: the decimal stays
        ("X", "decade", "PXY"),
        (1.0, "decade", "P10Y"),
        (2.0, "quarter", "P2Q"),
        ("X", "quarter", "PXQ"),
        (1.0, "fortnight", "P2W"),
    ],
)
def test_timex_durations_format_duration(count, unit, expected):
    assert format_duration(count, unit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a one-year term", "P1Y"), ("a three-year period", "P3Y"), ("the 12-month period", "P12M")],
)
def test_timex_durations_a_counted_term_or_period_is_its_length(text, expected):
    assert normalize_timex(text, "2013-03-20") == ("DURATION", expected)


def test_timex_durations_within_days_is_a_vague_span():
    # HeidelTime reads "within days" as an unspecified number of days
    assert normalize_timex("within days", "2024-12-06") == ("DURATION", "PXD")
    assert normalize_timex("within weeks", "2024-12-06") == ("DURATION", "PXW")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the first hours", ("DURATION", "PTXH")), ("the final days", ("DURATION", "PXD")), ("the first day", ("DATE", None))],
)
def test_timex_durations_first_hours_are_an_uncounted_stretch(text, expected):
    # "taken in the first hours of the ground war" (TimeBank: PTXH); one "first day" needs its event
    assert normalize_timex(text, "2024-12-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a matter of days", ("DURATION", "PXD")),
        ("all three years", ("DURATION", "P3Y")),  # "president of his class all three years"
        ("those three decades", ("DURATION", "P30Y")),
        ("a full day", ("DURATION", "P1D")),
        ("the weeks and months ahead", ("DURATION", "PXW")),  # alternatives: the first unit names the span
    ],
)
def test_timex_durations_quantifier_phrases_keep_their_count(text, expected):
    assert normalize_timex(text, "2024-12-06") == expected
