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
from .timex_calendar import shift_months
from .timex_durations import read_count
from .timex_relative import anchor_period

_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_QUARTER = re.compile(r"^\d{4}-QX$")
_ORDINAL_QUARTER = re.compile(r"\b(first|second|third|fourth)[ -]quarter", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_THIS_QUARTER = re.compile(r"^(?:the |that |its )?(?:latest |same |comparable |fiscal )?(?:quarter|period)$")
_YEAR_AGO = re.compile(
    r"^(?:the |a |an )?(?:comparable |corresponding )?(?:year[- ](?:ago|earlier)|(?:a )?year (?:ago|earlier)|last year's)"
    r"(?: (?:fiscal )?(?:first |second |third |fourth )?(?:quarter|period))?$"
    r"|^(?:the )?(?:quarter|period) a year (?:ago|earlier)$"
    # "the same period last year": the reported period, a year back
    r"|^(?:the )?(?:same|comparable|corresponding) (?:quarter|period) (?:a year (?:ago|earlier)|(?:of )?(?:last|the previous|the prior) year)$"
)
# "the first nine months", "the six months": the half-year and nine-month results of earnings reports
_MONTHS_SPAN = re.compile(r"^P(?:6|9)M$")
_MONTHS_PERIOD_REACH = 200
# "full-year profit", "for the full year": in earnings news, the (fiscal) year of the reported quarter
_FULL_YEAR = re.compile(r"^(?:the )?full[- ]year$")
_BARE_YEAR = re.compile(r"^(?:(?:earlier |later )?in )?(?:the )?(?:fiscal )?year$")
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)
_ANAPHORIC = re.compile(
    r"^(?:earlier |later |the (?:end|start|beginning|middle) of )?(?:that|the same|that same) (?P<unit>day|morning|afternoon|evening|night|week|month|year)$"
    r"|^(?:early |late )?the (?P<unit0>day|week|month|morning|afternoon|evening)$"
    r"|^(?:the )?(?P<rel>following|previous|prior) (?P<unit2>day|morning|afternoon|evening|night"
    r"|week|month|year|" + "|".join(WEEKDAYS) + r")$"
    r"|^the (?P<next>next) (?P<unit3>day|morning|afternoon|evening|night)$"  # "next year" is the report's
    r"|^the (?P<unit4>day|week|month|year) (?P<before>before)$"  # "up from 9 percent the year before"
)
# "that October", "that summer": the month or season of the year last named, not of the report's
_THAT_MONTH = re.compile(r"^(?:that|the same) (?P<name>" + "|".join(sorted(MONTHS, key=len, reverse=True))
                         + r"|spring|summer|autumn|fall|winter)$")
_THAT_BEFORE = re.compile(r"\b(?:that|the same)\s+$", re.IGNORECASE)
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_REPORT_UNITS = ("day", "week", "month")
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")
_INDEFINITE_BEFORE = re.compile(r"\ban?\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
# "two days later", "a month earlier": an offset from the story's last date, not from the report's
_ANCHORED_OFFSET = re.compile(r"^(?:(?:about|around|almost|nearly|some|roughly|just|only|more than|less than) )?(?P<num>[a-z0-9]+(?: [a-z]+)?) (?P<unit>day|week|month|year)s? (?P<dir>later|earlier|after|before)$")
# "on Wednesday, the second day of the conclave" (apposition: that Wednesday), "today is the eighth day of Desert
# Shield", "it's the second day of an offensive" (the present day); an ordinal day alone is counted from an event
_ORDINAL_DAY = re.compile(r"^(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
                          r" (?:straight |consecutive )?day$")
_APPOSITION = re.compile(r"\s*,\s*")
_APPOSITION_AFTER = re.compile(r"\s*,?\s*(?:on\s+)?")
_PRESENT_DAY_BEFORE = re.compile(r"\b(?:today|it|this)\s*(?:is|'s|’s|marks|marked|was)\s+$", re.IGNORECASE)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|should|to)\s+$", re.IGNORECASE)
# "at 10 p.m. on Tuesday", "at about 10:35 a.m. (0735 GMT) Friday": a clock and the day it falls on
_CLOCK_DAY_GAP = re.compile(r"\s*\)?\s*(?:(?:[ecmp][sd]?t|gmt|utc)\b)?\s*(?:\([^()]{1,24}\))?\s*(?:local time)?\s*(?:,|on|of)?\s*",
                            re.IGNORECASE)
