"""Resolving time expressions that lean on the report's own discourse rather than on its date.

Financial news reports a quarter: once "the third quarter" is named, "the quarter" and "a year
earlier" refer to it (1989-Q3, 1988-Q3), as TimeBank annotates them. "The year ended March 31" is
a one-year span (DURATION P1Y), whereas "the year" alone is the report's year.

Anaphoric expressions ("that year", "later that day", "the following month", "the previous
Friday") point at the last date the text mentioned, not at the report's date (HeidelTime's
narrative rule); without such a date they keep their reading against the report's date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from .timex import MONTHS, PARTS_OF_DAY, WEEKDAYS, Timex

_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_QUARTER = re.compile(r"^\d{4}-QX$")
_ORDINAL_QUARTER = re.compile(r"\b(first|second|third|fourth)[ -]quarter", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_THIS_QUARTER = re.compile(r"^(?:the |that |its )?(?:latest |same |comparable |fiscal )?(?:quarter|period)$")
_YEAR_AGO = re.compile(
    r"^(?:the |a |an )?(?:comparable |corresponding )?(?:year[- ](?:ago|earlier)|(?:a )?year (?:ago|earlier)|last year's)"
    r"(?: (?:fiscal )?(?:first |second |third |fourth )?(?:quarter|period))?$"
    r"|^(?:the )?(?:quarter|period) a year (?:ago|earlier)$"
)
# "the first nine months", "the six months": the half-year and nine-month results of earnings reports
_MONTHS_SPAN = re.compile(r"^P(?:6|9)M$")
_MONTHS_PERIOD_REACH = 200
_BARE_YEAR = re.compile(r"^(?:(?:earlier |later )?in )?(?:the )?(?:fiscal )?year$")
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)
_ANAPHORIC = re.compile(
    r"^(?:earlier |later )?(?:that|the same) (?P<unit>day|morning|afternoon|evening|night|month|year)$"
    r"|^(?:early |late )?the (?P<unit0>day|morning|afternoon|evening)$"
    r"|^(?:the )?(?P<rel>following|previous|prior) (?P<unit2>day|morning|afternoon|evening|night"
    r"|month|year|" + "|".join(WEEKDAYS) + r")$"
    r"|^the (?P<next>next) (?P<unit3>day|morning|afternoon|evening|night)$"  # "next year" is the report's
)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|should|to)\s+$", re.IGNORECASE)
_CLOCK_DAY_GAP = re.compile(r"\s*(?:,|on|of)?\s*")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BARE_CLOCK = re.compile(r"^(?:\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|noon|midnight)(?: [ecmp][sd]t)?$")
# Only a date the text names can anchor: "the morning" or "the year" read against the report cannot.
_NAMED_DATE = re.compile(r"\d|\b(?:" + "|".join(list(MONTHS) + list(WEEKDAYS)) + r")\b")
_ANCHOR_VALUE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T.*)?$")


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
    anchor: re.Match | None = None  # the last mentioned calendar date, for anaphoric expressions
    resolved = []
    for index, (start, end, timex) in enumerate(found):
        surface = re.sub(r"\s+", " ", text[start:end].lower()).strip()
        named = _QUARTER_VALUE.match(timex.value or "")
        anaphoric = _ANAPHORIC.match(surface)
        day_after = _day_just_after(text, found, index) if _BARE_CLOCK.match(surface) and timex.value else None
        if surface in ("one day", "some day", "someday") and _MODAL_BEFORE.search(text, max(0, start - 12), start):
            timex = Timex("DATE", "FUTURE_REF")  # "Islam will one day be": some time to come, not a day's length
        elif day_after:
            timex = replace(timex, value=day_after + timex.value[10:])  # "at 10 p.m. on Tuesday": that Tuesday
        elif anaphoric and anchor is not None:
            timex = _from_anchor(anaphoric, anchor, timex)
        elif _BARE_CLOCK.match(surface) and anchor is not None and anchor["day"] and timex.value:
            # "was shot at 10 p.m.": a clock time without its own day is on the last mentioned day
            # (HeidelTime's UNDEF-REF-day), not necessarily on the report's
            timex = replace(timex, value=f"{anchor['year']}-{anchor['month']}-{anchor['day']}{timex.value[10:]}")
        elif named:
            recent = int(named[1]) >= ref.year - 1  # "the third quarter of 1984" is history, not the report's quarter
            if recent and ((int(named[1]), int(named[2])) <= last_completed_quarter(ref) or _ENDED_AFTER.match(text, end)):
                quarter = (int(named[1]), int(named[2]))  # a quarter still to come is no reported quarter
        elif financial and _YEAR_QUARTER.match(timex.value or ""):
            timex = replace(timex, value=f"{timex.value[:4]}-Q{quarter[1]}")  # "the 1988 quarter"
        elif _YEAR_AGO.match(surface) and (financial or timex.value is None):
            timex = _year_ago(surface, quarter, ref, financial and not _after_months_period(text, start, resolved, found))
        elif timex.value is None and _THIS_QUARTER.match(surface) and financial:
            timex = Timex("DATE", f"{quarter[0]:04d}-Q{quarter[1]}")
        elif _BARE_YEAR.match(surface) and _ENDED_AFTER.match(text, end):
            timex = Timex("DURATION", "P1Y")
        elif timex.value is None and _BARE_YEAR.match(surface):
            timex = Timex("DATE", f"{ref.year:04d}")
        if timex.type in ("DATE", "TIME") and timex.value and _ANCHOR_VALUE.match(timex.value) and _NAMED_DATE.search(surface):
            anchor = _ANCHOR_VALUE.match(timex.value)
        resolved.append(timex)
    return resolved


def _day_just_after(text: str, found: list[tuple[int, int, Timex]], index: int) -> str | None:
    """The day of the timex right after found[index] ("10 p.m. on Tuesday", "noon, March 5"), if one follows."""
    if index + 1 >= len(found):
        return None
    end, (next_start, _, following) = found[index][1], found[index + 1]
    if not _CLOCK_DAY_GAP.fullmatch(text, end, next_start):
        return None
    day = _DAY_VALUE.match(following.value or "")
    return day.group(0) if day else None


def _from_anchor(anaphoric: re.Match, anchor: re.Match, timex: Timex) -> Timex:
    """"that year", "the following month", "the previous Friday" read against the last mentioned date."""
    unit = anaphoric["unit"] or anaphoric["unit0"] or anaphoric["unit2"] or anaphoric["unit3"]
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(anaphoric["rel"] or anaphoric["next"] or "", 0)
    year = int(anchor["year"])
    if unit == "year":
        return Timex("DATE", f"{year + step:04d}")
    if anchor["month"] is None:
        return timex
    month = int(anchor["month"])
    if unit == "month":
        index = year * 12 + month - 1 + step
        return Timex("DATE", f"{index // 12:04d}-{index % 12 + 1:02d}")
    if anchor["day"] is None:
        return timex
    day = date(year, month, int(anchor["day"]))
    if unit in WEEKDAYS:
        if step > 0:
            return Timex("DATE", (day + timedelta(days=(WEEKDAYS[unit] - day.isoweekday()) % 7 or 7)).isoformat())
        back = (day.isoweekday() - WEEKDAYS[unit]) % 7 or 7
        return Timex("DATE", (day - timedelta(days=back)).isoformat())
    if unit in ("month", "year"):
        return timex
    value = (day + timedelta(days=step)).isoformat()
    return Timex("DATE", value) if unit == "day" else Timex("TIME", f"{value}T{PARTS_OF_DAY[unit]}")


def _after_months_period(text: str, start: int, resolved: list[Timex], found: list[tuple[int, int, Timex]]) -> bool:
    """Whether the timex just before (same or previous sentence) is a span of months: "for the nine months,
    net rose from a year earlier" compares with the year before, not with a quarter."""
    if not resolved:
        return False
    previous_end, previous = found[len(resolved) - 1][1], resolved[-1]
    return (start - previous_end < _MONTHS_PERIOD_REACH and previous.type == "DURATION"
            and bool(_MONTHS_SPAN.match(previous.value or "")))


def _year_ago(surface: str, quarter: tuple[int, int], ref: date, financial: bool) -> Timex:
    if not financial:
        return Timex("DATE", f"{ref.year - 1:04d}")
    ordinal = _ORDINAL_QUARTER.search(surface)
    number = _ORDINALS[ordinal[1].lower()] if ordinal else quarter[1]
    return replace(Timex("DATE", f"{quarter[0] - 1:04d}-Q{number}"))
