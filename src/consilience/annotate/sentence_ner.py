"""en_core_web_sm's entity recogniser, decoded greedily over all sentences of a batch at once.

The stock recogniser is a transition-based tagger: one BILUO move per token, chosen by a small
network from three tokens of the state (the next token, the first token of the open entity, the
token before the next one). Profiling BASIL (600-1000-word reports) put it at half of
en_core_web_sm's time, most of it in the decoding loop rather than in its network: spaCy 3.8's
greedy decoder checks each of the 74 labelled moves for validity through state accessors that take
the GIL, and its beam decoder (used here before, at width 1) pays a Python call per report per token.

An entity never crosses a sentence boundary (a move that would open or extend one over the parser's
next sentence start is invalid), so the state at each sentence start is always the same: nothing
open. Each sentence can therefore be decoded on its own, and this decoder steps all the sentences
of a batch together, as numpy arrays: about 60 steps per batch (the longest sentence) instead of
one Python step per report per token. The network is the stock one, run by its own layers: its
token vectors, the precomputed lower layer (padding row for "no such token"), maxout, the upper
layer. The moves' validity is spaCy's (`ner.pyx`), restricted to docs without preset entities; a
batch with preset entities is decoded by spaCy's own beam search at width 1.

Scores are the stock ones but their sums may be taken in another order, so a near tie can go the
other way. `python -m consilience.bench identity` compares every token annotation with the stock
pipeline over a corpus; tests/annotate/test_sentence_ner.py checks hand-written texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

ACTIONS = ("B", "I", "L", "U", "O")


class MoveTable:
    """The recogniser's moves as arrays: the action and the label (an index into `labels`) of each."""

    def __init__(self, class_names: list[str]) -> None:
        self.labels: list[str] = [""]
        action, label = [], []
        for name in class_names:
            act, _, lab = name.partition("-")
            if act not in ACTIONS:
                raise ValueError(f"unknown entity move {name!r}")
            if lab and lab not in self.labels:
                self.labels.append(lab)
            action.append(ACTIONS.index(act))
            label.append(self.labels.index(lab) if lab else 0)
        self.action = np.array(action)
        self.label = np.array(label)
        labelled = self.label > 0
        self.is_begin = (self.action == 0) & labelled
        self.is_in = (self.action == 1) & labelled
        # Moves valid with nothing open, by whether the next token is whitespace / ends the sentence.
        unit = (self.action == 3) & labelled
        self.closed = self.is_begin | unit | (self.action == 4)
        self.closed_space = self.action == 4  # an entity may not start on whitespace
        self.closed_last = unit | (self.action == 4)  # B needs a next token in the sentence
        # Moves valid with an entity of label k open: I-k and L-k (I-k only before the sentence's end).
        self.open_by_label = np.stack([labelled & (self.label == k) & ((self.action == 1) | (self.action == 2))
                                       for k in range(len(self.labels))])
        self.last_of = ((self.action == 2) | (self.action == 3)) & labelled


def sentence_segments(docs: list[Doc]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, length) of every sentence over the docs' tokens laid end to end, and the whitespace flags."""
    starts, lengths, spaces = [], [], []
    offset = 0
    for doc in docs:
        table = doc.to_array([SENT_START, IS_SPACE]).reshape(len(doc), 2)
        cuts = np.flatnonzero(table[:, 0] == 1)
        cuts = np.union1d([0], cuts)
        ends = np.append(cuts[1:], len(doc))
        starts.append(cuts + offset)
        lengths.append(ends - cuts)
        spaces.append(table[:, 1].astype(bool))
        offset += len(doc)
    return np.concatenate(starts), np.concatenate(lengths), np.concatenate(spaces)


def decode(hidden_of, upper, moves: MoveTable, starts: np.ndarray, lengths: np.ndarray,
           spaces: np.ndarray) -> list[tuple[int, int, int]]:
    """Greedy BILUO decoding of all sentences at once: (start, end, label index) over the laid-out tokens.

    hidden_of(token, open_start, before) gives the lower layer's output for the states (rows of
    token indices, -1 for none); upper scores them.
    """
    order = np.argsort(-lengths, kind="stable")
    starts, lengths = starts[order], lengths[order]
    n = len(starts)
    open_label = np.zeros(n, dtype=np.int64)
    open_start = np.full(n, -1, dtype=np.int64)
    found: list[tuple[int, int, int]] = []
    for step in range(int(lengths[0]) if n else 0):
        active = int(np.searchsorted(-lengths, -step, side="left"))  # the sentences longer than step
        pos = starts[:active] + step
        label = open_label[:active]
        is_open = label > 0
        scores = upper(hidden_of(pos, np.where(is_open, open_start[:active], -1), np.where(is_open, pos - 1, -1)))
        last = lengths[:active] == step + 1
        closed = np.where(spaces[pos][:, None], moves.closed_space, np.where(last[:, None], moves.closed_last, moves.closed))
        opened = moves.open_by_label[label] & ~(moves.is_in & last[:, None])
        valid = np.where(is_open[:, None], opened, closed)
        best = np.where(valid, scores, -np.inf).argmax(axis=1)
        action, chosen = moves.action[best], moves.label[best]
        for k in np.flatnonzero(action == 3).tolist():  # U: a one-token entity
            found.append((int(pos[k]), int(pos[k]) + 1, int(chosen[k])))
        for k in np.flatnonzero(action == 2).tolist():  # L: the open entity ends here
            found.append((int(open_start[k]), int(pos[k]) + 1, int(label[k])))
        begin = action == 0
        open_start[:active] = np.where(begin, pos, np.where(action == 1, open_start[:active], -1))
        open_label[:active] = np.where(begin, chosen, np.where(action == 1, label, 0))
    return found


