"""A learned scorer for attribution cues: which verbs introduce what someone said, wanted or believed (claims).

PolNeAR's cues are a long tail ("reserved his passion for", "is seizing on", "unleashed"): most
missed relations have a cue no hand-written list names. A logistic regression over sparse features
of the spaCy parse around each verb (its lemma, dependents, head, nearby quotation marks, and
what its subject and complement are: a person, a pronoun, a "that"-clause, "a tweet") scores how likely the verb is a cue; the frame rules then read source and content around it as
they do for a listed attitude verb. Weights come from `train_cues` (PolNeAR train split only) and
ship as `data/cues.json`; scoring is a dictionary sum per verb, no model beyond the parse.

An optional second stage (`ContextWeights`, also in `data/cues.json`) rescores each verb from that
sum and the verb's contextual MiniLM vector (`cue_context`): a model with one must be bound to a
document with `for_document` before it scores that document's verbs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from .cue_words import ATTITUDE_LEMMAS, NOUN_CUE_LEMMAS, QUOTE_ONLY_LEMMAS
from .frame_types import _CLAUSE_ONLY_CUES, CUE_LEMMAS
from .quotes import _inside

WEIGHTS_PATH = Path(__file__).parent / "data" / "cues.json"
# Parts of speech scored: nine in ten PolNeAR cues are headed by a verb (or an auxiliary: "is sure").
CANDIDATE_POS = frozenset({"VERB", "AUX"})
# Dependents whose word, not only their label, tells a cue: "called [for]", "did [not] address", "[that]".
_WORD_DEPS = frozenset({"prep", "prt", "mark", "neg", "aux", "auxpass", "advmod", "nsubj", "agent", "dative"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who", "which"})


@dataclass(frozen=True)
class ContextWeights:
    """Second stage: logit = sparse_weight * (sparse logit) + weights . (vector - mean) / scale + bias.

    The vector is the verb's MiniLM hidden state averaged over `layers` (`cue_context`); the stage
    is fitted on cross-fitted sparse logits of PolNeAR train, so it learns how far to trust each.
    """

    layers: tuple[int, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    sparse_weight: float
    bias: float

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        """The context part of the logit (everything but the sparse term) for rows of vectors."""
        return ((vectors - self.mean) / self.scale) @ self.weights + self.bias

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContextWeights):
            return NotImplemented
        return (self.layers, self.sparse_weight, self.bias) == (other.layers, other.sparse_weight, other.bias) \
            and all(np.array_equal(a, b) for a, b in ((self.mean, other.mean), (self.scale, other.scale),
                                                      (self.weights, other.weights)))

    def to_json(self) -> dict:
        """The stage as a JSON-ready dictionary (rounded to keep the file small)."""
        return {"layers": list(self.layers), "sparse_weight": round(self.sparse_weight, 5), "bias": round(self.bias, 5),
                **{name: [round(float(x), 5) for x in getattr(self, name)] for name in ("mean", "scale", "weights")}}

    @classmethod
    def from_json(cls, data: dict) -> ContextWeights:
        """The stage from `to_json`'s dictionary."""
        arrays = {name: np.asarray(data[name], dtype=np.float32) for name in ("mean", "scale", "weights")}
        return cls(tuple(data["layers"]), arrays["mean"], arrays["scale"], arrays["weights"],
                   float(data["sparse_weight"]), float(data["bias"]))


