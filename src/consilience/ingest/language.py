"""A cheap test that a report is in English, so non-English text is refused instead of misread.

Two signals, both linear in the text and needing no model:
- script: letters outside Latin (Cyrillic, Arabic, CJK, ...) beyond a small share mean another
  language, whatever the words are;
- function words: among lowercase tokens, English news prose has a high share of words like "the",
  "of", "said", while French or German prose has its own. Names are capitalised, so a short
  English report full of names still shows its few function words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+")
# A letter outside Basic Latin, the Latin extensions and Latin Extended Additional (Vietnamese).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u036f\u1e00-\u1eff]")

# Unicode blocks of the scripts news in other languages is most often written in.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("Greek", 0x0370, 0x03FF),
    ("Cyrillic", 0x0400, 0x052F),
    ("Armenian", 0x0530, 0x058F),
    ("Hebrew", 0x0590, 0x05FF),
    ("Arabic", 0x0600, 0x06FF),
    ("Devanagari", 0x0900, 0x097F),
    ("Bengali", 0x0980, 0x09FF),
    ("Thai", 0x0E00, 0x0E7F),
    ("Georgian", 0x10A0, 0x10FF),
    ("Japanese kana", 0x3040, 0x30FF),
    ("Chinese/Japanese", 0x4E00, 0x9FFF),
    ("Korean", 0xAC00, 0xD7AF),
    ("Arabic", 0xFB50, 0xFDFF),
    ("Arabic", 0xFE70, 0xFEFF),
)

ENGLISH_WORDS = frozenset(
    """the of and to in a an is are was were be been has have had that this these those for on with
    as by it its at from said says say but not or after before over into than about who which their
    they he she his her we our will would could should also more there when up out no new one two
    told according if what while against between during under amid since because last first""".split()
)

# Words shared with English ("a", "in", "on", "die", "also", "was") are left out, so a name or a
# quoted phrase cannot make an English report look foreign.
OTHER_WORDS: dict[str, frozenset[str]] = {
    "French": frozenset(
        "le la les des du et est une un dans pour que qui sur pas par au aux avec ce cette sont été ont "
        "il elle ils selon mais plus leur ses son se ne été lors depuis".split()
    ),
    "German": frozenset(
        "der die und den das ist nicht ein eine einen mit sich des auf für von dem zu im auch wird wurde "
        "sind nach bei aus er sie es wie oder aber hat haben werden nicht zum zur dass".split()
    ),
    "Spanish": frozenset(
        "el los las del y que se por con para una es su al lo como más pero sus fue ha según este "
        "esta entre sobre también".split()
    ),
    "Italian": frozenset(
        "il della di che è per una sono gli nel alla dei delle anche più come dal dello questo".split()
    ),
    "Portuguese": frozenset("os do da das dos em uma não com para mais pelo pela foi são também".split()),
    "Dutch": frozenset("de het een en van dat niet zijn op te met voor ook naar bij werd heeft".split()),
}

MAX_FOREIGN_SCRIPT_SHARE = 0.2
MIN_ENGLISH_SHARE = 0.1  # of lowercase tokens, checked once there are enough of them
MIN_TOKENS_FOR_SHARE = 20


@dataclass
class LanguageGuess:
    """Whether a text reads as English, and if not, what it looks like instead."""

    english: bool
    detail: str = ""


def guess_language(text: str) -> LanguageGuess:
    """Decide whether `text` is English; `detail` names the script or language seen otherwise."""
    script, share = _dominant_foreign_script(text)
    if share > MAX_FOREIGN_SCRIPT_SHARE:
        return LanguageGuess(False, f"{share:.0%} of letters are {script} script")
    # Lowercase tokens, plus capitalised function words ("The" opening a sentence).
    counts = Counter(w.lower() for w in _WORD.findall(text) if w.islower() or w.lower() in ENGLISH_WORDS)
    total = sum(counts.values())
    english_hits = _count_hits(counts, ENGLISH_WORDS)
    language, other_hits = max(
        ((name, _count_hits(counts, vocabulary)) for name, vocabulary in OTHER_WORDS.items()),
        key=lambda pair: pair[1],
    )
    if other_hits > english_hits and other_hits >= 2:
        return LanguageGuess(False, f"looks like {language}")
    if total >= MIN_TOKENS_FOR_SHARE and english_hits / total < MIN_ENGLISH_SHARE:
        return LanguageGuess(False, f"only {english_hits} of {total} words are common English words")
    return LanguageGuess(True)


def _count_hits(counts: Counter[str], vocabulary: frozenset[str]) -> int:
    return sum(n for word, n in counts.items() if word in vocabulary)


def _dominant_foreign_script(text: str) -> tuple[str, float]:
    """The most frequent non-Latin script among the letters of `text`, and its share of them."""
    # One regex pass finds the rare non-Latin letters; only those are looked up by block.
    foreign = _NON_LATIN_LETTER.findall(text)
    if not foreign:
        return "", 0.0
    counts: dict[str, int] = {}
    for char in foreign:
        code = ord(char)
        name = next((n for n, low, high in _SCRIPTS if low <= code <= high), "non-Latin")
        counts[name] = counts.get(name, 0) + 1
    letters = sum(map(len, _WORD.findall(text)))
    name = max(counts, key=counts.__getitem__)
    return name, counts[name] / letters
