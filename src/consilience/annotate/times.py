"""Finding time expressions in a parsed report and normalising them to TIMEX3 values.

Candidates are spaCy's DATE/TIME entities plus a few patterns the small model misses ("now",
"currently", clock times, weekdays); each is normalised by `timex.interpret_timex` against the
report's publication date.
"""

from __future__ import annotations

import re

from ..model import TimeMention
from .timex import MONTHS, WEEKDAYS, interpret_timex, parse_reference

_TIME_LABELS = ("DATE", "TIME")
_MONTH_ALT = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
# What en_core_web_sm tends to leave untagged; words only as whole words, "a.m." without \b after the dot.
_MISSED = re.compile(
    r"(?<![\w-])(?:"
    r"now|currently|nowadays|recently|presently|at present"
    r"|(?:(?:last|next|this) )?(?:" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?"
    r"|\d{1,2}(?::\d{2})? ?[ap]\.m\.|\d{1,2}(?::\d{2})? ?[ap]m"
    r"|(?:" + _MONTH_ALT + r") \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?"
    r"|\d{4}-\d{2}-\d{2}"
    r")(?![\w-])",
    re.IGNORECASE,
)


def find_times(doc, reference: str | None) -> list[TimeMention]:
    """Time expressions of `doc` with TIMEX3 type and value; `reference` is the ISO publication date."""
    parse_reference(reference)  # a malformed reference is the caller's error: fail before any work
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _TIME_LABELS]
    taken = sorted(spans)
    text = doc.text
    for match in _MISSED.finditer(text):
        start, end = match.span()
        if not _overlaps(taken, start, end):
            spans.append((start, end))
    mentions = []
    for start, end in sorted(spans):
        surface = text[start:end]
        timex = interpret_timex(surface, reference)
        mentions.append(TimeMention(surface, start, end, timex.type, timex.value, _reason(timex)))
    return mentions


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


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
