"""Counting and writing TIMEX3 durations: "two weeks" -> P2W, "2 1/2 years" -> P2Y6M, "decades" -> PXY.

Pure string logic shared by the duration rules of `timex`. TempEval-3 gold writes decades and
centuries in years and keeps quarters as "Q" ("the past two quarters" -> P2Q), and splits a half unit into the next smaller unit
("a minute and a half" -> PT1M30S) rather than writing a decimal.
"""

from __future__ import annotations

import re
from datetime import date

from .numbers import read_number, split_words
from .timex_model import Timex

# TIMEX3 duration letters; time units go after "T".
UNITS = {
    "second": "TS", "sec": "TS", "minute": "TM", "min": "TM", "hour": "TH", "hr": "TH", "day": "D",
    "night": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y", "yr": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE", "quarter": "Q",
}
VAGUE_COUNTS = {"a few", "few", "several", "many", "some", "dozens of", "scores of"}
# A half of each letter, in the next smaller unit that makes it whole (TimeBank: "2 1/2 years" -> P2Y6M).
_HALVES = {"Y": (6, "M"), "D": (12, "TH"), "TH": (30, "TM"), "TM": (30, "TS")}
_EXTRA = re.compile(r"^(?:another|an additional|a further|an extra) (?=\S)|(?<=\S) more$")
_HALF = re.compile(r"^(?P<whole>.*?)(?:\s+1/2|\s*½|\s+and a half)$")


def read_count(text: str) -> float | str | None:
    """The count in "two", "13", "a", "2 1/2", "several" ("X" for vague counts); None when it is not one."""
    text = _EXTRA.sub("", text.strip())  # "another 10 years", "two more weeks": the count is what is added
    if text in VAGUE_COUNTS:
        return "X"
    if text in ("a", "an", "one", "another", "an additional", "one more", "an extra"):
        return 1.0
    if re.fullmatch(r"(?:a )?couple(?: of)?", text):
        return 2.0  # TimeBank reads "a couple of years" as two years
    if text in ("a quarter", "quarter", "a half", "half"):
        return 0.25 if text.endswith("quarter") else 0.5  # "a quarter century", "half a year"
    half = _HALF.match(text)
    if half and half["whole"]:
        whole = read_count(half["whole"])
        return whole + 0.5 if isinstance(whole, float) else None
    if text.endswith((" a", " an")):
        text = text.rsplit(" ", 1)[0]  # "half an hour"
    words = split_words(text)
    value, used = read_number(words)
    if value is None or used != len(words):
        return None
    return value


def format_duration(count: float | str, unit_word: str) -> str:
    """The TIMEX3 duration value of `count` units named `unit_word` (a key of UNITS)."""
    letter = UNITS[unit_word]
    if letter in ("DE", "CE"):
        # TempEval-3 gold writes decades and centuries in years: "a decade" -> P10Y, "decades" -> PXY.
        size = 10 if letter == "DE" else 100
        letter, count = "Y", "X" if count == "X" else size * count
    if unit_word == "fortnight" and count != "X":
        count = 2 * count
    if isinstance(count, float) and not count.is_integer():
        halved = _format_half(count, letter)
        if halved:
            return halved
        count = round(count, 2)
    elif isinstance(count, float):
        count = int(count)
    return f"PT{count}{letter[1]}" if letter.startswith("T") else f"P{count}{letter}"


def _format_half(count: float, letter: str) -> str | None:
    """"P2Y6M" for 2.5 years, "PT1H30M" for 1.5 hours; None when the fraction is not a half."""
    whole, fraction = int(count), count - int(count)
    if fraction != 0.5 or letter not in _HALVES:
        return None
    size, small = _HALVES[letter]
    parts = ([(whole, letter)] if whole else []) + [(size, small)]
    date_part = "".join(f"{n}{u}" for n, u in parts if not u.startswith("T"))
    time_part = "".join(f"{n}{u[1]}" for n, u in parts if u.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def read_duration(m: re.Match, ref: date | None = None, direction: str | None = None) -> Timex | None:
    """"two weeks", "the past three years", "for 13 years" (a rule match with `num` and `unit`) -> DURATION."""
    count = read_count(m["num"])
    if count is None:
        return None
    return Timex("DURATION", format_duration(count, m["unit"]))


def read_duration_and_half(m: re.Match, ref: date | None = None, direction: str | None = None) -> Timex | None:
    """"a minute and a half" -> PT1M30S, "a year and a half" -> P1Y6M."""
    count = read_count(m["num"])
    if not isinstance(count, float):
        return None
    return Timex("DURATION", format_duration(count + 0.5, m["unit"]))


def read_vague_duration(m: re.Match, ref: date | None = None, direction: str | None = None) -> Timex | None:
    """"several years", "decades", "the weeks ahead" -> PX..; a bare singular ("the day", "the year") needs context, so None."""
    if m["vague"] is None and not m.group(0).removesuffix(" ahead").endswith("s"):
        return None
    return Timex("DURATION", format_duration("X", m["unit"]))