@dataclass(frozen=True)
class CueModel:
    """Linear weights over named features, and the score from which a verb counts as a cue."""

    weights: dict[str, float]
    bias: float
    threshold: float
    drop_below: float = 0.0  # a verb of the word lists scoring below this is not read as a cue
    context: ContextWeights | None = None
    # set by `for_document`: the document scored and the context logit of each of its verbs
    document: Doc | None = field(default=None, compare=False, repr=False)
    context_logits: Mapping[int, float] = field(default_factory=dict, compare=False, repr=False)

    def sparse_logit(self, token: Token, quotes: list[tuple[int, int]]) -> float:
        """The first stage's log-odds that `token` is a cue, from its named features alone."""
        return self.bias + sum(self.weights.get(name, 0.0) for name in cue_features(token, quotes))

    def probability(self, token: Token, quotes: list[tuple[int, int]]) -> float:
        """How likely `token` is an attribution cue, from its features (and its context, when the model has a stage for it)."""
        total = self.sparse_logit(token, quotes)
        if self.context is not None:
            if self.document is not token.doc:
                raise ValueError("this cue model reads context: bind it with model.for_document(doc) first")
            total = self.context.sparse_weight * total + self.context_logits.get(token.i, self.context.bias)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def for_document(self, doc: Doc) -> CueModel:
        """The model bound to `doc`, its verbs' contextual vectors computed once (itself when it reads no context)."""
        if self.context is None or self.document is doc:
            return self
        from .cue_context import load_context_encoder

        indices = [t.i for t in doc if t.pos_ in CANDIDATE_POS]
        vectors = load_context_encoder(self.context.layers).token_vectors(doc, indices).mean(axis=1)
        logits = self.context.logits(vectors) if indices else []
        return replace(self, document=doc, context_logits=dict(zip(indices, map(float, logits))))

    def is_cue(self, token: Token, quotes: list[tuple[int, int]]) -> bool:
        """True when the score of `token` reaches the threshold chosen on PolNeAR dev."""
        return self.probability(token, quotes) >= self.threshold

    def to_json(self) -> dict:
        """The model as a JSON-ready dictionary (weights rounded to keep the file small)."""
        data = {"bias": round(self.bias, 4), "threshold": self.threshold, "drop_below": self.drop_below,
                "weights": {name: round(weight, 4) for name, weight in sorted(self.weights.items())}}
        if self.context is not None:
            data["context"] = self.context.to_json()
        return data


def _word_list(lemma: str) -> str:
    """Which hand-written cue list names `lemma`, as a feature ("none" for the long tail)."""
    if lemma in CUE_LEMMAS:
        return "cue"
    if lemma in _CLAUSE_ONLY_CUES:
        return "clause"
    if lemma in ATTITUDE_LEMMAS:
        return "attitude"
    if lemma in QUOTE_ONLY_LEMMAS:
        return "quote"
    if lemma in NOUN_CUE_LEMMAS:
        return "noun"
    return "none"


def cue_features(token: Token, quotes: list[tuple[int, int]]) -> list[str]:
    """Named features of one candidate cue token: its word, its place in the parse, quotation marks nearby."""
    lemma = token.lemma_.lower()
    pos, dep, tag = token.pos_, token.dep_, token.tag_
    head = token.head
    listed = _word_list(lemma)
    features = [f"l={lemma}", f"t={tag}", f"d={dep}", f"ld={lemma}|{dep}", f"list={listed}", f"list|d={listed}|{dep}",
                f"hl={head.lemma_.lower()}", f"hp={head.pos_}", f"dhp={dep}|{head.pos_}", f"sfx={lemma[-3:]}"]
    if pos != "VERB":
        features.append(f"p={pos}")
    deps = set()
    for child in token.children:
        child_dep = child.dep_
        deps.add(child_dep)
        if child_dep in _WORD_DEPS:
            word = child.lower_ if child_dep != "nsubj" or child.lower_ in _PRONOUNS else child.pos_
            features.append(f"cw={child_dep}|{word}")
        if child_dep in ("nsubj", "nsubjpass"):
            features.append(f"subj_ent={child.ent_type_ or child.pos_}")
        if child_dep == "prep":
            features.append(f"lprep={lemma}|{child.lower_}")
    for child_dep in deps:
        features += [f"c={child_dep}", f"lc={listed}|{child_dep}", f"llc={lemma}|{child_dep}"]
    clausal = "ccomp" in deps or "xcomp" in deps
    features.append(f"shape={'subj' if 'nsubj' in deps else 'nosubj'}|{'clause' if clausal else 'dobj' if 'dobj' in deps else 'bare'}")
    # PolNeAR labels each token once: a verb inside what another cue credits is content, not a cue
    ancestor, path = token, dep
    for _ in range(3):
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
        if ancestor.pos_ in CANDIDATE_POS and _word_list(ancestor.lemma_.lower()) != "none":
            features.append(f"under={_word_list(ancestor.lemma_.lower())}|{path}")
            break
        path = ancestor.dep_
    doc = token.doc
    previous = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    features += [f"w-1={previous}", f"w+1={following}", f"l|w+1={lemma}|{following}"]
    if quotes and _inside(quotes, token.idx):
        features.append("in_quote")
    window = doc[max(0, token.i - 3):token.i + 4]
    if any(t.is_quote for t in window):
        features.append("quote_near")
        features.append(f"quote_near|{listed}")
    return features + _argument_features(token, lemma, listed, deps, quotes)


