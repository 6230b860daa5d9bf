"""Array-based stand-ins for spaCy's `attribute_ruler` and rule `lemmatizer`: the same output, a fraction of the CPU.

Profiling BASIL (600-1000-word reports) showed these two rule components taking about a fifth of
en_core_web_sm's time: the attribute ruler runs spaCy's `Matcher` with 179 one- and two-token
patterns over every token (~25 µs a token), and the lemmatizer makes a Python call per token
through Token properties (~20 µs). Here the ruler's patterns are matched with numpy comparisons
over `doc.to_array` columns and the matches are applied by the ruler's own `set_annotations`;
the lemmatizer memoises its pure function of (form, POS, morphology) and calls the stock
`lemmatize` only for keys not seen yet. Both keep the stock component and delegate to it.

A pattern feature not understood here (an operator, a regex, an attribute without a column)
raises `UnsupportedPattern` when the stand-in is built, and `install_rule_pipes` then leaves
that stock component in place: a faster pipeline never means a different one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

# Token attributes a pattern may test, and the doc.to_array column that holds each.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "TEXT": ORTH, "POS": POS}
_COLUMN_ORDER = tuple(dict.fromkeys(_COLUMNS.values()))


class UnsupportedPattern(ValueError):
    """An attribute-ruler pattern uses a feature the array matcher does not implement."""


@dataclass
class _Test:
    """One token-level test: column `column` equals / is in / is not in `values` (string hashes or flags)."""

    column: int
    values: np.ndarray
    negate: bool

    def mask(self, table: np.ndarray) -> np.ndarray:
        column = table[:, self.column]
        hit = column == self.values[0] if len(self.values) == 1 else np.isin(column, self.values)
        return ~hit if self.negate else hit


class _RegexTest:
    """A {"REGEX": ...} test on a string column, decided once per distinct string (as spaCy: re.search)."""

    def __init__(self, column: int, pattern: str, strings) -> None:
        self.column = column
        self.pattern = re.compile(pattern)
        self.strings = strings
        self._seen: dict[int, bool] = {}

    def mask(self, table: np.ndarray) -> np.ndarray:
        distinct, where = np.unique(table[:, self.column], return_inverse=True)
        hits = np.array([self._decide(int(h)) for h in distinct], dtype=bool)
        return hits[where.reshape(-1)]

    def _decide(self, key: int) -> bool:
        hit = self._seen.get(key)
        if hit is None:
            hit = self._seen[key] = bool(self.pattern.search(self.strings[key] if key else ""))
        return hit


@dataclass
class _Rule:
    """One ruler entry: its id (the order it was added, the order its attributes apply) and token patterns."""

    attr_id: int
    patterns: list[list[list[_Test | _RegexTest]]]  # pattern -> token position -> tests on that token


def _value_ids(strings, value) -> list[int]:
    if isinstance(value, bool):
        return [int(value)]
    if isinstance(value, str):
        return [strings.add(value)]
    raise UnsupportedPattern(f"pattern value {value!r}")


def compile_token_tests(strings, spec: dict) -> list[_Test | _RegexTest]:
    """The tests of one token pattern ({"TAG": "NN", "LOWER": {"IN": [...]}}) over `_COLUMN_ORDER` columns."""
    tests = []
    for key, value in spec.items():
        if key not in _COLUMNS:
            raise UnsupportedPattern(f"token attribute {key!r}")
        column = _COLUMN_ORDER.index(_COLUMNS[key])
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                raise UnsupportedPattern(f"predicate {value!r}")
            (op, members), = value.items()
            if op == "REGEX":
                if key in ("IS_SPACE",) or not isinstance(members, str):
                    raise UnsupportedPattern(f"REGEX on {key}")
                tests.append(_RegexTest(column, members, strings))
                continue
            ids = [i for m in members for i in _value_ids(strings, m)]
            tests.append(_Test(column, np.asarray(ids, dtype=np.uint64), negate=op == "NOT_IN"))
        else:
            tests.append(_Test(column, np.asarray(_value_ids(strings, value), dtype=np.uint64), negate=False))
    return tests


def compile_rules(ruler) -> list[_Rule]:
    """The patterns of a spaCy AttributeRuler as array tests; UnsupportedPattern if one cannot be.

    Equal tests are one object, so a doc computes each mask once (56 rules test TAG alone).
    """
    rules = []
    shared: dict[str, _Test | _RegexTest] = {}
    for attr_id, entry in enumerate(ruler.patterns):
        patterns = [[[shared.setdefault(repr((key, value)), test)
                      for (key, value), test in zip(spec.items(), compile_token_tests(ruler.vocab.strings, spec))]
                     for spec in pattern]
                    for pattern in entry["patterns"]]
        if any(not pattern for pattern in patterns):
            raise UnsupportedPattern("an empty pattern")
        rules.append(_Rule(attr_id, patterns))
    return rules


def match_rules(rules: list[_Rule], table: np.ndarray, doc_of: np.ndarray | None = None) -> np.ndarray:
    """(attr_id, start, end) rows of every match of `rules` over a token table, as spaCy's Matcher finds them.

    `doc_of`: the document of each row when the table stacks several documents (one call per
    batch instead of per document); a match never spans two of them. Rows are unique and sorted.
    """
    n = len(table)
    masks: dict[int, np.ndarray] = {}  # one mask per test object: rules share the tests of their TAG
    found = []
    for rule in rules:
        for pattern in rule.patterns:
            width = len(pattern)
            if width > n:
                continue
            hits = np.ones(n - width + 1, dtype=bool)  # an empty token pattern ({}) matches any token
            for offset, tests in enumerate(pattern):
                for test in tests:
                    mask = masks.get(id(test))
                    if mask is None:
                        mask = masks[id(test)] = test.mask(table)
                    hits &= mask[offset:offset + n - width + 1]
            if width > 1 and doc_of is not None:
                hits &= doc_of[:n - width + 1] == doc_of[width - 1:]
            starts = np.flatnonzero(hits)
            if len(starts):
                found.append(np.column_stack([np.full(len(starts), rule.attr_id), starts, starts + width]))
    if not found:
        return np.zeros((0, 3), dtype=np.int64)
    return np.unique(np.concatenate(found), axis=0)


class ArrayAttributeRuler:
    """The stock attribute ruler's rules, matched over token arrays instead of with spaCy's Matcher."""

    def __init__(self) -> None:
        self.ruler = None  # the stock AttributeRuler, set by bind()
        self.rules: list[_Rule] = []
        self._match_ids: list[int] = []

    def bind(self, ruler) -> ArrayAttributeRuler:
        """Take over the rules of the stock `ruler` (UnsupportedPattern if one cannot be matched here)."""
        self.rules = compile_rules(ruler)
        self._match_ids = [ruler.vocab.strings[str(i)] for i in range(len(self.rules))]
        self.ruler = ruler
        return self

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Matches as `AttributeRuler.match` returns them: (attr_id, match_id, start, end), sorted."""
        return self.match_batch([doc])[0]

    def match_batch(self, docs: list[Doc]) -> list[list[tuple[int, int, int, int]]]:
        """The matches of each doc of `docs`, found over their stacked token tables at once."""
        tables = [doc.to_array(list(_COLUMN_ORDER)).reshape(len(doc), len(_COLUMN_ORDER)) for doc in docs]
        lengths = np.array([len(t) for t in tables])
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        if not offsets[-1]:
            return [[] for _ in docs]
        table = np.concatenate(tables)
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        rows = match_rules(self.rules, table, doc_of)
        owner = doc_of[rows[:, 1]]
        # Per doc, sorted as spaCy sorts: attr_id (match_id follows from it), then start, end.
        rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0], owner))]
        owner = doc_of[rows[:, 1]]
        bounds = np.searchsorted(owner, np.arange(len(docs) + 1))
        ids = self._match_ids
        result = []
        for k in range(len(docs)):
            local = rows[bounds[k]:bounds[k + 1]].copy()
            local[:, 1:] -= offsets[k]
            result.append([(a, ids[a], s, e) for a, s, e in local.tolist()])
        return result

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        if self.ruler is None:
            raise RuntimeError("ArrayAttributeRuler used before bind(): build it with install_rule_pipes")
        for batch in minibatch(docs, batch_size):
            for doc, matches in zip(batch, self.match_batch(batch)):
                self.ruler.set_annotations(doc, matches)
                yield doc


