"""Rules for dates counted from the reference: "yesterday", "Friday", "last week", "two years ago", "the weekend".

Each rule takes the regex match of `timex._RULES`, the reference date and the clause's direction
("past", "future", "present" or None, from `clause_tense`). TIMEX3 keeps the granularity of the expression:
"last week" is an ISO week, "two years ago" a year. Without a reference nothing is invented.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .timex_calendar import shift_months
from .timex_durations import UNITS, format_duration, read_count
from .timex_model import PARTS_OF_DAY, WEEKDAYS, Timex

# Years per TIMEX3 unit letter, to keep an offset inside years 1000-2999 (no negative or five-digit years).
_UNIT_YEARS = {"TS": 1 / 31_557_600, "TM": 1 / 525_960, "TH": 1 / 8766, "D": 1 / 365.25, "W": 7 / 365.25,
               "M": 1 / 12, "Q": 1 / 4, "Y": 1, "DE": 10, "CE": 100}
MAX_OFFSET_YEARS = 900


def format_day(day: date | None, back: int = 0) -> str:
    """ISO day `back` days before `day`; "XXXX-XX-XX" without a day."""
    return "XXXX-XX-XX" if day is None else (day - timedelta(days=back)).isoformat()


def anchor_period(ref: date, unit: str, step: int) -> str:
    """The calendar unit containing the reference, moved `step` units (TIMEX3 granularity)."""
    if unit == "day":
        return (ref + timedelta(days=step)).isoformat()
    if unit in ("week", "weekend"):
        iso = (ref + timedelta(weeks=step)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = shift_months(ref.year, ref.month, step)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = shift_months(ref.year, ref.month, 3 * step)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{(ref.year // 10 + step):03d}"
    if unit == "century":
        return f"{(ref.year // 100 + step):02d}"
    return f"{ref.year + step:04d}"


def _rule_deictic(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    word = m["day"]
    offset = {"yesterday": 1, "last night": 1, "last evening": 1, "today": 0, "tonight": 0, "tomorrow": -1}[word]
    if ref is None:
        return Timex("DATE", {"yesterday": "PAST_REF", "last night": "PAST_REF", "last evening": "PAST_REF",
                              "tomorrow": "FUTURE_REF"}.get(word, "PRESENT_REF"))
    value = format_day(ref, offset)
    part = m["part"] or m["part0"] or {"tonight": "night", "last night": "night", "last evening": "evening"}.get(word)
    if part:
        return Timex("TIME", f"{value}T{PARTS_OF_DAY[part]}")
    return Timex("DATE", value)


def _rule_deictic2(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    if ref is None:
        return Timex("DATE", "PAST_REF" if m["dir"].startswith("before") else "FUTURE_REF")
    return Timex("DATE", format_day(ref, 2 if m["dir"].startswith("before") else -2))


def _rule_this_part(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("TIME", f"{format_day(ref)}T{PARTS_OF_DAY[m['part']]}")


def _weekday_date(ref: date, weekday: int, rel: str | None, direction: str | None = None) -> date:
    """Past-tense news default: the most recent such weekday on or before the reference."""
    back = (ref.isoweekday() - weekday) % 7
    if rel == "this":  # "this Friday": the Friday of the reference's own week, whichever side of it
        return ref + timedelta(days=weekday - ref.isoweekday())
    if rel in ("next", "coming", "following"):
        return ref + timedelta(days=(weekday - ref.isoweekday()) % 7 or 7)
    if rel is None and direction in ("future", "present"):
        # wire style names the day even when it is today: "the vote is set for Thursday", written on a Thursday
        return ref + timedelta(days=(weekday - ref.isoweekday()) % 7)
    if rel in ("last", "past", "previous") and back == 0:
        back = 7
    return ref - timedelta(days=back)


def _rule_weekday(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    weekday = WEEKDAYS[m["weekday"]]
    value = f"XXXX-WXX-{weekday}" if ref is None else _weekday_date(ref, weekday, m["rel"], direction).isoformat()
    if m["part"]:
        return Timex("TIME", f"{value}T{PARTS_OF_DAY[m['part']]}")
    return Timex("DATE", value)


def _rule_relative(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    step = {"last": -1, "past": -1, "previous": -1, "before": -1, "before last": -2, "this": 0, "current": 0, "": 0}.get(m["rel"], 1)
    unit = m["unit"]
    if ref is None:
        return Timex("DATE", "PAST_REF" if step < 0 else "PRESENT_REF" if step == 0 else "FUTURE_REF")
    if (unit == "day" and m["rel"] in ("past", "last")) or (unit in ("decade", "century") and m["rel"] == "past"):
        # "the past day", "the past decade" are spans reaching back to now, not yesterday or the 1990s
        return Timex("DURATION", format_duration(1.0, unit))
    return Timex("DATE", anchor_period(ref, unit, step))


def _rule_this_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the fiscal year", "the full year": in a news report, the year being reported on."""
    if m.group(0) in ("year", "the year"):
        return None  # the bare word needs the report's context (annotate.times decides)
    return Timex("DATE", "PRESENT_REF" if ref is None else f"{ref.year:04d}")


