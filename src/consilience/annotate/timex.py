"""Normalising one time expression string to a TIMEX3 value against a reference date.

Pure string logic (no spaCy), following TimeML/TempEval-3 conventions: "December 5" -> "2024-12-05"
(year nearest the reference, the news convention), "last week" -> "2024-W48", "13 years" -> "P13Y",
"the 1980s" -> "198", "now" -> "PRESENT_REF". Without a reference nothing is invented: "XXXX-12-05",
"XXXX-WXX-4". Own rules run first; `dateparser` is a last resort for odd spellings (it is slow and
fills missing fields from its base date, so its output is trimmed to what the text actually says).
This module cleans the string, splits off modifiers and dispatches to the first matching rule:
calendar dates live in `timex_calendar`, dates counted from the reference in `timex_relative`,
repetitions in `timex_sets`, durations in `timex_durations`, holidays in `timex_holidays`, the
dateparser fallback in `timex_fallback`, the `Timex` record and calendar words in `timex_model`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..errors import ConsilienceError
from .timex_calendar import CALENDAR_RULES
from .timex_durations import (
    UNITS,
    read_count,
    read_duration,
    read_duration_and_half,
    read_vague_duration,
)
from .timex_fallback import interpret_fallback
from .timex_holidays import HOLIDAY_NAMES, read_holiday
from .timex_model import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS, Timex
from .timex_relative import RELATIVE_RULES, anchor_period
from .timex_sets import SET_RULES

__all__ = ["MONTHS", "PARTS_OF_DAY", "SEASONS", "WEEKDAYS", "Timex", "interpret_timex", "normalize_timex", "parse_reference"]


_PRESENT = {"now", "currently", "right now", "at present", "presently", "nowadays", "these days",
            "at the moment", "present", "the present", "the present day", "today's", "current"}
_PAST = {"recently", "the past", "in the past", "formerly", "previously", "lately", "once", "earlier",
         "the recent past", "then current", "then-current"}
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
_COUNT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d+)"
_LEAD_COUNT = re.compile(r"^an? (?=" + _COUNT_WORD + r"[ -])")  # "a two-day visit" counts two days
# "two to three weeks", "12 to 18 months": TimeML keeps the first count (HeidelTime's range rule)
_COUNT_RANGE = re.compile(r"\b(" + _COUNT_WORD + r")(?: to | or |-)" + _COUNT_WORD + r"(?= (?:" + "|".join(UNITS) + r"))")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30}
# "March eighth", "the twenty-first of May": broadcast transcripts spell the day out
_SPELLED_DAY = re.compile(r"\b(?:(?P<tens>twenty|thirty)[- ])?(?P<ord>" + "|".join(_ORDINAL_WORDS) + r")\b")
_UNIT_ALTERNATIVE = re.compile(r"(?<=s) (?:or|and) (?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?=(?: ahead)?$)")
# "a matter of days", "all three years", "those three decades", "a full day": the count and unit carry the value
_COUNT_LEAD = re.compile(r"^(?:a matter of |(?:all|those|these) (?=(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) ))")
_FULL_UNIT = re.compile(r"^an? full (?=(?:day|week|month|year|hour)s?$)")
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")
# "the day Friday", "each of the past three years": the head alone carries the value
_LEAD_PHRASE = re.compile(r"^(?:each of |the day (?=(?:" + "|".join(WEEKDAYS) + r")\b))")
_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"(?P<num>(?:an additional |another |a further |an extra )?(?:\d+(?: 1/2|\.\d+)?|[a-z]+(?:[ -][a-z]+){0,3}?)(?: more)?)"
# "eight trading days" counts days like "eight days" (TimeBank: P8D).
_UNIT = r"(?:(?:trading|business|working|calendar) )?(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?:e?s)?"
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"|(?P<hour24>\d{1,2}):(?P<minute24>\d{2})(?!\d)|\b(?P<named>noon|midday|midnight)\b"
    r"|\b(?P<hour24b>[01]\d|2[0-3])(?P<minute24b>[0-5]\d) ?(?=gmt|utc)"  # "1600 GMT"
)
_TZ = re.compile(r"\b(?:gmt|utc|local time|\(?[ecmp][sd]?t\)?|bst|cet)\b")

_DECADE_LEAD = r"(?:the )?(?:(?:decade|(?:first|second|last|latter) half) of (?:the )?)?"

_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"), "iso"),
    (re.compile(r"(?:(?P<rel>last|next|this|coming) )?(?P<holiday>" + "|".join(re.escape(n) for n in HOLIDAY_NAMES)
                + r")(?:'s)?(?: (?P<week>week|weekend))?(?:,? (?P<y>\d{4}))?"), "holiday"),
    (re.compile(r"(?:between |from )?(?P<y1>\d{4})\s*(?:-|–|—|/|to|until|till|through|and)\s*(?P<y2>\d{4}|\d{2})"), "year_range"),
    (re.compile(_M + r" (?P<d>\d{1,2})" + _ORD + r",? (?P<y>\d{4})"), "mdy"),
    (re.compile(r"(?P<d>\d{1,2})" + _ORD + r" (?:of )?" + _M + r",? (?P<y>\d{4})"), "mdy"),
    (re.compile(r"(?:(?P<rel>last|this|next|coming) )?" + _M + r" (?P<d>\d{1,2})" + _ORD + r"(?: (?:and|or|to|-) \d{1,2}" + _ORD + r"| ?-\d{1,2}" + _ORD
                + r"| ?- ?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? \d{1,2}" + _ORD + ")?"), "md"),  # "March 16-17", "March 31-April 4"
    (re.compile(r"(?P<d>\d{1,2})" + _ORD + r" (?:of )?" + _M), "md"),
    (re.compile(_M + r",? (?:of )?(?P<y>\d{4})"), "my"),
    (re.compile(r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)"), "day_of_month"),
    (re.compile(r"(?P<rel>last|this|next|past) " + _M), "rel_month"),
    (re.compile(_M + r" (?P<rel>last|this|next) year"), "month_rel_year"),
    (re.compile(_M), "month"),
    # "fiscal 2013", "the fiscal year 2012", "FY2012": a fiscal year is named by the year it ends in (TIMEX3 1.2.1)
    # "the years 2006 through 2011" (each year), "the 2013 tax year"
    (re.compile(r"(?:the )?(?:full[ -]year |(?:fiscal|calendar) )?(?:years? )?(?:fiscal |fy ?)?(?P<y>\d{4})"
                r"(?: (?:tax|fiscal|calendar|school|academic|financial) year| season)?"), "year"),
    # "the decade of the 1980s"; "the last half of the '80s" is still the decade (TimeBank: 198)
    (re.compile(_DECADE_LEAD + r"(?P<dec>\d{3})0'?s"), "decade"),
    (re.compile(_DECADE_LEAD + r"'?(?P<dec2>\d)0'?s"), "decade2"),
    (re.compile(_DECADE_LEAD + r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"), "decade_word"),
    (re.compile(r"(?:the )?(?P<c>\d{1,2})(?:st|nd|rd|th)[ -]century"), "century"),
    (re.compile(r"(?P<season>spring|summer|autumn|fall|winter)(?: of)? (?P<y>\d{4})"), "season_year"),
    (re.compile(r"(?:(?P<rel>last|past|previous|this|next|coming) )?(?P<season>spring|summer|autumn|fall|winter)"), "season"),
    (re.compile(r"(?:(?P<part0>morning|afternoon|evening|night) )?(?P<day>yesterday|today|tomorrow|tonight|last night|last evening)(?: (?P<part>morning|afternoon|evening|night))?"), "deictic"),
    (re.compile(r"the day (?P<dir>before yesterday|after tomorrow)"), "deictic2"),
    (re.compile(r"(?P<rel>this) (?P<part>morning|afternoon|evening)"), "this_part"),
    (re.compile(r"(?:the )?(?P<part>morning|afternoon|evening|overnight)"), "this_part"),
    (re.compile(r"(?:(?P<rel>last|past|previous|this|next|coming|following) )?" + _WD + r"(?:'s)?(?: (?P<part>morning|afternoon|evening|night))?"), "weekday"),
    (re.compile(r"(?:the )?(?P<rel>last|past|previous|this|current|next|coming|following) (?:fiscal |calendar )?(?P<unit>day|week|weekend|month|year|quarter|decade|century)"), "relative"),
    (re.compile(r"(?:the )?(?P<unit>week|month|year) (?P<rel>before)"), "relative"),  # "the year before": the previous one
    (re.compile(r"(?:the )?(?P<unit>week|month|year) (?P<rel>before last)"), "relative"),  # the one before the last
    (re.compile(r"(?:the )?(?P<rel>)(?P<unit>decade|century)"), "relative"),  # "by the end of the decade": the present one
    (re.compile(r"(?:the )?(?:current |full[ -]|this |latest )?(?:fiscal |calendar )?year"), "this_year"),
    (re.compile(r"(?:the )?(?:(?P<unit>year|month|week)[- ]end|(?P<unit2>year|month|week)'s end)"), "unit_end"),
    (re.compile(r"(?:the )?(?P<y>\d{4}) (?:fiscal )?(?:quarter|period)"), "year_quarter"),
    (re.compile(r"(?:this |the )?weekend"), "weekend"),
    (re.compile(r"(?:the |its |their |a )?(?:(?P<yrel>this|next|last) year's |(?P<y0>\d{4}) )?(?:fiscal[ -])?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last)[ -]quarter(?: of (?:(?P<y>\d{4})|(?P<ofrel>this|next|last) year))?|q(?P<qn>[1-4])(?: (?P<y2>\d{4}))?"), "quarter"),
    (re.compile(r"(?:the )?(?P<rel>last|past|previous|next|coming|first|recent|following|latest|final|year-earlier|year-ago) " + _NUM + r" " + _UNIT), "span"),
    (re.compile(_NUM + r" " + _UNIT + r" and a half"), "duration_half"),
    # "the second half of the year" is the report's year, as "this year" is; "the first two quarters of 1990" a half
    (re.compile(r"(?:the )?(?:(?P<h>first|second|last|latter|1st|2nd) half|(?P<hq>first|last|second) two quarters)"
                r"(?: of (?:(?P<y>\d{4})|(?P<yrel>this|next|last) year|the (?:current |fiscal |calendar )?year))?"), "half_year"),
    (re.compile(r"(?:the )?week (?:of|to) (?P<day>.+)"), "week_of"),  # "the week to March 15"
    (re.compile(r"(?:the )?(?P<part>morning|afternoon|evening|night) of (?P<day>.+)"), "part_of"),
    (re.compile(r"(?P<hour>\d{1,2})(?: o'clock)? in the (?P<part>morning|afternoon|evening|night)"), "clock_part"),
    # "two years ago this month", "a decade ago this week": the anniversary, at the finer unit
    (re.compile(_NUM + r" (?P<unit>year|decade)s? ago this (?P<fine>week|month)"), "anniversary"),
    (re.compile(_NUM + r"[ -]" + _UNIT + r"(?P<half> and a half)? (?P<dir>ago|back|earlier|before|from now|from today|hence|later|after)"), "offset"),
    (re.compile(r"(?P<unit>minute|hour|day|week|month|year|decade|centurie)s (?P<dir>ago|back|from now)"), "vague_offset"),
    (re.compile(r"(?:in|within|for|over|after) " + _NUM + r"[ -]" + _UNIT), "in_span"),
    (re.compile(_NUM + r"[ -]" + _UNIT + r"(?:[ -](?:long|old|-old|period|term))?"), "duration"),  # "a one-year term"
    (re.compile(r"(?:the )?(?P<rel>recent|past|last|coming|future|next)(?: (?:several|few|many))? (?P<unit>days|weeks|months|quarters|years|decades)(?: ahead)?"), "vague_ref"),
    # "within days" (HeidelTime: PXD), "several years", "the weeks ahead"
    # "the first hours of the war", "the final days": an uncounted stretch of the unit, as "the past few days"
    (re.compile(r"(?:within )?(?P<vague>several|a few|few|many|some|recent|the past few|the last few|the next few"
                r"|(?:the )?(?:first|final|opening|closing)(?= \w+s$))?\s*" + _UNIT + r"(?P<ahead> ahead)?"), "vague"),
    (re.compile(_WD + r"(?:s| (?P<part>morning|afternoon|evening|night)s)"), "weekdays"),  # "Mondays", "Tuesday nights"
    (re.compile(r"(?:every|each) " + _NUM + r" " + _UNIT), "set_every"),
    (re.compile(r"(?P<every>every|each|per|a) (?P<unit>day|week|month|quarter|year|hour|night|morning|evening|weekday|weekend|"
                + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS) + "|" + "|".join(SEASONS) + r")"), "set"),
    (re.compile(r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly|annual|biweekly)"), "set_adv"),
    (re.compile(r"(?:once|twice|\d+ times|(?:three|four|five|six|ten) times) (?:a|an|per|every|each) (?P<unit>hour|day|week|month|year)"), "set_times"),
]


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

    `direction` ("past", "future" or "present", from the tense of the clause) says which way a year-less
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
        return _with_mod(Timex("DATE", "PRESENT_REF" if ref is None else anchor_period(ref, core, 0)), mod)
    time_match = _TIME.search(core)
    if time_match:
        return _with_mod(_interpret_time(core, time_match, ref, direction), mod)
    # "Thursday, December 5": the weekday only repeats what the date says.
    lead = re.match(r"(?:(?:this|next|last|coming) )*" + _WD + r",? (?=\S)", core)
    if lead and not re.match(_WD + r"(?:'s)? (?:morning|afternoon|evening|night)s?$", core):
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
    core = _LEAD_COUNT.sub("", _LEAD_PHRASE.sub("", core))
    core = _COUNT_RANGE.sub(r"\1", core)
    core = _FULL_UNIT.sub("a ", _COUNT_LEAD.sub("", core))
    if _MONTH_WORD.search(core):
        core = _SPELLED_DAY.sub(_day_digits, core)
    core = re.sub(r" (?:and|or)$", "", core)  # a span cut before the second of two dates
    core = _UNIT_ALTERNATIVE.sub("", core)  # "weeks or months": the first unit names the span
    core = re.sub(r"\bthis past (?=(?:" + "|".join(WEEKDAYS) + r")\b)", "past ", core)  # "this past Friday" is gone
    core = core.replace("this past ", "this ")  # "this past spring", said in the autumn, is this year's
    core = core.replace("this coming ", "coming ")
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


def _day_digits(m: re.Match) -> str:
    """"eighth" -> "8", "twenty-first" -> "21" (only the days of a month; "the second quarter" has no month)."""
    day = _ORDINAL_WORDS[m["ord"]] + {"twenty": 20, "thirty": 30}.get(m["tens"] or "", 0)
    return str(day) if day <= 31 else m.group(0)


def _split_mod(core: str) -> tuple[str | None, str]:
    if core.endswith(" or so") and len(core) > 6:
        return "APPROX", _clean(core[:-6])  # "the next year or so"
    if core.endswith(" or so ago"):
        return "APPROX", core[:-10] + " ago"  # "a week or so ago"
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




def _rule_week_of(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the week of March 6": the ISO week holding that day."""
    day = _interpret(m["day"], ref, direction)
    if day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return None
    iso = date.fromisoformat(day.value).isocalendar()
    return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")


