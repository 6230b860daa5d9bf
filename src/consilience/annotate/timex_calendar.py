"""Rules for dates named on the calendar: "December 5", "March", "1989", "the 1990s", "spring", "Q3", "the second half".

Each rule takes the regex match of `timex._RULES`, the reference date and the clause's direction,
and returns a `Timex` (None to let a later rule try). A year-less date takes the year nearest the
reference in the direction of its clause (HeidelTime's news rule).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_model import MONTH_NAMES, MONTHS, SEASONS, Timex

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
NEAREST_DAYS = 183
GRACE_DAYS = 14
FUTURE_GRACE_DAYS = 31
NEAREST_MONTHS = 6
# first and last month of each season; winter straddles two years, which TIMEX3 leaves open, so it never moves
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (1, 12)}


def check_day(year: int | None, month: int, day: int) -> str | None:
    """None when the day exists in that month (any leap year when the year is unknown), else why not."""
    try:
        date(year if year else 2000, month, day)
    except ValueError:
        return f"there is no day {day} in {MONTH_NAMES[month]}" + (f" {year}" if year else "")
    return None


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) `months` months after year/month (before, when negative)."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _nearest_year(ref: date, month: int, day: int, direction: str | None = None) -> int:
    """The year of a year-less month/day said on the reference date (HeidelTime's news rule).

    A past-tense clause looks back ("stepped down on March 3", said in November: this March), a
    future one forward ("talks on January 9", said in December: next January); a date at most two
    weeks ahead stays ahead whatever the tense ("said in an editorial on Saturday, April 25", dated
    the 24th), and a date at most a month gone stays in this year in a future clause ("two weeks after
    the election on March 4", said on March 22: the tense is the later event's). Without a tense the
    nearest such date within half a year wins, else the reference's year. Only years where the day
    exists count (29 February).
    """
    valid = {y: date(y, month, day) for y in range(ref.year - 8, ref.year + 9) if check_day(y, month, day) is None}
    if direction == "past":
        return max((y for y, d in valid.items() if d <= ref + timedelta(days=GRACE_DAYS)), default=ref.year)
    if direction == "future":
        return min((y for y, d in valid.items() if d >= ref - timedelta(days=FUTURE_GRACE_DAYS)), default=ref.year)
    gap, year = min((abs((d - ref).days), y) for y, d in valid.items())
    return year if gap <= NEAREST_DAYS or ref.year not in valid else ref.year


def _rule_iso(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return Timex("DATE", None, reason=f"month {month} does not exist")
    bad = check_day(year, month, day)
    return Timex("DATE", None, reason=bad) if bad else Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _rule_year_range(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    start, end = m["y1"], m["y2"]
    if len(end) == 2:
        end = start[:2] + end
    if int(end) < int(start):
        return None
    return Timex("DATE", start, end=end)


def _rule_mdy(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    month, day, year = MONTHS[m["month"]], int(m["d"]), int(m["y"])
    bad = check_day(year, month, day)
    return Timex("DATE", None, reason=bad) if bad else Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _rule_md(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    month, day = MONTHS[m["month"]], int(m["d"])
    rel = m.groupdict().get("rel")
    if rel:  # "last Oct. 23" looks back whatever the clause says, "next May 1" forward
        direction = "past" if rel == "last" else "future"
    bad = check_day(None, month, day)
    if bad:
        return Timex("DATE", None, reason=bad)
    if ref is None:
        return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
    return Timex("DATE", f"{_nearest_year(ref, month, day, direction):04d}-{month:02d}-{day:02d}")


def _rule_day_of_month(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"the 5th": a day of the reference's month (of the month before, when a past clause says so)."""
    day = int(m["d"])
    if not 1 <= day <= 31:
        return Timex("DATE", None, reason=f"there is no day {day} in any month")
    if ref is None:
        return Timex("DATE", f"XXXX-XX-{day:02d}")
    year, month = ref.year, ref.month
    if direction == "past" and day > ref.day:
        year, month = shift_months(year, month, -1)
    bad = check_day(year, month, day)
    return Timex("DATE", None, reason=bad) if bad else Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _rule_my(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", f"{int(m['y']):04d}-{MONTHS[m['month']]:02d}")


def _rule_month(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    month = MONTHS[m["month"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{month:02d}")
    if direction not in ("past", "future"):
        gaps = [(abs((y - ref.year) * 12 + month - ref.month), y) for y in (ref.year - 1, ref.year, ref.year + 1)]
        gap, year = min(gaps)  # half a year either way: the earlier wins, as news mostly looks back
        return Timex("DATE", f"{year if gap <= NEAREST_MONTHS else ref.year:04d}-{month:02d}")
    if direction == "past" and month == ref.month % 12 + 1:
        year = ref.year + (month < ref.month)  # next month: as for days, a grace (the tense is the report's)
    elif direction == "past":
        year = ref.year if month <= ref.month else ref.year - 1
    else:
        year = ref.year if month >= ref.month else ref.year + 1
    return Timex("DATE", f"{year:04d}-{month:02d}")


def _rule_rel_month(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"last November" is the latest November before the reference month; "this May" is this year's."""
    month = MONTHS[m["month"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{month:02d}")
    year = ref.year
    if m["rel"] in ("last", "past") and month >= ref.month:
        year -= 1
    elif m["rel"] == "next" and month <= ref.month:
        year += 1
    return Timex("DATE", f"{year:04d}-{month:02d}")


def _rule_month_rel_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    month = MONTHS[m["month"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{month:02d}")
    year = ref.year + {"last": -1, "this": 0, "next": 1}[m["rel"]]
    return Timex("DATE", f"{year:04d}-{month:02d}")


def _rule_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    year = int(m["y"])
    if not 1000 <= year <= 2999:
        return None
    return Timex("DATE", f"{year:04d}")


def _rule_decade(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", m["dec"])


def _rule_decade2(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", "19" + m["dec2"])  # "the '80s" in news means the 1980s


def _rule_decade_word(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", f"19{_DECADE_WORDS[m['decw']]}")


def _rule_century(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    number = int(m["c"])
    return Timex("DATE", f"{number - 1:02d}") if 1 <= number <= 30 else None


def _rule_season_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", f"{m['y']}-{SEASONS[m['season']]}")


def _rule_season(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"last spring", "the summer": the reference's year, unless the clause's tense points past the season.

    "was signed in the summer", said in March, is last summer; "will reopen in the spring", said in
    October, is next spring (HeidelTime's tense rule for year-less seasons).
    """
    code = SEASONS[m["season"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{code}")
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    if m["rel"] is None and direction == "past" and ref.month < _SEASON_MONTHS[code][0]:
        shift = -1
    elif m["rel"] is None and direction == "future" and ref.month > _SEASON_MONTHS[code][1]:
        shift = 1
    return Timex("DATE", f"{ref.year + shift:04d}-{code}")


def _rule_quarter(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    quarter = _QUARTERS[m["q"]] if m["q"] else int(m["qn"])  # "the third quarter", "Q3"
    written = m["y"] or m["y0"] or m["y2"]
    year = written or (f"{ref.year:04d}" if ref else "XXXX")
    relative = m["yrel"] or m["ofrel"]  # "last year's fourth quarter", "the first quarter of this year"
    if relative and ref is not None:
        year = f"{ref.year + {'this': 0, 'next': 1, 'last': -1}[relative]:04d}"
    elif written is None and ref is not None and direction == "past" and quarter > (ref.month - 1) // 3 + 1:
        year = f"{ref.year - 1:04d}"  # "posted a loss in the fourth quarter", said in January
    return Timex("DATE", f"{year}-Q{quarter}")


def _rule_half_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"the second half of 1989" -> 1989-H2; without a year, the reference's own year."""
    half = 1 if (m["h"] or m["hq"]) in ("first", "1st") else 2
    if m["y"]:
        return Timex("DATE", f"{m['y']}-H{half}")
    if ref is None:
        return Timex("DATE", f"XXXX-H{half}")
    shift = {"next": 1, "last": -1}.get(m["yrel"] or "", 0)
    return Timex("DATE", f"{ref.year + shift:04d}-H{half}")


def _rule_year_quarter(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the 1988 quarter": a quarter of that year, which one the report's quarter talk says (QX here)."""
    year = int(m["y"])
    return Timex("DATE", f"{year:04d}-QX") if 1000 <= year <= 2999 else None


CALENDAR_RULES = {
    "iso": _rule_iso, "year_range": _rule_year_range, "mdy": _rule_mdy, "md": _rule_md, "my": _rule_my,
    "day_of_month": _rule_day_of_month, "month": _rule_month, "rel_month": _rule_rel_month,
    "month_rel_year": _rule_month_rel_year, "year": _rule_year, "decade": _rule_decade, "decade2": _rule_decade2,
    "decade_word": _rule_decade_word, "century": _rule_century, "season_year": _rule_season_year,
    "season": _rule_season, "quarter": _rule_quarter, "half_year": _rule_half_year, "year_quarter": _rule_year_quarter,
}
