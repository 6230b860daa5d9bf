"""The last resort for odd spellings of calendar dates: `dateparser`, trimmed to what the text says.

dateparser is slow and fills every field it is not given from its base date ("1960s and 70s"
comes back as today), so a reading is kept only when the text itself names its year, month and day.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .timex_model import MONTHS, Timex

_HAS_CALENDAR_WORD = re.compile(r"\d|" + "|".join(sorted(MONTHS, key=len, reverse=True)))


def interpret_fallback(core: str, ref: date | None) -> Timex:
    """Ask dateparser about odd spellings of calendar dates; refuse anything it would have to invent."""
    if len(core) > 40 or not _HAS_CALENDAR_WORD.search(core):
        return Timex("DATE", None, reason="no rule reads this expression")
    parsed = _dateparse(core, ref)
    if parsed is None:
        return Timex("DATE", None, reason="not a recognisable date")
    moment, period = parsed
    if not 1000 <= moment.year <= 2999:
        return Timex("DATE", None, reason="year out of range")
    if not _written_in(core, moment, period):
        return Timex("DATE", None, reason="the date parser had to invent part of this date")
    written_year = re.search(r"\d{4}", core)
    if not written_year and ref is not None and abs(moment.year - ref.year) > 1:
        # "March 16-17" read as 1917: a year nobody wrote, far from the report's
        return Timex("DATE", None, reason="the date parser had to invent the year")
    year = f"{moment.year:04d}" if written_year or ref is not None else "XXXX"
    if period == "year":
        return Timex("DATE", year)
    if period == "month":
        return Timex("DATE", f"{year}-{moment.month:02d}")
    if period == "week":
        iso = moment.isocalendar()
        return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")
    return Timex("DATE", f"{year}-{moment.month:02d}-{moment.day:02d}")


def _written_in(core: str, moment: datetime, period: str) -> bool:
    """Whether the text itself names the year, month and day that dateparser claims ("1960s and 70s" names no day)."""
    numbers = {int(n) for n in re.findall(r"\d+", core) if len(n) <= 4}
    years = {n for n in numbers if n >= 1000}
    if years and moment.year not in years:
        return False
    if period in ("day", "month"):
        named = any(MONTHS[word] == moment.month for word in re.findall(r"[a-z]+", core) if word in MONTHS)
        numeric = re.search(r"\d[/.-]\d", core)  # "5/3/2013": a month may be written as a number only here
        if not named and not (numeric and moment.month in numbers):
            return False
    return period != "day" or moment.day in numbers


@lru_cache(maxsize=1024)
def _dateparse(core: str, ref: date | None) -> tuple[datetime, str] | None:
    from dateparser.date import (
        DateDataParser,  # imported late: it costs ~0.1 s and is rarely needed
    )

    settings = {"PREFER_DATES_FROM": "past"}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(core)
    if data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"