def _rule_part_of(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"the morning of March 21" -> 2024-03-21TMO: a part of a named day is a TIME."""
    day = _interpret(m["day"], ref, direction)
    if day.value is None or not re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d{2}|XX|WXX)-\d{1,2}", day.value):
        return None
    return Timex("TIME", f"{day.value}T{PARTS_OF_DAY[m['part']]}")


def _rule_anniversary(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"two years ago this month" -> the reference's month two years back; "a decade ago this week" -> its week."""
    count = read_count(m["num"])
    if ref is None or not isinstance(count, float) or not count.is_integer():
        return None
    years = int(count) * (10 if m["unit"] == "decade" else 1)
    try:
        then = ref.replace(year=ref.year - years)
    except ValueError:  # 29 February in a year without one
        then = ref.replace(year=ref.year - years, day=28)
    if m["fine"] == "month":
        return Timex("DATE", f"{then.year:04d}-{then.month:02d}")
    iso = then.isocalendar()
    return Timex("DATE", f"{iso.year:04d}-W{iso.week:02d}")


_RULE_HANDLERS = {
    **CALENDAR_RULES, **RELATIVE_RULES, **SET_RULES, "holiday": read_holiday, "week_of": _rule_week_of,
    "part_of": _rule_part_of, "anniversary": _rule_anniversary,
    "span": read_duration, "in_span": read_duration, "duration": read_duration, "vague": read_vague_duration,
    "duration_half": read_duration_and_half,
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
        hour, minute = int(m["hour24"] or m["hour24b"]), int(m["minute24"] or m["minute24b"])
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
