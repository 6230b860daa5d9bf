"""Quantities as intervals with units, and their compatibility across reports."""

from __future__ import annotations

import time

import pytest

from consilience.annotate.quantities import (
    duration_quantities,
    find_quantities,
    intervals_compatible,
    normalize_unit,
    parse_quantity,
    quantity_values,
)
from consilience.model import Quantity

INF = None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("136 kilometers", (136, 136, False, "kilometer")),
        ("more than half a million people", (500_000, INF, True, "people")),
        ("hundreds", (100, 999, True, None)),
        ("hundreds of civilians", (100, 999, True, "civilian")),
        ("thousands of fighters", (1000, 9999, True, "fighter")),
        ("tens of thousands", (10_000, 99_999, True, None)),
        ("dozens", (24, 99, True, None)),
        ("at least 20", (20, INF, False, None)),
        ("about 300", (270, 330, True, None)),
        ("nearly 50", (45, 50, True, None)),
        ("fewer than 10", (INF, 10, True, None)),
        ("up to 40 percent", (INF, 40, False, "percent")),
        ("two", (2, 2, False, None)),
        ("1.2 million", (1_200_000, 1_200_000, False, None)),
        ("460,000", (460_000, 460_000, False, None)),
        ("5,000 words", (5000, 5000, False, "word")),
        ("40%", (40, 40, False, "percent")),
        ("$5 million", (5_000_000, 5_000_000, False, "dollar")),
        ("between 20 and 30", (20, 30, False, None)),
        ("two to three million", (2_000_000, 3_000_000, False, None)),
        ("20-30", (20, 30, False, None)),
        ("twenty-five", (25, 25, False, None)),
    ],
)
def test_quantities_parse_intervals(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["10^400", "1" * 500, "several", "the army"])
def test_quantities_parse_refuses_absurd_or_non_numbers(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("word", "key"),
    [("kilometers", "kilometer"), ("km", "kilometer"), ("kilometres", "kilometer"), ("people", "people"),
     ("persons", "people"), ("civilians", "civilian"), ("casualties", "casualty"), ("%", "percent")],
)
def test_quantities_normalize_unit(word, key):
    assert normalize_unit(word) == key


def _q(low, high, unit=None, approx=False):
    return Quantity("x", 0, 1, low, high, unit, approx)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (_q(500_000, None, "people", True), _q(460_000, 460_000, "people"), True),  # rounding tolerance
        (_q(500_000, None, "people", False), _q(460_000, 460_000, "people"), False),  # "at least" is strict
        (_q(100, 999, None, True), _q(1000, 9999, None, True), False),  # hundreds vs thousands
        (_q(136, 136, "kilometer"), _q(80, 80, "kilometer"), False),
        (_q(136, 136, "kilometer"), _q(136, 136, "km"), True),  # synonyms
        (_q(136, 136, "kilometers"), _q(136, 136, "kilometer"), True),  # plural
        (_q(136, 136, "kilometer"), _q(136, 136, "mile"), False),  # different units
        (_q(270, 330, None, True), _q(300, 300, "people"), True),  # unknown unit compares with any
        (_q(None, 10, None, True), _q(11, 11), True),  # "fewer than 10" vs 11: within tolerance
        (_q(None, 10, None, True), _q(20, 20), False),
        (_q(24, 99, "tank", True), _q(40, 40, "tanks"), True),
    ],
)
def test_quantities_intervals_compatible(a, b, compatible):
    assert intervals_compatible(a, b) is compatible
    assert intervals_compatible(b, a) is compatible


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (_q(500_000, None, "people", True), "≥500000 people"),
        (_q(136, 136, "kilometer"), "136 kilometer"),
        (_q(270, 330), "270–330"),
        (_q(None, 40, "percent"), "≤40 percent"),
        (_q(1.5, 1.5, "kilometer"), "1.5 kilometer"),
    ],
)
def test_quantities_values_display(quantity, shown):
    assert quantity_values(quantity) == shown


# --- on parsed documents ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


def _found(nlp, text):
    return [(q.text, q.low, q.high, q.unit, q.approx) for q in find_quantities(nlp(text))]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy drove 136 kilometers north.", ("136 kilometers", 136, 136, "kilometer", False)),
        ("More than half a million people fled the city.", ("More than half a million", 500_000, None, "people", True)),
        ("Hundreds of civilians were trapped.", ("Hundreds", 100, 999, "civilian", True)),
        ("The rebels said thousands of fighters had joined.", ("thousands", 1000, 9999, "fighter", True)),
        ("Officials counted 460,000 refugees at the border.", ("460,000", 460_000, 460_000, "refugee", False)),
        ("The report ran to 5,000 words.", ("5,000", 5000, 5000, "word", False)),
        ("Turnout fell to 40% this year.", ("40%", 40, 40, "percent", False)),
        ("Two men were arrested.", ("Two", 2, 2, "man", False)),
    ],
)
def test_quantities_find_in_text(nlp, text, expected):
    assert expected in _found(nlp, text)


@pytest.mark.slow
def test_quantities_skip_dates_years_and_ordinals(nlp):
    found = _found(nlp, "On December 5, 2024, the second convoy arrived, as it had in 2011.")
    assert found == []


@pytest.mark.slow
def test_quantities_skip_absurd_numbers(nlp):
    text = "The figure was " + "9" * 500 + " and then 10^400 dollars, and 12 trucks."
    found = _found(nlp, text)
    assert [f[1] for f in found] == [12]


@pytest.mark.slow
def test_quantities_long_sentence_is_bounded(nlp):
    text = " ".join(["three soldiers and"] * 1700) + " 40 tanks."  # one ~5,100-word sentence
    doc = nlp(text)
    started = time.perf_counter()
    found = find_quantities(doc)
    assert time.perf_counter() - started < 30.0  # a hang guard, not a speed claim
    assert found[-1].low == 40


def test_quantities_counted_durations_become_time_quantities():
    from consilience.model import Quantity, TimeMention

    times = [TimeMention("six months", 10, 20, "DURATION", "P6M"),
             TimeMention("40-60 hours", 30, 41, "DURATION", "PT40H"),  # the value drops the range
             TimeMention("nearly 14 years", 50, 65, "DURATION", "P14Y"),
             TimeMention("a month", 70, 77, "DURATION", "P1M"),  # no count: a span of time, not a figure
             TimeMention("years", 80, 85, "DURATION", "PXY"),
             TimeMention("Friday", 90, 96, "DATE", "2014-05-02"),
             TimeMention("two weeks", 100, 109, "DURATION", "P2W")]
    already = [Quantity("two weeks", 100, 109, 2.0, 2.0, "week")]
    found = duration_quantities(times, already)
    assert [(q.text, q.low, q.high, q.unit, q.approx) for q in found] == [
        ("six months", 6.0, 6.0, "month", False),
        ("40-60 hours", 40.0, 60.0, "hour", False),
        ("nearly 14 years", 12.6, 14.0, "year", True),
    ]
    assert [(q.start, q.end) for q in found] == [(10, 20), (30, 41), (50, 65)]
    # "40-60 hours" and "a 60-hour course" can both be true; six months and eight months cannot.
    sixty = Quantity("60-hour", 0, 7, 60.0, 60.0, "hour")
    assert intervals_compatible(found[1], sixty)
    assert not intervals_compatible(found[0], Quantity("eight months", 0, 12, 8.0, 8.0, "month"))