class SentenceRecognizer:
    """The stock entity recogniser with its moves decoded by `decode`, all sentences of a batch at once."""

    def __init__(self) -> None:
        self.ner = None  # the stock EntityRecognizer, set by bind()
        self.moves: MoveTable | None = None

    def bind(self, ner) -> SentenceRecognizer:
        """Take over the stock recogniser `ner` (ValueError for anything this decoder does not reproduce)."""
        model = getattr(ner, "model", None)
        if not hasattr(ner, "beam_parse") or getattr(ner, "cfg", {}).get("beam_width", 1) != 1:
            raise ValueError(f"not a greedy transition-based recogniser: {type(ner).__name__}")
        if type(ner.moves).__name__ != "BiluoPushDown" or len(model.layers) != 3 or not model.attrs.get("has_upper"):
            raise ValueError("not a BILUO recogniser with a lower and an upper layer")
        lower = model.layers[1]
        if lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2:
            raise ValueError("the recogniser's lower layer is not 3 features with maxout")
        self.moves = MoveTable([ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)])
        self.ner = ner
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        if self.ner is None:
            raise RuntimeError("SentenceRecognizer used before bind(): build it with install_sentence_ner")
        for batch in minibatch(docs, batch_size):
            self.set_entities([doc for doc in batch if len(doc)])
            yield from batch

    def set_entities(self, docs: list[Doc]) -> None:
        """Find and set the entities of `docs` (non-empty)."""
        if not docs:
            return
        if any(doc.to_array(ENT_IOB).any() for doc in docs):
            # Preset entities (an entity ruler before the recogniser): spaCy's own decoder keeps them.
            self.ner.set_annotations(docs, self.ner.beam_parse(docs, beam_width=1))
            return
        model = self.ner.model
        tokvecs = model.layers[0].predict(docs)
        lower = model.layers[1]
        # (tokens + 1, 3 features, hidden, pieces): row 0 is the padding for "no such token".
        cached = lower.predict(tokvecs)
        bias = lower.get_param("b")
        unseen = self.ner.model.attrs.get("unseen_classes") or set()
        upper = model.layers[2]

        def hidden_of(token, open_start, before):
            summed = cached[token + 1, 0] + cached[open_start + 1, 1] + cached[before + 1, 2] + bias
            return summed.max(axis=-1)

        def score(hidden):
            scores = upper.predict(hidden)
            if unseen:  # as spaCy: a class never seen in training scores the batch's minimum
                scores[:, sorted(unseen)] = np.nanmin(scores)
            return scores

        starts, lengths, spaces = sentence_segments(docs)
        found = decode(hidden_of, score, self.moves, starts, lengths, spaces)
        offsets = np.cumsum([0] + [len(doc) for doc in docs])
        by_doc: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for start, end, label in found:
            k = int(np.searchsorted(offsets, start, side="right")) - 1
            by_doc[k].append((start - int(offsets[k]), end - int(offsets[k]), label))
        labels = self.moves.labels
        for doc, ents in zip(docs, by_doc):
            doc.set_ents([Span(doc, s, e, label=labels[k]) for s, e, k in sorted(ents)], default="outside")


@Language.factory("consilience_sentence_ner")
def make_sentence_ner(nlp: Language, name: str) -> SentenceRecognizer:
    """An unbound sentence-parallel recogniser (install_sentence_ner binds it to the stock one it replaces)."""
    return SentenceRecognizer()


def install_sentence_ner(nlp: Language) -> bool:
    """Swap the stock `ner` of `nlp` for sentence-parallel decoding; False (nothing changed) if it cannot be."""
    if "ner" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("ner")
    try:
        SentenceRecognizer().bind(stock)  # check first: anything else keeps the stock component
    except (ValueError, AttributeError, KeyError):
        return False
    nlp.replace_pipe("ner", "consilience_sentence_ner").bind(stock)
    return True
