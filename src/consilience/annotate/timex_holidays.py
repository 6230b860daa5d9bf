"""Named days of the calendar: "Thanksgiving" -> the fourth Thursday of November, "Easter" -> computus.

TimeML annotates holidays as dates ("Thanksgiving Day" -> 1999-11-25), as HeidelTime's holiday
rules do; this module only knows where each falls in a given year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_model import Timex

# Fixed dates (month, day).
_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "the fourth of july": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "st. patrick's day": (3, 17), "veterans day": (11, 11),
    "armistice day": (11, 11), "bastille day": (7, 14),
}
# Weekday rules of the US calendar: (month, ISO weekday, nth; -1 is the last).
_NTH_WEEKDAY = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3), "presidents day": (2, 1, 3),
    "presidents' day": (2, 1, 3), "columbus day": (10, 1, 2), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3),
}
# Offsets in days from Easter Sunday.
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2, "palm sunday": -7,
                   "ash wednesday": -46, "pentecost": 49}
# A holiday at most two weeks ahead stays ahead in a past-tense clause (the report may precede it).
GRACE_DAYS = 14
HOLIDAY_NAMES = sorted([*_FIXED, *_NTH_WEEKDAY, *_EASTER_OFFSETS, "election day"], key=len, reverse=True)


def find_holiday(name: str, year: int) -> date | None:
    """The date of the holiday `name` (lower case, as in HOLIDAY_NAMES) in `year`; None for an unknown name."""
    if name in _FIXED:
        return date(year, *_FIXED[name])
    if name in _NTH_WEEKDAY:
        month, weekday, nth = _NTH_WEEKDAY[name]
        return _nth_weekday(year, month, weekday, nth)
    if name in _EASTER_OFFSETS:
        return find_easter(year) + timedelta(days=_EASTER_OFFSETS[name])
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    return None


def read_holiday(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"Thanksgiving Day" (a rule match with `holiday`, optional `rel`, `y`, `week`) -> its date or week.

    The year is the one written, else the nearest to the reference, or the tense's way ("last
    Thanksgiving" looks back); without a reference only a fixed-date holiday keeps its day.
    """
    name = m["holiday"]
    if m["y"]:
        day = find_holiday(name, int(m["y"])) if 1000 <= int(m["y"]) <= 2999 else None
    elif ref is None:
        return _read_holiday_without_year(name, bool(m["week"]))
    else:
        day = _nearest_holiday(name, ref, m["rel"], direction)
    if day is None:
        return None
    if m["week"]:
        iso = day.isocalendar()
        return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if m["week"] == "weekend" else ""))
    return Timex("DATE", day.isoformat())


def _nearest_holiday(name: str, ref: date, rel: str | None, direction: str | None) -> date:
    days = [find_holiday(name, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if rel == "last":
        return max(d for d in days if d < ref)
    if rel in ("next", "coming") or (rel is None and direction == "future"):
        return min(d for d in days if d >= ref)
    if direction == "past":
        return max(d for d in days if d <= ref + timedelta(days=GRACE_DAYS))
    return min(days, key=lambda d: abs((d - ref).days))


def _read_holiday_without_year(name: str, week: bool) -> Timex:
    first, second = find_holiday(name, 2000), find_holiday(name, 2001)
    if (first.month, first.day) == (second.month, second.day) and not week:
        return Timex("DATE", f"XXXX-{first.month:02d}-{first.day:02d}")
    return Timex("DATE", None, reason=f"{name} moves from year to year; there is no reference year")


def find_easter(year: int) -> date:
    """Western Easter Sunday of `year` (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)
