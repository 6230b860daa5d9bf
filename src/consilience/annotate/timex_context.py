"""Resolving time expressions that lean on the report's own discourse rather than on its date.

Financial news reports a quarter: once "the third quarter" is named, "the quarter" and "a year
earlier" refer to it (1989-Q3, 1988-Q3), as TimeBank annotates them. "The year ended March 31" is
a one-year span (DURATION P1Y), whereas "the year" alone is the report's year.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .timex import Timex

_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_ORDINAL_QUARTER = re.compile(r"\b(first|second|third|fourth)[ -]quarter", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_THIS_QUARTER = re.compile(r"^(?:the |that |its )?(?:latest |same |comparable |fiscal )?(?:quarter|period)$")
_YEAR_AGO = re.compile(
    r"^(?:the |a |an )?(?:comparable |corresponding )?(?:year[- ](?:ago|earlier)|(?:a )?year (?:ago|earlier)|last year's)"
    r"(?: (?:fiscal )?(?:first |second |third |fourth )?(?:quarter|period))?$"
    r"|^(?:the )?(?:quarter|period) a year (?:ago|earlier)$"
)
_BARE_YEAR = re.compile(r"^(?:the )?(?:fiscal )?year$")
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)


def last_completed_quarter(ref: date) -> tuple[int, int]:
    """(year, quarter) of the last full quarter before the reference: what earnings news reports."""
    quarter = (ref.month - 1) // 3  # 0 means the fourth quarter of the previous year
    return (ref.year, quarter) if quarter else (ref.year - 1, 4)


def resolve_in_context(text: str, found: list[tuple[int, int, Timex]], ref: date | None) -> list[Timex]:
    """The timexes of `found` (document order), with discourse-dependent ones resolved."""
    if ref is None:
        return [timex for _, _, timex in found]
    financial = "quarter" in text.lower()
    quarter = last_completed_quarter(ref)
    resolved = []
    for start, end, timex in found:
        surface = re.sub(r"\s+", " ", text[start:end].lower()).strip()
        named = _QUARTER_VALUE.match(timex.value or "")
        if named:
            quarter = (int(named[1]), int(named[2]))
        elif _YEAR_AGO.match(surface) and (financial or timex.value is None):
            timex = _year_ago(surface, quarter, ref, financial)
        elif timex.value is None and _THIS_QUARTER.match(surface) and financial:
            timex = Timex("DATE", f"{quarter[0]:04d}-Q{quarter[1]}")
        elif _BARE_YEAR.match(surface) and _ENDED_AFTER.match(text, end):
            timex = Timex("DURATION", "P1Y")
        elif timex.value is None and _BARE_YEAR.match(surface):
            timex = Timex("DATE", f"{ref.year:04d}")
        resolved.append(timex)
    return resolved


def _year_ago(surface: str, quarter: tuple[int, int], ref: date, financial: bool) -> Timex:
    if not financial:
        return Timex("DATE", f"{ref.year - 1:04d}")
    ordinal = _ORDINAL_QUARTER.search(surface)
    number = _ORDINALS[ordinal[1].lower()] if ordinal else quarter[1]
    return replace(Timex("DATE", f"{quarter[0] - 1:04d}-Q{number}"))
