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
