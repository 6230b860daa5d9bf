"""The dateparser fallback for odd spellings of dates (no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.annotate.timex_fallback import interpret_fallback

REF = date(2024, 12, 6)


@pytest.mark.parametrize(
    ("core", "expected"),
    [
        ("5/3/2013", "2013-05-03"),
        ("2013.03.05", "2013-03-05"),
    ],
)
def test_timex_fallback_reads_numeric_dates(core, expected):
    assert interpret_fallback(core, REF).value == expected


@pytest.mark.parametrize("core", ["1960s and 70s", "the blue hour", "x" * 50, "32 novembre 2024"])
def test_timex_fallback_invents_nothing(core):
    timex = interpret_fallback(core, REF)
    assert timex.value is None
    assert timex.reason


def test_timex_fallback_refuses_a_year_nobody_wrote():
    # dateparser reads "March 16/17" as 16 March 1917; no four-digit year is written, so no value
    timex = interpret_fallback("march 16/17", date(2013, 3, 21))
    assert timex.value is None and "invent" in timex.reason