def _rule_unit_end(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"year-end", "the month's end": the end of the reference's own year (month, week)."""
    unit = m["unit"] or m["unit2"]
    if ref is None:
        return Timex("DATE", "PRESENT_REF", mod="END")
    return Timex("DATE", anchor_period(ref, unit, 0), mod="END")


def _rule_vague_ref(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"past years", "future quarters" -> PAST_REF/FUTURE_REF; "recent years", "the coming weeks" -> PXY, PXW.

    "recent" and "coming" measure an uncounted stretch reaching to the present (TimeBank mostly
    writes them as durations, as HeidelTime does); "past"/"future" only name a side of it.
    """
    if m["rel"] in ("recent", "coming"):
        return Timex("DURATION", format_duration("X", m["unit"].removesuffix("s")))
    return Timex("DATE", "PAST_REF" if m["rel"] in ("past", "last") else "FUTURE_REF")


def _rule_weekend(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"the weekend": in a past-tense clause written on a weekday, the one just gone (ISO week before)."""
    if ref is None:
        return Timex("DATE", "XXXX-WXX-WE")
    past = direction == "past" and ref.isoweekday() < 6
    return Timex("DATE", anchor_period(ref, "weekend", -1 if past else 0))


def _rule_offset(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    count = read_count(m["num"])
    if count is None:
        return None
    past = m["dir"] in ("ago", "back", "earlier", "before")  # "a few weeks back"
    if m["dir"] in ("earlier", "before", "later", "after"):
        # "three days later" counts from another event, not from the report's date.
        return Timex("DATE", None, reason=f"'{m['dir']}' is anchored to another event, not the report date")
    if count == "X" or ref is None:
        return Timex("DATE", "PAST_REF" if past else "FUTURE_REF")
    unit = m["unit"]
    if m["half"] and unit in ("year", "yr") and isinstance(count, float):
        count, unit = 12 * count + 6, "month"  # "a year and a half ago": 18 months back, a month
    sign = -1 if past else 1
    if count * _UNIT_YEARS[UNITS[unit]] > MAX_OFFSET_YEARS:
        # "4000 years ago", "500000000 hours ago": real offsets, but outside the four-digit calendar
        return Timex("DATE", "PAST_REF" if past else "FUTURE_REF")
    if unit in ("hour", "hr", "minute", "min", "second", "sec"):
        seconds = {"hour": 3600, "hr": 3600, "minute": 60, "min": 60, "second": 1, "sec": 1}[unit]
        # the report's hour is unknown: count from its midday, so "three hours ago" stays on the report's day
        moment = datetime(ref.year, ref.month, ref.day, 12) + sign * timedelta(seconds=count * seconds)
        return Timex("DATE", moment.date().isoformat())
    if not float(count).is_integer() or count > 5000:
        return Timex("DATE", "PAST_REF" if past else "FUTURE_REF")
    steps = int(count)
    if unit == "fortnight":
        steps *= 2
    unit = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}[UNITS[unit]]
    if unit == "day":
        return Timex("DATE", (ref + timedelta(days=sign * steps)).isoformat())
    return Timex("DATE", anchor_period(ref, unit, sign * steps))


def _rule_vague_offset(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"decades ago", "years from now": no count, so only the side of the reference is known."""
    return Timex("DATE", "PAST_REF" if m["dir"] in ("ago", "back") else "FUTURE_REF")


def _rule_clock_part(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"4 in the morning" -> T04:00, "8 in the evening" -> T20:00."""
    hour = int(m["hour"])
    if not 1 <= hour <= 12:
        return None
    if m["part"] != "morning" and hour < 12:
        hour += 12
    elif m["part"] == "morning" and hour == 12:
        hour = 0
    return Timex("TIME", f"{format_day(ref)}T{hour:02d}:00")


RELATIVE_RULES = {
    "deictic": _rule_deictic, "deictic2": _rule_deictic2, "this_part": _rule_this_part, "weekday": _rule_weekday,
    "relative": _rule_relative, "this_year": _rule_this_year, "unit_end": _rule_unit_end, "vague_ref": _rule_vague_ref,
    "weekend": _rule_weekend, "offset": _rule_offset, "vague_offset": _rule_vague_offset, "clock_part": _rule_clock_part,
}
