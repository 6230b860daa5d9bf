"""Reading numbers written in digits or words: "460,000", "1.2 million", "half a million", "twenty-five"."""

from __future__ import annotations

import re

# Reports do not state counts above a quadrillion; anything larger is a parse accident or garbage,
# and refusing it early also keeps huge digit strings away from int()/float() overflow.
MAX_VALUE = 1e15

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9, "m": 1e6, "k": 1e3}
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,6})?$|^\.\d{1,6}$")
_SPLIT = re.compile(r"[\s\-–]+")
NUMBER_WORDS = frozenset(_SMALL) | frozenset(_SCALES) - {"m", "k"} | {"hundred", "dozen", "half", "quarter"}


def split_words(text: str) -> list[str]:
    """Lower-cased words of `text`, hyphenated numbers split ("twenty-five" -> twenty, five)."""
    return [w for w in _SPLIT.split(text.lower().strip()) if w]


def parse_digits(word: str) -> float | None:
    """The value of one digit token ("460,000", "1.2"), None when it is not one or is absurdly long."""
    if not _DIGITS.match(word):
        return None
    return float(word.replace(",", ""))


def read_number(words: list[str]) -> tuple[float | None, int]:
    """The number that opens `words` and how many words it used; (None, 0) when none does.

    Handles digits, number words, scales and fractions: ["half", "a", "million", "people"] -> (500000, 3).
    """
    total = 0.0
    current = 0.0
    used = 0
    seen = False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in ("a", "an"):
            # "a million", "half a million", "a dozen": the article is a number only before one.
            if following in NUMBER_WORDS and following not in _SMALL:
                current = current or 1.0
                seen = True
                continue
            break
        if word == "and" and seen and (following in NUMBER_WORDS or following in ("a", "an")):
            continue
        digits = parse_digits(word)
        if digits is not None:
            if seen and current:
                break  # "20 30" is two numbers, not fifty
            current += digits
        elif word in _SMALL:
            current += _SMALL[word]
        elif word == "half":
            current += 0.5
        elif word == "quarter" and seen:
            current += 0.25
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word in _SCALES and (seen or word not in ("m", "k", "bn", "mln")):
            total += (current or 1.0) * _SCALES[word]
            current = 0.0
        else:
            break
        seen = True
        used = i + 1
    if not seen:
        return None, 0
    value = total + current
    if value > MAX_VALUE:
        return None, 0
    return value, used


def parse_number(text: str) -> float | None:
    """The value of a text that is only a number ("1.2 million", "twenty-five"), else None."""
    words = split_words(text)
    value, used = read_number(words)
    if value is None or used != len(words):
        return None
    return value
