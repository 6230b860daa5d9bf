"""Numbers with their units as comparable intervals: "more than half a million people" -> [500000, ∞).

Each quantity is an interval [low, high] (None = unbounded) plus a unit and an `approx` flag, so two
reports' figures can be checked for compatibility rather than string equality:

- exact figures ("136 kilometers", "two", "460,000") are points;
- "about/around/some X" is X ± 10 %; "nearly/almost X" is [0.9 X, X];
- "more than/over X" is [X, ∞) approximate, "at least X" is [X, ∞) exact; "less than/fewer than X" is
  (-∞, X] approximate, "up to/at most X" is (-∞, X] exact;
- vague plurals keep their order of magnitude: "dozens" [24, 99], "hundreds" [100, 999],
  "thousands" [1000, 9999], "tens of thousands" [10000, 99999], ...

Dates, years, times and ordinals are not quantities and are skipped, as are absurd numbers (over 1e15).
"""

from __future__ import annotations

import math
import re

from ..model import Quantity, TimeMention
from .numbers import read_number, split_words

_QUANTITY_LABELS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
# Relative tolerance for open-ended approximate bounds: reporters round, so "more than half a million"
# agrees with a count of 460,000 elsewhere. Closed ranges ("hundreds", "about 300") already carry it.
TOLERANCE = 0.10

