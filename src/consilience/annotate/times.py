"""Finding time expressions in a parsed report and normalising them to TIMEX3 values.

Candidates are spaCy's DATE/TIME entities plus a few patterns the small model misses ("now",
"currently", clock times, weekdays); `timex_spans` trims them to TimeML extents, each is normalised
by `timex.interpret_timex` against the report's publication date in the direction of its clause's
tense, and `timex_context` resolves what leans on the discourse ("the quarter", "a year earlier").
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from ..model import TimeMention
from .clause_tense import find_clause_tense
from .timex import MONTHS, WEEKDAYS, interpret_timex, parse_reference
from .timex_context import resolve_in_context
from .timex_holidays import HOLIDAY_NAMES
from .timex_spans import join_alternatives, refine_span

_TIME_LABELS = ("DATE", "TIME")
_MONTH_ALT = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
def _capitalize(name: str) -> str:
    """"new year's day" -> "New Year's Day": holidays are found capitalised only ("christmas tree" is none)."""
    return " ".join(word if word == "of" else word[0].upper() + word[1:] for word in name.split())


_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred"
_UNIT_WORDS = "year|decade|centur|quarter|month|week|day|hour|minute|night|season|spring|summer|autumn|fall|winter"
# What en_core_web_sm tends to leave untagged; words only as whole words, "a.m." without \b after the dot.
_MISSED = re.compile(
    r"(?<![\w-])(?:"
    r"now|currently|nowadays|recently|presently|at present|the future|daily|(?:every|each) (?:day|week|month|year)"
    # "its current wife", "current market conditions": TimeBank marks the adjective PRESENT_REF about half the
    # time, which is worth the guess; "the current of the river" is no time
    r"|(?:then[ -])?current(?=\s+(?!of\b|account|affairs\b)[a-z])"
    r"|(?:once|twice|(?:\d+|three|four|five|six|ten) times) (?:a|an|per|every|each) (?:hour|day|week|month|year)"
    r"|today|yesterday|tomorrow|tonight|the near (?:future|term)|the short term"
    # "may soon seek", "it soon will begin": soon as the time of a future event, not "as soon as", "soon after"
    r"|(?:" + "|".join(f"(?<={modal} )" for modal in ("will", "may", "might", "could", "would", "should", "to")) + r")soon"
    r"|soon(?= will\b)"
    # counted spans spaCy files as CARDINAL or QUANTITY: "about 5 1/2 hours", "two more weeks", "four decades ago"
    r"|(?:(?:more|less) than |nearly |almost |about )?(?:\d+(?:\.\d+)?(?: 1/2)?|" + _COUNT_WORDS + r")(?: more)?"
    r" (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)(?: ago)?"
    r"|the (?:following|previous|prior) (?:day|week|month|year)|the next (?:day|morning)"
    r"|the (?:latest|year-earlier|year-ago) (?:period|quarter)|(?:fiscal[ -])?(?:first|second|third|fourth)[ -]quarter"
    # seasons with a determiner ("in the autumn", "next winter"); "the fall" is mostly a collapse, so only "last fall"
    r"|(?:last|next|this|the) (?:spring|summer|autumn|winter)|(?:last|next|this) fall"
    # "in the past, Russia has...": the past itself, not "the past 20 years" (spaCy finds that one)
    r"|the past(?![\w-]|\s+(?:\d|(?:few|several|many|couple|" + _COUNT_WORDS + r")\b|(?:" + _UNIT_WORDS + r")))"
    r"|(?:(?:last|next|this) )?(?<!Good )(?:" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?"
    r"|\d{1,2}(?:[:.]\d{2})? ?[ap]\.m\.|\d{1,2}(?:[:.]\d{2})? ?[ap]m"  # "10 a.m.", "3.30pm"
    r"|(?:[01]\d|2[0-3])[0-5]\d (?-i:GMT|UTC)"  # wire copy's "1600 GMT"
    r"|(?:" + _MONTH_ALT + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.) \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?"
    r"|(?:(?:last|next|this) )?(?-i:" + "|".join(re.escape(_capitalize(n)) for n in HOLIDAY_NAMES if not n.startswith("the ")) + r")"
    r"(?!\s+(?:agreement|accord|offensive|rising|island|tree|card)s?\b)"  # "the Good Friday agreement" names a treaty
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?-i:Q[1-4])(?: (?:19|20)\d\d)?"  # "Q4 earnings", "Q1 2013": the quarter, in earnings shorthand
    r"|\d{1,2} (?-i:" + "|".join(m.capitalize() for m in _MONTH_ALT.split("|")) + r")(?: \d{4})?"  # "5 May 2013"
    # "the 2014 World Cup", "the 1996 Olympics": spaCy files the year inside an EVENT name; TimeBank marks it
    r"|(?:(?<=\bthe )|(?<=\ban )|(?<=\ba ))(?:19|20)\d\d(?= (?-i:[A-Z]))"
    # "from 2009 to 2011", "in 1994 and 1997": spaCy sometimes tags the first year only; the second is a DATE too
    r"|(?:(?<=\d\d\d\d to )|(?<=\d\d\d\d and )|(?<=\d\d\d\d or )|(?<=\d\d\d\d until )|(?<=\d\d\d\d through ))"
    r"(?:1[89]|20)\d\d(?!\s*(?:%|percent|people|troops|votes|shares|dollars|euros|pounds|miles|kilometers|tons)\b)"
    r")(?![\w-])",
    re.IGNORECASE,
)
# A date whose extent took in the hour of a clock written after it ("11 November 2011 - 11: 25am").
_CLOCK_TAIL = re.compile(r"^(.*\b(?:1[89]|20)\d\d)\s*[-–,]?\s*\d{1,2}$")
# Only these readings depend on the clause's tense; the parse walk is skipped for everything else.
_DIRECTIONAL = re.compile(
    r"\b(?:" + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS) + r"|weekend|(?:first|second|third|fourth)[ -]quarter|q[1-4]"
    r"|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)


def find_times(doc, reference: str | None, text: str | None = None) -> list[TimeMention]:
    """Time expressions of `doc` with TIMEX3 type and value; `reference` is the ISO publication date.

    `text`: `doc.text` when the caller has it (spaCy re-joins every token on each access).
    """
    ref = parse_reference(reference)  # a malformed reference is the caller's error: fail before any work
    text = doc.text if text is None else text
    candidates = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _TIME_LABELS]
    taken = sorted(candidates)
    for match in _MISSED.finditer(text):
        start, end = match.span()
        if not _overlaps(taken, start, end):
            candidates.append((start, end))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(candidates):
        for piece in refine_span(text, start, end):
            if not _overlaps(spans, *piece):
                insort(spans, piece)
    found = []
    for start, end in join_alternatives(text, spans):
        surface = text[start:end]
        direction = find_clause_tense(doc, start, end, text) if _DIRECTIONAL.search(surface) else None
        timex = interpret_timex(surface, reference, direction)
        tail = _CLOCK_TAIL.match(surface) if timex.value is None else None
        if tail:  # "28 September 2013 01: 43": the date without the hour cut off a clock
            end = start + tail.end(1)
            timex = interpret_timex(text[start:end], reference, direction)
        found.append((start, end, timex))
    timexes = resolve_in_context(text, found, ref)
    return [
        TimeMention(text[start:end], start, end, timex.type, timex.value, _reason(timex))
        for (start, end, _), timex in zip(found, timexes)
    ]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps a span of `spans`, a sorted list of non-overlapping spans."""
    index = bisect_left(spans, (start, end))
    return any(s < end and start < e for s, e in spans[max(0, index - 1):index + 1])


def _reason(timex) -> str | None:
    """The model has no fields for TIMEX3 mod or a range's end; the reason carries them for readers."""
    if timex.value is None:
        return timex.reason
    notes = []
    if timex.mod:
        notes.append(f"mod={timex.mod}")
    if timex.end:
        notes.append(f"range end={timex.end}")
    return "; ".join(notes) or None