# "8 p.m. local time (1900 GMT) on Sunday", "at 4 in the morning (4 a.m. EDT Thursday)": the same moment in another zone
_ZONE_OPEN = re.compile(r"\s*(?:local time|[ecmp][sd]?t|gmt|utc)?\s*,?\s*\(\s*", re.IGNORECASE)
_DAY_CLOCK_GAP = re.compile(r"\s*,?\s*(?:at|from|around|about|by)?\s*")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BARE_CLOCK = re.compile(r"^(?:(?:about|around|approximately|shortly after|shortly before|just after|just before) )?(?:\d{1,2}(?:[:.]\d{2})? ?[ap]\.?m\.?|\d{4} (?:gmt|utc)|noon|midday|midnight|\d{1,2} (?:o'clock )?in the (?:morning|afternoon|evening|night))(?: [ecmp][sd]?t| gmt| utc)?$")
# Only a date the text names can anchor ("today" names one too): "the morning" or "the year" read against
# the report cannot.
_NAMED_DATE = re.compile(r"\d|\b(?:" + "|".join(list(MONTHS) + list(WEEKDAYS)) + r"|today|yesterday|tomorrow|tonight)\b")
# a week names a date too ("last week ... later that week"), at week granularity
_ANCHOR_VALUE = re.compile(r"^(?P<year>\d{4})(?:-W(?P<week>\d{2})|-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T.*)?$")
_DEICTIC_WEEK = re.compile(r"\b(?:last|this|next|past|previous|coming) week\b")


def last_completed_quarter(ref: date) -> tuple[int, int]:
    """(year, quarter) of the last full quarter before the reference: what earnings news reports."""
    quarter = (ref.month - 1) // 3  # 0 means the fourth quarter of the previous year
    return (ref.year, quarter) if quarter else (ref.year - 1, 4)