_ABOUT = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "approx.", "circa", "~")
_NEARLY = ("nearly", "almost", "close to", "just under", "just below", "just short of")
_MORE = ("more than", "over", "in excess of", "upwards of", "above", "exceeding", "beyond", "greater than")
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "not less than")
_LESS = ("less than", "fewer than", "under", "below")
_AT_MOST = ("at most", "up to", "no more than", "a maximum of", "not more than")
_COMPARATORS = sorted(
    [(p, "about") for p in _ABOUT] + [(p, "nearly") for p in _NEARLY] + [(p, "more") for p in _MORE]
    + [(p, "at_least") for p in _AT_LEAST] + [(p, "less") for p in _LESS] + [(p, "at_most") for p in _AT_MOST],
    key=lambda c: -len(c[0]),
)
_VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (100.0, 999.0), "thousands": (1e3, 9999.0),
    "tens of thousands": (1e4, 99999.0), "hundreds of thousands": (1e5, 999999.0), "millions": (1e6, 9.999e6),
    "tens of millions": (1e7, 9.999e7), "hundreds of millions": (1e8, 9.999e8), "billions": (1e9, 9.999e9),
}
_VAGUE_PATTERN = re.compile(
    r"(?<![\w-])(?:(?:tens|hundreds) of )?(?:dozens|scores|hundreds|thousands|millions|billions)(?![\w-])",
    re.IGNORECASE,
)
_CURRENCY = {"$": "dollar", "us$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
_CURRENCY_LONGEST_FIRST = sorted(_CURRENCY.items(), key=lambda c: -len(c[0]))
_VAGUE_LONGEST_FIRST = sorted(_VAGUE.items(), key=lambda v: -len(v[0]))
_UNIT_SYNONYMS = {
    "km": "kilometer", "kms": "kilometer", "kilometre": "kilometer", "kilometres": "kilometer", "mi": "mile",
    "m": "meter", "metre": "meter", "metres": "meter", "kg": "kilogram", "kilo": "kilogram", "kgs": "kilogram",
    "t": "ton", "tonne": "ton", "tonnes": "ton", "%": "percent", "per cent": "percent", "pct": "percent",
    "usd": "dollar", "us dollar": "dollar", "eur": "euro", "gbp": "pound", "person": "people",
    "persons": "people", "individual": "people", "men": "man", "women": "woman", "children": "child",
    "sq km": "square kilometer", "square kilometre": "square kilometer", "km2": "square kilometer",
}
_KEEP_S = ("people", "news", "series", "species", "ss", "us", "is")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_YEARLIKE = re.compile(r"^(?:1[89]|20|21)\d\d$")


def parse_quantity(text: str) -> tuple[float | None, float | None, bool, str | None] | None:
    """(low, high, approx, unit text) of a quantity phrase such as "about 300 troops"; None if it is not one."""
    core = text.lower().strip().replace("–", "-").replace("—", "-")
    unit = None
    for symbol, name in _CURRENCY_LONGEST_FIRST:
        if core.startswith(symbol) or f" {symbol}" in core:
            core = core.replace(symbol, " ", 1)
            unit = name
            break
    if core.endswith("%"):
        core, unit = core[:-1], "percent"
    core = re.sub(r"\s+", " ", core).strip()
    kind = None
    for phrase, name in _COMPARATORS:
        if core.startswith(phrase + " ") or (phrase == "~" and core.startswith("~")):
            kind, core = name, core[len(phrase):].strip()
            break
    for phrase, (low, high) in _VAGUE_LONGEST_FIRST:
        if core == phrase or core.startswith(phrase + " "):
            rest = core[len(phrase):].strip()
            return low, high, True, _unit_text(rest, unit)
    interval = _read_range(core)
    if interval is not None:
        low, high, rest = interval
        return low, high, False, _unit_text(rest, unit)
    words = split_words(core)
    value, used = read_number(words)
    if value is None:
        return None
    rest = " ".join(words[used:])
    unit = _unit_text(rest, unit)
    if kind == "about":
        return _round(value * (1 - TOLERANCE)), _round(value * (1 + TOLERANCE)), True, unit
    if kind == "nearly":
        return _round(value * (1 - TOLERANCE)), value, True, unit
    if kind in ("more", "at_least"):
        return value, None, kind == "more", unit
    if kind in ("less", "at_most"):
        return None, value, kind == "less", unit
    return value, value, False, unit


_RANGE = re.compile(
    r"between (.+?) and (.+)$|(?:from )?(.+?) (?:to|or) (.+)$|([\d.,]+(?: [a-z]+illion)?) ?- ?(\d.*)$"
)


def _read_range(core: str) -> tuple[float, float, str] | None:
    """"between 20 and 30", "20 to 30 people", "two or three", "20-30": a closed interval and the rest."""
    found = _RANGE.match(core)
    if not found:
        return None
    first, second = [g for g in found.groups() if g is not None]
    low_words = split_words(first)
    low, used_low = read_number(low_words)
    if low is None or used_low != len(low_words):
        return None
    high_words = split_words(second)
    high, used_high = read_number(high_words)
    if high is None or high < low:
        return None
    scales = [_SCALE_WORDS[w] for w in high_words[:used_high] if w in _SCALE_WORDS]
    if scales and not any(w in _SCALE_WORDS for w in low_words) and low * scales[-1] <= high:
        low *= scales[-1]  # "two to three million": the scale word serves both sides
    return low, high, " ".join(high_words[used_high:])


def _round(value: float) -> float:
    """Drop binary noise from tolerance products (270.00000000000006 -> 270.0)."""
    return float(f"{value:.12g}")


def _unit_text(rest: str, unit: str | None) -> str | None:
    rest = rest.strip()
    if rest.startswith("of "):
        rest = rest[3:]
    if rest in ("percent", "per cent", "pct"):
        return "percent"
    return normalize_unit(rest) if rest else unit


def normalize_unit(word: str) -> str | None:
    """A unit's comparable key: singular, synonyms merged ("kms", "kilometres" -> "kilometer")."""
    word = word.lower().strip(" .")
    if not word:
        return None
    if word in _UNIT_SYNONYMS:
        return _UNIT_SYNONYMS[word]
    if word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "sses")):
        word = word[:-2]
    elif word.endswith("s"):
        word = word[:-1]
    return _UNIT_SYNONYMS.get(word, word)


def find_quantities(doc, text: str | None = None, times: list[TimeMention] | None = None) -> list[Quantity]:
    """Counts, measures, amounts and percentages in `doc` as intervals with units (`text`: `doc.text` if known).

    times: the text's time expressions; its counted durations become quantities too (duration_quantities).
    """
    found = []
    entities = doc.ents  # built by a scan over all tokens on every access: read it once
    spans = [(ent.start_char, ent.end_char, ent) for ent in entities if ent.label_ in _QUANTITY_LABELS]
    for match in _VAGUE_PATTERN.finditer(doc.text if text is None else text):
        start, end = match.span()
        if not any(e.start_char < end and start < e.end_char for e in entities):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append((start, end, span))
    for start, end, span in sorted(spans, key=lambda s: s[0]):
        quantity = _quantity_of(span)
        if quantity is not None:
            found.append(quantity)
    if times:
        found = sorted(found + duration_quantities(times, found), key=lambda q: q.start)
    return found


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})