class MemoLemmatizer:
    """The stock rule lemmatizer, called once per distinct (form, POS, morphology) and memoised.

    The stock lemmatizer is a pure function of those three (its own cache uses the same key),
    but reaching that cache costs a Python call through Token properties for every token.
    """

    def __init__(self) -> None:
        self.lemmatizer = None  # the stock Lemmatizer, set by bind()
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def bind(self, lemmatizer) -> MemoLemmatizer:
        """Take over the stock rule `lemmatizer` (UnsupportedPattern for another mode)."""
        if getattr(lemmatizer, "mode", None) != "rule":
            raise UnsupportedPattern(f"lemmatizer mode {getattr(lemmatizer, 'mode', None)!r}")
        self.lemmatizer = lemmatizer
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None:
            raise RuntimeError("MemoLemmatizer used before bind(): build it with install_rule_pipes")
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(len(doc), 4)
        lemmas = table[:, 3].copy()
        todo = np.arange(len(doc)) if self.lemmatizer.overwrite else np.flatnonzero(lemmas == 0)
        strings = doc.vocab.strings
        memo = self._lemmas
        for i, key in zip(todo.tolist(), map(tuple, table[todo, :3].tolist())):
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("consilience_array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    """An unbound array attribute ruler (install_rule_pipes binds it to the stock ruler it replaces)."""
    return ArrayAttributeRuler()


@Language.factory("consilience_memo_lemmatizer")
def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """An unbound memoising lemmatizer (install_rule_pipes binds it to the stock lemmatizer it replaces)."""
    return MemoLemmatizer()


def install_rule_pipes(nlp: Language) -> list[str]:
    """Swap the stock attribute_ruler and lemmatizer of `nlp` for their array stand-ins; the names swapped.

    A component whose rules the stand-in cannot reproduce (UnsupportedPattern) is left as it is.
    """
    swapped = []
    for name, factory, stand_in in (("attribute_ruler", "consilience_array_attribute_ruler", ArrayAttributeRuler),
                                    ("lemmatizer", "consilience_memo_lemmatizer", MemoLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        stock = nlp.get_pipe(name)
        try:
            stand_in().bind(stock)  # check first: an unsupported rule keeps the stock component
        except UnsupportedPattern:
            continue
        nlp.replace_pipe(name, factory).bind(stock)
        swapped.append(name)
    return swapped