def resolve_in_context(text: str, found: list[tuple[int, int, Timex]], ref: date | None) -> list[Timex]:
    """The timexes of `found` (document order), with discourse-dependent ones resolved."""
    if ref is None:
        return [timex for _, _, timex in found]
    # quarter talk makes a report financial; "a quarter of the vote" is a fraction, so only a quarter timex counts
    financial = any("quarter" in text[start:end].lower() or "-Q" in (timex.value or "") for start, end, timex in found)
    quarter = last_completed_quarter(ref)
    anchor: re.Match | None = None  # the last mentioned calendar date, for anaphoric expressions
    resolved = []
    for index, (start, end, timex) in enumerate(found):
        surface = re.sub(r"\s+", " ", text[start:end].lower()).strip()
        named = _QUARTER_VALUE.match(timex.value or "")
        anaphoric = _ANAPHORIC.match(surface)
        day_after = derived = None
        if _BARE_CLOCK.match(surface) and timex.value:
            day_after = _day_just_after(text, found, index) or _day_just_before(text, found, resolved, index)
        if surface in ("one day", "some day", "someday") and _MODAL_BEFORE.search(text, max(0, start - 12), start):
            timex = Timex("DATE", "FUTURE_REF")  # "Islam will one day be": some time to come, not a day's length
        elif day_after:
            timex = replace(timex, value=day_after + timex.value[10:])  # "at 10 p.m. on Tuesday": that Tuesday
        elif anaphoric and anaphoric["before"] and _NOUN_AFTER.match(text, end):
            # "the year before the war": counted from an event, which only the reader knows
            timex = Timex("DATE", None, reason="'before' is anchored to another event, not to a date")
        elif anaphoric and anchor is not None:
            timex = derived = _from_anchor(anaphoric, anchor, timex)
        elif anaphoric and anaphoric["unit0"] in _REPORT_UNITS and timex.value is None:
            # "later in the day", "for the week": with no date named yet, the report's own day (week, month)
            timex = Timex("DATE", anchor_period(ref, anaphoric["unit0"], 0))
        elif _BARE_CLOCK.match(surface) and anchor is not None and anchor["day"] and timex.value:
            # "was shot at 10 p.m.": a clock time without its own day is on the last mentioned day
            # (HeidelTime's UNDEF-REF-day), not necessarily on the report's
            timex = replace(timex, value=f"{anchor['year']}-{anchor['month']}-{anchor['day']}{timex.value[10:]}")
        elif timex.value is None and anchor is not None and not financial and _ANCHORED_OFFSET.match(surface):
            timex = derived = _offset_from_anchor(_ANCHORED_OFFSET.match(surface), anchor, timex)
        elif anchor is not None and (_THAT_MONTH.match(surface) or (
                _THAT_BEFORE.search(text, max(0, start - 10), start) and _THAT_MONTH.match("that " + surface))):
            name = _THAT_MONTH.match("that " + surface.removeprefix("that ").removeprefix("the same "))["name"]
            code = _SEASON_CODES.get(name) or f"{MONTHS[name]:02d}"
            timex = derived = Timex("DATE", f"{anchor['year']}-{code}")
        elif timex.value is None and anchor is None and _ANCHORED_OFFSET.match(surface) and not _YEAR_AGO.match(surface):
            # "A week earlier, on March 7, ...": with no date named yet, counted from the report's date
            # (HeidelTime's UNDEF-REF falls back to the document date)
            timex = _offset_from_anchor(_ANCHORED_OFFSET.match(surface), _ANCHOR_VALUE.match(ref.isoformat()), timex)
        elif named:
            recent = int(named[1]) >= ref.year - 1  # "the third quarter of 1984" is history, not the report's quarter
            # "after a flat second quarter": a quarter described in passing is not the one reported on
            passing = _INDEFINITE_BEFORE.search(text, max(0, start - 16), start)
            if recent and not passing and ((int(named[1]), int(named[2])) <= last_completed_quarter(ref) or _ENDED_AFTER.match(text, end)):
                quarter = (int(named[1]), int(named[2]))  # a quarter still to come is no reported quarter
        elif financial and _YEAR_QUARTER.match(timex.value or ""):
            timex = replace(timex, value=f"{timex.value[:4]}-Q{quarter[1]}")  # "the 1988 quarter"
        elif _YEAR_AGO.match(surface) and (financial or timex.value is None):
            timex = _year_ago(surface, quarter, ref, financial and not _after_months_period(text, start, resolved, found))
        elif timex.value is None and _THIS_QUARTER.match(surface) and financial:
            timex = Timex("DATE", f"{quarter[0]:04d}-Q{quarter[1]}")
        elif financial and _FULL_YEAR.match(surface) and timex.value:
            timex = replace(timex, value=f"{quarter[0]:04d}")  # said in March: last year's results
        elif _BARE_YEAR.match(surface) and _ENDED_AFTER.match(text, end):
            timex = Timex("DURATION", "P1Y")
        elif timex.value is None and _BARE_YEAR.match(surface):
            timex = Timex("DATE", f"{ref.year:04d}")
        elif timex.value is None and _ORDINAL_DAY.match(surface):
            timex = _ordinal_day(text, found, resolved, index, ref) or timex
        # a date read from the anchor moves the story on: "the following week ... later that week"
        moved = _ANCHOR_VALUE.match(timex.value or "") if timex.type in ("DATE", "TIME") else None
        named_date = _NAMED_DATE.search(surface) or (moved and moved["week"] and _DEICTIC_WEEK.search(surface))
        if moved and (named_date or (derived is timex and _as_fine(moved, anchor))):
            anchor = moved
        resolved.append(timex)
    return resolved


def _as_fine(date_match: re.Match, anchor: re.Match | None) -> bool:
    """Whether a date read from the anchor keeps its detail: "later that year" must not blur a named month."""
    detail = [name for name in ("month", "day") if date_match[name]]
    return anchor is None or len(detail) >= len([name for name in ("month", "day") if anchor[name]])


def _day_just_after(text: str, found: list[tuple[int, int, Timex]], index: int) -> str | None:
    """The day of the timex right after found[index] ("10 p.m. on Tuesday", "noon, March 5"), if one follows."""
    if index + 1 >= len(found):
        return None
    end, (next_start, next_end, following) = found[index][1], found[index + 1]
    day = _DAY_VALUE.match(following.value or "")
    if _ZONE_OPEN.fullmatch(text, end, next_start):
        # the clock restated in another zone: its day if it names one, else the day named after the parenthesis
        if not _BARE_CLOCK.match(re.sub(r"\s+", " ", text[next_start:next_end].lower()).strip()):
            return day.group(0) if day else None
        return _day_just_after(text, found, index + 1)
    if not _CLOCK_DAY_GAP.fullmatch(text, end, next_start):
        return None
    return day.group(0) if day else None