def _argument_features(token: Token, lemma: str, listed: str, deps: set[str],
                       quotes: list[tuple[int, int]]) -> list[str]:
    """What the verb's arguments are: a person or a pronoun speaks, a "that"-clause is said, a "tweet" is an object.

    A verb's own word is a weak signal on PolNeAR ("made a statement" vs "made a deal"); who its
    subject is and what its complement looks like tell the senses apart.
    """
    subject = "subj" if "nsubj" in deps else "pass" if "nsubjpass" in deps else "nosubj"
    complement = next((d for d in ("ccomp", "xcomp", "dobj", "prep") if d in deps), "bare")
    features = [f"lshape={lemma}|{subject}|{complement}", f"listshape={listed}|{subject}|{complement}",
                f"lt={lemma}|{token.tag_}", f"hd={token.dep_}|{token.head.dep_}"]
    for child in token.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass", "agent"):
            speaker = next((g for g in child.children if g.dep_ == "pobj"), child) if dep == "agent" else child
            kind = speaker.ent_type_ or (speaker.lower_ if speaker.pos_ == "PRON" else
                                         speaker.lemma_.lower() if speaker.pos_ == "NOUN" else speaker.pos_)
            coarse = speaker.ent_type_ or speaker.pos_
            features += [f"subj={kind}", f"lsubj={listed}|{coarse}", f"llsubj={lemma}|{coarse}"]
        elif dep == "dobj":
            features += [f"obj={child.lemma_.lower()}", f"lobj={lemma}|{child.lemma_.lower()}"]
        elif dep == "ccomp":
            mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
            features += [f"ccm={mark}", f"lccm={listed}|{mark}", f"ccp={child.pos_}"]
        elif dep == "xcomp":
            features.append(f"xc={child.lemma_.lower()}")
        elif dep == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                features.append(f"pobj={child.lower_}|{pobj.ent_type_ or pobj.pos_}")
    features.append(f"lq={lemma}|{bool(quotes) and _inside(quotes, token.idx)}")
    sentence = token.sent
    # PolNeAR labels each token once: a second listed reporting verb in the sentence competes for it
    rival = any(t.i != token.i and t.pos_ in CANDIDATE_POS and _word_list(t.lemma_.lower()) in ("cue", "clause")
                for t in sentence)
    features.append(f"othercue={rival}")
    if any(t.is_quote for t in sentence):
        features += ["sentquote", f"sentquote|{listed}"]
    return features


def load_cue_model(path: Path | str | None = None) -> CueModel:
    """The cue model from a weights file (the shipped one by default)."""
    return _load(str(path or WEIGHTS_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> CueModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    context = ContextWeights.from_json(data["context"]) if "context" in data else None
    return CueModel({name: float(w) for name, w in data["weights"].items()}, float(data["bias"]),
                    float(data["threshold"]), float(data.get("drop_below", 0.0)), context)
