"""Normalising one time expression string to a TIMEX3 value against a reference date.

Pure string logic (no spaCy), following TimeML/TempEval-3 conventions: "December 5" -> "2024-12-05"
(year nearest the reference, the news convention), "last week" -> "2024-W48", "13 years" -> "P13Y",
"the 1980s" -> "198", "now" -> "PRESENT_REF". Without a reference nothing is invented: "XXXX-12-05",
"XXXX-WXX-4". Own rules run first; `dateparser` is a last resort for odd spellings (it is slow and
fills missing fields from its base date, so its output is trimmed to what the text actually says).
Counting durations lives in `timex_durations`, holiday dates in `timex_holidays`, the dateparser
fallback in `timex_fallback`, the `Timex` record and calendar words in `timex_model`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..errors import ConsilienceError
from .timex_durations import (
    UNITS,
    format_duration,
    read_count,
    read_duration,
    read_duration_and_half,
    read_vague_duration,
)
from .timex_fallback import interpret_fallback
from .timex_holidays import HOLIDAY_NAMES, read_holiday
from .timex_model import MONTH_NAMES, MONTHS, WEEKDAYS, Timex

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

_PRESENT = {"now", "currently", "right now", "at present", "presently", "nowadays", "these days",
            "at the moment", "present", "the present", "the present day", "today's", "current"}
_PAST = {"recently", "the past", "in the past", "formerly", "previously", "lately", "once", "earlier",
         "the recent past"}
_FUTURE = {"the future", "in the future", "soon", "future", "the near future", "in the near future", "later",
           "a later date", "the near term", "the short term"}
_MODS = [
    ("more than", "MORE_THAN"), ("over", "MORE_THAN"), ("less than", "LESS_THAN"), ("under", "LESS_THAN"),
    ("nearly", "LESS_THAN"), ("almost", "LESS_THAN"), ("at least", "EQUAL_OR_MORE"),
    ("no more than", "EQUAL_OR_LESS"), ("at most", "EQUAL_OR_LESS"), ("up to", "EQUAL_OR_LESS"),
    ("about", "APPROX"), ("around", "APPROX"), ("approximately", "APPROX"), ("roughly", "APPROX"),
    ("some", "APPROX"), ("an estimated", "APPROX"), ("early", "START"), ("beginning of", "START"),
    ("start of", "START"), ("end of", "END"), ("late", "END"), ("mid", "MID"), ("middle of", "MID"),
    ("mid-", "MID"),
]
_MODS.sort(key=lambda m: -len(m[0]))
# "earlier this year", "later today": the adverb orders events within the period, it does not move it.
_LEAD_WORDS = ("in ", "on ", "at ", "since ", "by ", "until ", "till ", "from ", "during ", "of ", "as of ", "the ",
               "earlier ", "later ", "just ", "only ", "barely ", "sometime ", "as early as ", "as long as ")

_LEAD_ARTICLE = re.compile(r"^(?:an?|both) (?=\d|(?:" + "|".join(MONTHS) + r")\b)")
_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"(?P<num>(?:an additional |another |a further |an extra )?(?:\d+(?: 1/2|\.\d+)?|[a-z]+(?:[ -][a-z]+){0,3}?)(?: more)?)"
# "eight trading days" counts days like "eight days" (TimeBank: P8D).
_UNIT = r"(?:(?:trading|business|working|calendar) )?(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?:e?s)?"
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"|(?P<hour24>\d{1,2}):(?P<minute24>\d{2})(?!\d)|\b(?P<named>noon|midday|midnight)\b"
)
_TZ = re.compile(r"\b(?:gmt|utc|local time|\(?[ecmp][sd]?t\)?|bst|cet)\b")

_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"), "iso"),
    (re.compile(r"(?:(?P<rel>last|next|this|coming) )?(?P<holiday>" + "|".join(re.escape(n) for n in HOLIDAY_NAMES)
                + r")(?:'s)?(?: (?P<week>week|weekend))?(?:,? (?P<y>\d{4}))?"), "holiday"),
    (re.compile(r"(?:between |from )?(?P<y1>\d{4})\s*(?:-|–|—|/|to|until|till|through|and)\s*(?P<y2>\d{4}|\d{2})"), "year_range"),
    (re.compile(_M + r" (?P<d>\d{1,2})" + _ORD + r",? (?P<y>\d{4})"), "mdy"),
    (re.compile(r"(?P<d>\d{1,2})" + _ORD + r" (?:of )?" + _M + r",? (?P<y>\d{4})"), "mdy"),
    (re.compile(r"(?:(?P<rel>last|this|next|coming) )?" + _M + r" (?P<d>\d{1,2})" + _ORD + r"(?: (?:and|or|to|-) \d{1,2}" + _ORD + ")?"), "md"),
    (re.compile(r"(?P<d>\d{1,2})" + _ORD + r" (?:of )?" + _M), "md"),
    (re.compile(_M + r",? (?:of )?(?P<y>\d{4})"), "my"),
    (re.compile(r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)"), "day_of_month"),
    (re.compile(r"(?P<rel>last|this|next|past) " + _M), "rel_month"),
    (re.compile(_M + r" (?P<rel>last|this|next) year"), "month_rel_year"),
    (re.compile(_M), "month"),
    (re.compile(r"(?:the )?(?:year )?(?:fiscal )?(?P<y>\d{4})"), "year"),
    (re.compile(r"(?:the )?(?P<dec>\d{3})0'?s"), "decade"),
    (re.compile(r"(?:the )?'?(?P<dec2>\d)0'?s"), "decade2"),
    (re.compile(r"(?:the )?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"), "decade_word"),
    (re.compile(r"(?:the )?(?P<c>\d{1,2})(?:st|nd|rd|th)[ -]century"), "century"),
    (re.compile(r"(?P<season>spring|summer|autumn|fall|winter)(?: of)? (?P<y>\d{4})"), "season_year"),
    (re.compile(r"(?:(?P<rel>last|past|previous|this|next|coming) )?(?P<season>spring|summer|autumn|fall|winter)"), "season"),
    (re.compile(r"(?:(?P<part0>morning|afternoon|evening|night) )?(?P<day>yesterday|today|tomorrow|tonight|last night)(?: (?P<part>morning|afternoon|evening|night))?"), "deictic"),
    (re.compile(r"the day (?P<dir>before yesterday|after tomorrow)"), "deictic2"),
    (re.compile(r"(?P<rel>this) (?P<part>morning|afternoon|evening)"), "this_part"),
    (re.compile(r"(?:the )?(?P<part>morning|afternoon|evening|overnight)"), "this_part"),
    (re.compile(r"(?:(?P<rel>last|past|previous|this|next|coming|following) )?" + _WD + r"(?:'s)?(?: (?P<part>morning|afternoon|evening|night))?"), "weekday"),
    (re.compile(r"(?:the )?(?P<rel>last|past|previous|this|current|next|coming|following) (?P<unit>day|week|weekend|month|year|quarter|decade|century)"), "relative"),
    (re.compile(r"(?:the )?(?:current |full |this |latest )?(?:fiscal |calendar )?year"), "this_year"),
    (re.compile(r"(?:the )?(?:(?P<unit>year|month|week)[- ]end|(?P<unit2>year|month|week)'s end)"), "unit_end"),
    (re.compile(r"(?:the )?(?P<y>\d{4}) (?:fiscal )?(?:quarter|period)"), "year_quarter"),
    (re.compile(r"(?:this |the )?weekend"), "weekend"),
    (re.compile(r"(?:the |its |their |a )?(?:(?P<yrel>this|next|last) year's |(?P<y0>\d{4}) )?(?:fiscal[ -])?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last)[ -]quarter(?: of (?P<y>\d{4}))?|q(?P<qn>[1-4])(?: (?P<y2>\d{4}))?"), "quarter"),
    (re.compile(r"(?:the )?(?P<rel>last|past|previous|next|coming|first|recent|following|latest|final|year-earlier|year-ago) " + _NUM + r" " + _UNIT), "span"),
    (re.compile(_NUM + r" " + _UNIT + r" and a half"), "duration_half"),
    (re.compile(r"(?:the )?(?P<h>first|second|last|latter|1st|2nd) half(?: of (?:(?P<y>\d{4})|(?P<yrel>this|next|last) year))?"), "half_year"),
    (re.compile(r"(?:the )?week of (?P<day>.+)"), "week_of"),
    (re.compile(r"(?P<hour>\d{1,2})(?: o'clock)? in the (?P<part>morning|afternoon|evening|night)"), "clock_part"),
    (re.compile(_NUM + r"[ -]" + _UNIT + r" (?P<dir>ago|earlier|before|from now|hence|later|after)"), "offset"),
    (re.compile(r"(?:in|within|for|over|after) " + _NUM + r"[ -]" + _UNIT), "in_span"),
    (re.compile(_NUM + r"[ -]" + _UNIT + r"(?:[ -](?:long|old|-old))?"), "duration"),
    (re.compile(r"(?:the )?(?P<rel>recent|past|last|coming|future|next)(?: (?:several|few|many))? (?P<unit>days|weeks|months|quarters|years|decades)(?: ahead)?"), "vague_ref"),
    (re.compile(r"(?P<vague>several|a few|few|many|some|recent|the past few|the last few|the next few)?\s*" + _UNIT), "vague"),
    (re.compile(r"(?P<every>every|each|per|a) (?P<unit>day|week|month|year|night|morning|evening|weekday|" + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS) + r")"), "set"),
    (re.compile(r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly|annual|biweekly)"), "set_adv"),
    (re.compile(r"(?:once|twice|\d+ times|(?:three|four|five|six|ten) times) (?:a|an|per|every|each) (?P<unit>hour|day|week|month|year)"), "set_times"),
]
_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
                "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H"}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}


def parse_reference(reference: str | None) -> date | None:
    """The reference date from an ISO string ("2024-12-05", or a datetime prefix); None stays None."""
    if reference is None:
        return None
    try:
        return date.fromisoformat(reference[:10])
    except (ValueError, TypeError) as exc:
        raise ConsilienceError(f"reference date {reference!r} is not ISO YYYY-MM-DD. Pass e.g. '2024-12-05' or None.") from exc


def normalize_timex(text: str, reference: str | None) -> tuple[str, str | None]:
    """TIMEX3 (type, value) of one time expression; value None when it cannot be normalised."""
    timex = interpret_timex(text, reference)
    return timex.type, timex.value


def interpret_timex(text: str, reference: str | None, direction: str | None = None) -> Timex:
    """The full `Timex` (type, value, mod, range end, reason) of one time expression.

    `direction` ("past" or "future", from the tense of the clause) says which way a year-less
    month or a bare weekday points from the reference; None keeps the nearest date.
    """
    return _interpret(_spell_years(_clean(text)), parse_reference(reference), direction)


@lru_cache(maxsize=4096)
def _interpret(core: str, ref: date | None, direction: str | None = None) -> Timex:
    if not core:
        return Timex("DATE", None, reason="empty expression")
    if core in _PRESENT:
        return Timex("DATE", "PRESENT_REF")
    if core in _PAST:
        return Timex("DATE", "PAST_REF")
    if core in _FUTURE:
        return Timex("DATE", "FUTURE_REF")
    mod, core = _split_mod(core)
    if mod in ("START", "MID", "END") and core in ("year", "month", "week", "day"):
        return _with_mod(Timex("DATE", "PRESENT_REF" if ref is None else _anchor(ref, core, 0)), mod)
    time_match = _TIME.search(core)
    if time_match:
        return _with_mod(_interpret_time(core, time_match, ref, direction), mod)
    # "Thursday, December 5": the weekday only repeats what the date says.
    lead = re.match(_WD + r",? (?=\S)", core)
    if lead and not re.match(_WD + r"(?:'s)? (?:morning|afternoon|evening|night)$", core):
        rest = _interpret(core[lead.end():], ref, direction)
        if rest.value is not None:
            return _with_mod(rest, mod)
    for pattern, kind in _RULES:
        match = pattern.fullmatch(core)
        if match:
            timex = _RULE_HANDLERS[kind](match, ref, direction)
            if timex is not None:
                return _with_mod(timex, mod)
    return _with_mod(interpret_fallback(core, ref), mod)


_SPOKEN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SPOKEN_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19}
_SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SPOKEN_YEAR = re.compile(
    r"\b(?:(?P<century>eighteen|nineteen|twenty) (?P<tens>" + "|".join(_SPOKEN_TENS) + "|" + "|".join(_SPOKEN_TEENS) + r")"
    r"(?:[- ](?P<unit>" + "|".join(_SPOKEN_UNITS) + r"))?"
    r"|two thousand(?: and)?(?: (?P<unit2>" + "|".join(_SPOKEN_UNITS) + r"))?)\b"
)


def _spell_years(core: str) -> str:
    """Broadcast transcripts spell years out: "nineteen ninety-six" -> "1996", "two thousand" -> "2000"."""
    if "nineteen" not in core and "thousand" not in core and "eighteen" not in core and "twenty" not in core:
        return core

    def digits(m: re.Match) -> str:
        if m["century"]:
            tens = _SPOKEN_TENS.get(m["tens"]) or _SPOKEN_TEENS[m["tens"]]
            return str(_SPOKEN_TEENS.get(m["century"], 20) * 100 + tens + _SPOKEN_UNITS.get(m["unit"] or "", 0))
        return str(2000 + _SPOKEN_UNITS.get(m["unit2"] or "", 0))

    spelled = _SPOKEN_YEAR.sub(digits, core)
    # "two thousand years" is a duration, not the year 2000
    return core if re.search(r"\d{4} (?:years?|days?|people)", spelled) else spelled


def _clean(text: str) -> str:
    core = re.sub(r"\s+", " ", text.lower().replace("’", "'").replace("–", "-")).strip(" ,;:")
    core = _LEAD_ARTICLE.sub("", core)  # "an Aug. 10, 1988 meeting", "both 1990 and 1991"
    core = re.sub(r" (?:and|or)$", "", core)  # a span cut before the second of two dates
    core = core.replace("this past ", "this ")  # "this past spring", said in the autumn, is this year's
    if core.endswith(".") and not core.endswith(("a.m.", "p.m.")):
        core = core[:-1]
    core = core.removesuffix("'s")  # "last month's figures"
    core = core.removesuffix("-long")  # "decades-long", "a year-long" measure the same span
    changed = True
    while changed:
        changed = False
        for word in _LEAD_WORDS:
            if core.startswith(word) and len(core) > len(word) and not (word == "the " and core[4:] in ("past", "future", "present", "present day", "recent past", "near future", "near term", "short term")) and not (word == "at " and core.startswith(("at least", "at most"))):
                core = core[len(word):]
                changed = True
    return core


def _split_mod(core: str) -> tuple[str | None, str]:
    if core.endswith(" or so") and len(core) > 6:
        return "APPROX", _clean(core[:-6])  # "the next year or so"
    for phrase, mod in _MODS:
        if core.startswith(phrase) and len(core) > len(phrase):
            if phrase[-1].isalpha() and core[len(phrase)].isalpha():
                continue  # "midday", "overnight", "lately": one word, not a modifier
            rest = core[len(phrase):].lstrip(" -")
            if phrase == "some" and not rest[:1].isdigit() and rest.split(" ")[0] not in _NUMBER_LEADS:
                continue
            if phrase in ("over", "under") and not rest[:1].isdigit() and rest.split(" ")[0] not in _NUMBER_LEADS:
                continue  # "over the weekend", "under Obama" are not modified durations
            return mod, _clean(rest)
    return None, core


_NUMBER_LEADS = {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "half",
                 "several", "few", "dozen", "dozens"}


def _with_mod(timex: Timex, mod: str | None) -> Timex:
    if mod is None or timex.value is None:
        return timex
    return Timex(timex.type, timex.value, mod, timex.end, timex.reason)


# --- rule handlers ---------------------------------------------------------------------------


def _valid_day(year: int | None, month: int, day: int) -> str | None:
    """None when the day exists in that month (any leap year when the year is unknown), else why not."""
    try:
        date(year if year else 2000, month, day)
    except ValueError:
        return f"there is no day {day} in {MONTH_NAMES[month]}" + (f" {year}" if year else "")
    return None


def _nearest_year(ref: date, month: int, day: int, direction: str | None = None) -> int:
    """The year of a year-less month/day said on the reference date (HeidelTime's news rule).

    A past-tense clause looks back ("stepped down on March 3", said in November: this March), a
    future one forward ("talks on January 9", said in December: next January); a date at most two
    weeks ahead stays ahead whatever the tense ("said in an editorial on Saturday, April 25", dated
    the 24th). Without a tense the nearest such date within half a year wins, else the reference's
    year. Only years where the day exists count (29 February).
    """
    valid = {y: date(y, month, day) for y in range(ref.year - 8, ref.year + 9) if _valid_day(y, month, day) is None}
    if direction == "past":
        return max((y for y, d in valid.items() if d <= ref + timedelta(days=GRACE_DAYS)), default=ref.year)
    if direction == "future":
        return min((y for y, d in valid.items() if d >= ref), default=ref.year)
    gap, year = min((abs((d - ref).days), y) for y, d in valid.items())
    return year if gap <= NEAREST_DAYS or ref.year not in valid else ref.year


NEAREST_DAYS = 183
GRACE_DAYS = 14


def _rule_iso(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return Timex("DATE", None, reason=f"month {month} does not exist")
    bad = _valid_day(year, month, day)
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
    bad = _valid_day(year, month, day)
    return Timex("DATE", None, reason=bad) if bad else Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _rule_md(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    month, day = MONTHS[m["month"]], int(m["d"])
    rel = m.groupdict().get("rel")
    if rel:  # "last Oct. 23" looks back whatever the clause says, "next May 1" forward
        direction = "past" if rel == "last" else "future"
    bad = _valid_day(None, month, day)
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
        year, month = _shift_months(year, month, -1)
    bad = _valid_day(year, month, day)
    return Timex("DATE", None, reason=bad) if bad else Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _rule_my(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("DATE", f"{int(m['y']):04d}-{MONTHS[m['month']]:02d}")


def _rule_month(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    month = MONTHS[m["month"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{month:02d}")
    if direction is None:
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


NEAREST_MONTHS = 6


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
    code = SEASONS[m["season"]]
    if ref is None:
        return Timex("DATE", f"XXXX-{code}")
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    return Timex("DATE", f"{ref.year + shift:04d}-{code}")


def _day_value(day: date | None, back: int = 0) -> str:
    return "XXXX-XX-XX" if day is None else (day - timedelta(days=back)).isoformat()


def _rule_deictic(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    word = m["day"]
    offset = {"yesterday": 1, "last night": 1, "today": 0, "tonight": 0, "tomorrow": -1}[word]
    if ref is None:
        return Timex("DATE", {"yesterday": "PAST_REF", "last night": "PAST_REF", "tomorrow": "FUTURE_REF"}.get(word, "PRESENT_REF"))
    value = _day_value(ref, offset)
    part = m["part"] or m["part0"] or ("night" if word in ("tonight", "last night") else None)
    if part:
        return Timex("TIME", f"{value}T{PARTS_OF_DAY[part]}")
    return Timex("DATE", value)


def _rule_deictic2(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    if ref is None:
        return Timex("DATE", "PAST_REF" if m["dir"].startswith("before") else "FUTURE_REF")
    return Timex("DATE", _day_value(ref, 2 if m["dir"].startswith("before") else -2))


def _rule_this_part(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("TIME", f"{_day_value(ref)}T{PARTS_OF_DAY[m['part']]}")


def _weekday_date(ref: date, weekday: int, rel: str | None, direction: str | None = None) -> date:
    """Past-tense news default: the most recent such weekday on or before the reference."""
    back = (ref.isoweekday() - weekday) % 7
    if rel in ("next", "coming", "following") or (rel is None and direction == "future"):
        return ref + timedelta(days=(weekday - ref.isoweekday()) % 7 or 7)
    if rel in ("last", "past", "previous") and back == 0:
        back = 7
    return ref - timedelta(days=back)


def _rule_weekday(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    weekday = WEEKDAYS[m["weekday"]]
    value = f"XXXX-WXX-{weekday}" if ref is None else _weekday_date(ref, weekday, m["rel"], direction).isoformat()
    if m["part"]:
        return Timex("TIME", f"{value}T{PARTS_OF_DAY[m['part']]}")
    return Timex("DATE", value)


def _shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _anchor(ref: date, unit: str, step: int) -> str:
    """The calendar unit containing the reference, moved `step` units (TIMEX3 granularity)."""
    if unit == "day":
        return (ref + timedelta(days=step)).isoformat()
    if unit in ("week", "weekend"):
        iso = (ref + timedelta(weeks=step)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = _shift_months(ref.year, ref.month, step)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = _shift_months(ref.year, ref.month, 3 * step)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{(ref.year // 10 + step):03d}"
    if unit == "century":
        return f"{(ref.year // 100 + step):02d}"
    return f"{ref.year + step:04d}"


def _rule_relative(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0}.get(m["rel"], 1)
    unit = m["unit"]
    if ref is None:
        return Timex("DATE", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step])
    if (unit == "day" and m["rel"] in ("past", "last")) or (unit in ("decade", "century") and m["rel"] == "past"):
        # "the past day", "the past decade" are spans reaching back to now, not yesterday or the 1990s
        return Timex("DURATION", format_duration(1.0, unit))
    return Timex("DATE", _anchor(ref, unit, step))


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
    return Timex("DATE", _anchor(ref, unit, 0), mod="END")


def _rule_year_quarter(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the 1988 quarter": a quarter of that year, which one the report's quarter talk says (QX here)."""
    year = int(m["y"])
    return Timex("DATE", f"{year:04d}-QX") if 1000 <= year <= 2999 else None


def _rule_vague_ref(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"recent years", "the past few months", "coming quarters": TimeML marks these as PAST_REF/FUTURE_REF."""
    return Timex("DATE", "PAST_REF" if m["rel"] in ("recent", "past", "last") else "FUTURE_REF")


def _rule_weekend(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"the weekend": in a past-tense clause written on a weekday, the one just gone (ISO week before)."""
    if ref is None:
        return Timex("DATE", "XXXX-WXX-WE")
    past = direction == "past" and ref.isoweekday() < 6
    return Timex("DATE", _anchor(ref, "weekend", -1 if past else 0))


def _rule_quarter(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    quarter = _QUARTERS[m["q"]] if m["q"] else int(m["qn"])  # "the third quarter", "Q3"
    written = m["y"] or m["y0"] or m["y2"]
    year = written or (f"{ref.year:04d}" if ref else "XXXX")
    if m["yrel"] and ref is not None:
        year = f"{ref.year + {'this': 0, 'next': 1, 'last': -1}[m['yrel']]:04d}"
    elif written is None and ref is not None and direction == "past" and quarter > (ref.month - 1) // 3 + 1:
        year = f"{ref.year - 1:04d}"  # "posted a loss in the fourth quarter", said in January
    return Timex("DATE", f"{year}-Q{quarter}")


# Years per TIMEX3 unit letter, to keep an offset inside years 1000-2999 (no negative or five-digit years).
_UNIT_YEARS = {"TS": 1 / 31_557_600, "TM": 1 / 525_960, "TH": 1 / 8766, "D": 1 / 365.25, "W": 7 / 365.25,
               "M": 1 / 12, "Q": 1 / 4, "Y": 1, "DE": 10, "CE": 100}
MAX_OFFSET_YEARS = 900


def _rule_offset(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    count = read_count(m["num"])
    if count is None:
        return None
    past = m["dir"] in ("ago", "earlier", "before")
    if m["dir"] in ("earlier", "before", "later", "after"):
        # "three days later" counts from another event, not from the report's date.
        return Timex("DATE", None, reason=f"'{m['dir']}' is anchored to another event, not the report date")
    if count == "X" or ref is None:
        return Timex("DATE", "PAST_REF" if past else "FUTURE_REF")
    unit = m["unit"]
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
    return Timex("DATE", _anchor(ref, unit, sign * steps))


def _rule_half_year(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"the second half of 1989" -> 1989-H2; without a year, the reference's own year."""
    half = 1 if m["h"] in ("first", "1st") else 2
    if m["y"]:
        return Timex("DATE", f"{m['y']}-H{half}")
    if ref is None:
        return Timex("DATE", f"XXXX-H{half}")
    shift = {"next": 1, "last": -1}.get(m["yrel"] or "", 0)
    return Timex("DATE", f"{ref.year + shift:04d}-H{half}")


def _rule_week_of(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the week of March 6": the ISO week holding that day."""
    day = _interpret(m["day"], ref, direction)
    if day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return None
    iso = date.fromisoformat(day.value).isocalendar()
    return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")


def _rule_clock_part(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"4 in the morning" -> T04:00, "8 in the evening" -> T20:00."""
    hour = int(m["hour"])
    if not 1 <= hour <= 12:
        return None
    if m["part"] != "morning" and hour < 12:
        hour += 12
    elif m["part"] == "morning" and hour == 12:
        hour = 0
    return Timex("TIME", f"{_day_value(ref)}T{hour:02d}:00")


def _rule_set(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    unit = m["unit"]
    if unit in WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[unit]}")
    if unit in MONTHS:
        return Timex("SET", f"XXXX-{MONTHS[unit]:02d}")  # "each July"
    if unit in ("morning", "evening"):
        return Timex("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    return Timex("SET", {"day": "P1D", "night": "P1D", "weekday": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}[unit])


def _rule_set_times(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"twice a week": the period repeats (TimeML puts the count in freq, which the value does not carry)."""
    return Timex("SET", format_duration(1.0, m["unit"]))


def _rule_set_adv(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("SET", _SET_ADVERBS[m["adv"]])


_RULE_HANDLERS = {
    "iso": _rule_iso, "year_range": _rule_year_range, "mdy": _rule_mdy, "md": _rule_md, "my": _rule_my,
    "month": _rule_month, "year": _rule_year, "decade": _rule_decade, "decade2": _rule_decade2,
    "decade_word": _rule_decade_word, "century": _rule_century, "season_year": _rule_season_year,
    "season": _rule_season, "deictic": _rule_deictic, "deictic2": _rule_deictic2, "this_part": _rule_this_part,
    "weekday": _rule_weekday, "rel_month": _rule_rel_month, "month_rel_year": _rule_month_rel_year,
    "this_year": _rule_this_year, "unit_end": _rule_unit_end, "year_quarter": _rule_year_quarter, "vague_ref": _rule_vague_ref, "relative": _rule_relative, "quarter": _rule_quarter, "weekend": _rule_weekend, "span": read_duration,
    "offset": _rule_offset, "in_span": read_duration, "duration": read_duration, "vague": read_vague_duration,
    "set": _rule_set, "set_adv": _rule_set_adv, "duration_half": read_duration_and_half, "half_year": _rule_half_year,
    "week_of": _rule_week_of, "clock_part": _rule_clock_part, "holiday": read_holiday, "day_of_month": _rule_day_of_month, "set_times": _rule_set_times,
}


# --- times of day ---------------------------------------------------------------------------


def _interpret_time(core: str, m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    if m["named"]:
        hour, minute = (12, 0) if m["named"] in ("noon", "midday") else (24, 0)
    elif m["ampm"]:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        if not 1 <= hour <= 12:
            return Timex("TIME", None, reason=f"{hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    else:
        hour, minute = int(m["hour24"]), int(m["minute24"])
        if hour > 24:
            return Timex("TIME", None, reason=f"{hour} is not an hour")
    if minute > 59:
        return Timex("TIME", None, reason=f"{minute} is not a minute")
    rest = _clean(_TZ.sub(" ", core[: m.start()] + " " + core[m.end():]).replace(" at ", " ").replace(" on ", " "))
    rest = rest.strip(" ,")
    day = "XXXX-XX-XX" if ref is None else ref.isoformat()
    if rest:
        found = _interpret(rest, ref, direction)
        if found.value is not None and found.type == "DATE" and re.match(r"^(?:\d{4}|XXXX)-(?:\d{2}|XX|WXX)-\d{1,2}$", found.value):
            day = found.value
        elif found.value is not None and found.type == "TIME" and "T" in found.value:
            day = found.value.split("T")[0]
    if hour == 24:
        return Timex("TIME", f"{day}T24:00")
    return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}")
