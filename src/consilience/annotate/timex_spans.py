"""Trimming candidate time spans to TimeML extents.

spaCy's DATE/TIME entities follow OntoNotes, not TimeML: they swallow modifiers ("about two weeks"),
possessives ("last year's"), glue two expressions together ("the quarter ended Sept. 30") and tag
ages ("6-year-old"). TimeML (TimeBank/AQUAINT guidelines) keeps the mod outside the extent, marks
each expression separately, and does not annotate ages or bare numbers.
"""

from __future__ import annotations

import re

from .timex import WEEKDAYS

# Words TimeML leaves outside the TIMEX3 extent (the value carries them as mod, or they are not temporal).
_LEADING = re.compile(
    r"^(?:(?:earlier|later|just|only|barely|sometime|as early as|as long as|between)\s+"
    r"|(?:about|nearly|almost|approximately|roughly|some)\s+(?!.*\bago$))",
    re.IGNORECASE,
)
_THE_PLURAL = re.compile(r"^the\s+(?=(?:days|weeks|months|years|hours|minutes)$)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:'s|’s|[\s,.:;]+|\s+later|\s+and|\s+or)$", re.IGNORECASE)
# "the quarter ended Sept. 30", "today through Nov. 17": two expressions joined by a connective.
_JOINT = re.compile(r"\s+(?P<word>ended|ending|through|to|until)\s+", re.IGNORECASE)
# "Aug. 26 to Oct. 20" is two dates; "two to three weeks" and "up to 180 days" are one expression.
_RANGE_SIDE = re.compile(r"^(?:today|yesterday|tomorrow|[A-Z\d])")
_OF_YEAR = re.compile(r"^(?P<head>.*\b(?:months|quarters?|half|weeks))\s+of\s+(?P<tail>\d{4}|the year)$", re.IGNORECASE)
_NOT_TIMEX = re.compile(
    r"^(?:\d{1,3}|\d{5,}|quarterly|annual|annually|morning|evening|night|afternoon"
    r"|[\w\s-]*\d[\w\s-]*?[ -]years?[ -]old|\w+[ -]years?[ -]old|\w+-year-olds?)$",
    re.IGNORECASE,
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_CLOCK_END = re.compile(r"(?:[ap]\.?m\.?|noon|midnight|midday)(?:\s+[ECMP][SD]T)?$", re.IGNORECASE)
_DAY_AFTER_CLOCK = re.compile(
    r"(?:\s+[ECMP][SD]T)?,?\s+(?:(?:" + "|".join(WEEKDAYS) + r")\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}\b|today\b|yesterday\b|tomorrow\b)",
    re.IGNORECASE,
)
_WEEKDAY_END = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")$", re.IGNORECASE)


def refine_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The TimeML extents inside (or just around) one candidate span; empty when it is no timex."""
    pieces = []
    cursor = start
    for joint in _JOINT.finditer(text, start, end):
        if joint["word"].lower() not in ("ended", "ending") and not (
            _RANGE_SIDE.match(text[cursor:joint.start()]) and _RANGE_SIDE.match(text[joint.end():end])
        ):
            continue
        pieces.append((cursor, joint.start()))
        cursor = joint.end()
    pieces.append((cursor, end))
    spans = []
    for piece_start, piece_end in pieces:
        of_year = _OF_YEAR.match(text[piece_start:piece_end])
        if of_year:
            head_end = piece_start + of_year.end("head")
            spans.append(_trim(text, piece_start, head_end))
            if of_year["tail"].isdigit():
                spans.append((piece_start + of_year.start("tail"), piece_end))
            continue
        spans.append(_trim(text, piece_start, piece_end))
    spans = [_extend(text, s, e) for s, e in spans if e > s]
    return [(s, e) for s, e in spans if not _NOT_TIMEX.match(text[s:e])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    changed = True
    while changed and end > start:
        surface = text[start:end]
        changed = False
        for pattern in (_LEADING, _THE_PLURAL):
            lead = pattern.match(surface)
            if lead and lead.end() < len(surface):
                start += lead.end()
                changed = True
                break
        if changed:
            continue
        tail = _TRAILING.search(surface)
        if tail and tail.start() > 0 and not surface.lower().endswith(("a.m.", "p.m.")):
            end = start + tail.start()
            changed = True
    return start, end


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """"Wednesday" + " night", "9 a.m." + " Tuesday": TimeML marks these as one expression."""
    surface = text[start:end]
    if _WEEKDAY_END.search(surface):
        part = _PART_OF_DAY.match(text, end, min(len(text), end + 12))
        if part:
            return start, part.end()
    if _CLOCK_END.search(surface):
        day = _DAY_AFTER_CLOCK.match(text, end, min(len(text), end + 24))
        if day:
            return start, day.end()
    return start, end