def _day_just_before(text: str, found: list[tuple[int, int, Timex]], resolved: list[Timex], index: int) -> str | None:
    """The day of the timex right before found[index] ("tomorrow at 9 a.m.", "yesterday, 3 p.m."), if one precedes."""
    if index == 0:
        return None
    start, previous_end = found[index][0], found[index - 1][1]
    if not _DAY_CLOCK_GAP.fullmatch(text, previous_end, start):
        return None
    day = _DAY_VALUE.match(resolved[index - 1].value or "")
    return day.group(0) if day else None


def _ordinal_day(text: str, found: list[tuple[int, int, Timex]], resolved: list[Timex], index: int, ref: date) -> Timex | None:
    """The day an ordinal day names when the sentence says which: a day in apposition, or the present day."""
    start = found[index][0]
    if index and _APPOSITION.fullmatch(text, found[index - 1][1], start):
        day = _DAY_VALUE.match(resolved[index - 1].value or "")
        if day:
            return Timex("DATE", day.group(0))
    if index + 1 < len(found) and _APPOSITION_AFTER.fullmatch(text, found[index][1], found[index + 1][0]):
        day = _DAY_VALUE.match(found[index + 1][2].value or "")  # "for the second straight day Tuesday"
        if day:
            return Timex("DATE", day.group(0))
    if _PRESENT_DAY_BEFORE.search(text, max(0, start - 16), start):
        return Timex("DATE", ref.isoformat())
    return None


def _from_anchor(anaphoric: re.Match, anchor: re.Match, timex: Timex) -> Timex:
    """"that year", "the following month", "the previous Friday" read against the last mentioned date."""
    unit = anaphoric["unit"] or anaphoric["unit0"] or anaphoric["unit2"] or anaphoric["unit3"] or anaphoric["unit4"]
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1, "before": -1}.get(
        anaphoric["rel"] or anaphoric["next"] or anaphoric["before"] or "", 0)
    year = int(anchor["year"])
    if unit == "year":
        return Timex("DATE", f"{year + step:04d}")
    if anchor["week"] is not None:
        return _week_from_anchor(anchor, step) if unit == "week" else timex
    if anchor["month"] is None:
        return timex
    month = int(anchor["month"])
    if unit == "month":
        index = year * 12 + month - 1 + step
        return Timex("DATE", f"{index // 12:04d}-{index % 12 + 1:02d}")
    if anchor["day"] is None:
        return timex
    day = date(year, month, int(anchor["day"]))
    if unit == "week":
        iso = (day + timedelta(weeks=step)).isocalendar()
        return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")
    if unit in WEEKDAYS:
        if step > 0:
            return Timex("DATE", (day + timedelta(days=(WEEKDAYS[unit] - day.isoweekday()) % 7 or 7)).isoformat())
        back = (day.isoweekday() - WEEKDAYS[unit]) % 7 or 7
        return Timex("DATE", (day - timedelta(days=back)).isoformat())
    if unit in ("month", "year"):
        return timex
    value = (day + timedelta(days=step)).isoformat()
    return Timex("DATE", value) if unit == "day" else Timex("TIME", f"{value}T{PARTS_OF_DAY[unit]}")


def _week_from_anchor(anchor: re.Match, step: int) -> Timex:
    """The week `step` weeks after a week anchor ("last week ... later that week", "the following week")."""
    monday = date.fromisocalendar(int(anchor["year"]), int(anchor["week"]), 1) + timedelta(weeks=step)
    iso = monday.isocalendar()
    return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")


def _offset_from_anchor(offset: re.Match, anchor: re.Match, timex: Timex) -> Timex:
    """"two days later", "a month earlier": counted from the last mentioned date, at the unit's granularity."""
    count = read_count(offset["num"])
    if not isinstance(count, float) or not count.is_integer():
        return timex
    steps = int(count) * (1 if offset["dir"] in ("later", "after") else -1)
    unit, year = offset["unit"], int(anchor["year"])
    if unit == "year":
        return Timex("DATE", f"{year + steps:04d}")
    if anchor["week"] is not None:
        return _week_from_anchor(anchor, steps) if unit == "week" else timex
    if anchor["month"] is None:
        return timex
    if unit == "month":
        moved_year, moved_month = shift_months(year, int(anchor["month"]), steps)
        return Timex("DATE", f"{moved_year:04d}-{moved_month:02d}")
    if anchor["day"] is None:
        return timex
    day = date(year, int(anchor["month"]), int(anchor["day"])) + timedelta(days=steps * (7 if unit == "week" else 1))
    if unit == "week":
        iso = day.isocalendar()
        return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")
    return Timex("DATE", day.isoformat())


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