def duration_quantities(times: list[TimeMention], found: list[Quantity]) -> list[Quantity]:
    """Durations with a count ("six months", "40-60 hours", "nearly 14 years") as quantities in time units.

    The NER files them as DATE, so find_quantities misses them; yet how long someone served, or a
    sentence, is a figure reports disagree on. The interval is read from the words, not the TIMEX3
    value, which drops the range and the hedge ("40-60 hours" is PT40H). Uncounted durations ("a
    month", "years", "the past decade") stay out: they name a span of time, not a figure.
    """
    out = []
    for t in times:
        if t.type != "DURATION" or any(q.start < t.end and t.start < q.end for q in found):
            continue
        parsed = parse_quantity(t.text)
        if parsed is None or parsed[3] not in _TIME_UNITS:
            continue
        low, high, approx, unit = parsed
        out.append(Quantity(t.text, t.start, t.end, low, high, unit, approx))
    return out


def _quantity_of(span) -> Quantity | None:
    text = span.text
    if len(text) > 200 or text.rstrip().endswith(("st", "nd", "rd", "th")) and text[:1].isdigit():
        return None  # a runaway entity, or an ordinal the NER called a number
    parsed = parse_quantity(text)
    if parsed is None:
        return None
    low, high, approx, unit = parsed
    if unit is None:
        unit = _counted_noun(span)
    if unit is None and _YEARLIKE.match(text.strip()):
        return None  # a bare "2011" the NER did not call a date is still a year
    if any(v is not None and not math.isfinite(v) for v in (low, high)):
        return None
    return Quantity(text, span.start_char, span.end_char, low, high, unit, approx)


def _counted_noun(span) -> str | None:
    """The noun a number counts: its head ("two men"), an of-phrase ("hundreds of civilians"), or next noun."""
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound") and head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
        return normalize_unit(head.text)
    for token in (span[-1], root):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return normalize_unit(obj.text)
    doc = span.doc
    for token in doc[span.end: min(span.end + 3, len(doc))]:
        if token.pos_ in ("NOUN",):
            return normalize_unit(token.text)
        if token.pos_ not in ("ADJ", "ADP", "DET") or (token.pos_ == "ADP" and token.lower_ != "of"):
            break
    return None


def units_comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same thing; an unknown unit is comparable with any."""
    if a.unit is None or b.unit is None:
        return True
    return normalize_unit(a.unit) == normalize_unit(b.unit)


def _bounds(q: Quantity) -> tuple[float, float]:
    low = -math.inf if q.low is None else q.low
    high = math.inf if q.high is None else q.high
    if q.approx and q.high is None:
        low *= 1 - TOLERANCE
    if q.approx and q.low is None:
        high *= 1 + TOLERANCE
    return low, high


def intervals_compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can both be true: comparable units and overlapping intervals.

    Open-ended approximate bounds ("more than X", "fewer than X") are widened by TOLERANCE (10 %)
    because reporters round: "more than half a million" is compatible with "460,000". Closed
    intervals are used as stated, so "hundreds" and "thousands" do not overlap, nor 136 km and 80 km.
    """
    if not units_comparable(a, b):
        return False
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low <= b_high and b_low <= a_high


def _format_number(value: float) -> str:
    value = float(value)  # callers may build Quantity with ints
    if value.is_integer():
        return str(int(value))
    return f"{value:.6g}"


def quantity_values(q: Quantity) -> str:
    """A short normalised display: "136 kilometer", "≥500000 people", "270–330", "≤50 percent"."""
    if q.low is not None and q.high is not None:
        shown = _format_number(q.low) if q.low == q.high else f"{_format_number(q.low)}–{_format_number(q.high)}"
    elif q.low is not None:
        shown = "≥" + _format_number(q.low)
    elif q.high is not None:
        shown = "≤" + _format_number(q.high)
    else:
        shown = "?"
    return f"{shown} {q.unit}" if q.unit else shown
