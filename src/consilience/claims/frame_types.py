"""Shared pieces of attribution frames: the frame being built, reading options, cue word sets and hedges (claims)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from .cue_model import CueModel

from .cue_words import ATTITUDE_LEMMAS, QUOTE_ONLY_LEMMAS

# Cue verbs named in the design, plus a few frequent reporting/belief verbs that need a clause.
CUE_LEMMAS = frozenset({
    "say", "tell", "report", "announce", "state", "claim", "confirm", "deny", "add", "note", "admit",
    "insist", "warn", "accuse", "write", "cite", "quote", "show", "allege",
})
_CLAUSE_ONLY_CUES = frozenset({
    "argue", "explain", "acknowledge", "assert", "declare", "reveal", "stress", "emphasize", "emphasise",
    "tweet", "testify", "concede", "suggest", "indicate", "estimate", "believe", "think", "predict",
    "promise", "vow", "pledge", "maintain", "contend", "recall", "complain", "reply", "respond",
})
_CITING = frozenset({"cite", "quote"})
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_HEDGE_WORDS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "unconfirmed"})
_HEDGE_MODALS = frozenset({"may", "might", "could"})


@dataclass
class _Frame:
    """A frame while it is being built: tokens, not yet offsets."""

    links: list[tuple[Token, Token]]  # (source head, cue token that introduces it), outermost first
    cue: list[Token]
    content: Span | None  # None: credits the previous sentence
    hedges: list[str]
    clausal: bool = True  # content is a clause or quotation, not a noun object ("announced plans")
    learned: bool = False  # the cue was proposed by the cue model, not named by a word list

    @property
    def anchor(self) -> Token:
        """The frame's own cue word, where it sits in the sentence."""
        return self.cue[-1] if self.cue[0].lower_ == "according" else self.cue[0]


@dataclass(frozen=True)
class _Options:
    """How widely to read: the pipeline's defaults, or PolNeAR's annotation conventions."""

    resolve_pronouns: bool = True
    attitude_objects: bool = False
    sourceless: bool = False
    cue_model: CueModel | None = None


# The pipeline's defaults; frozen, so one instance serves every call.
DEFAULT_OPTIONS = _Options()


def find_hedges(tokens: Iterable[Token]) -> list[str]:
    """Hedge markers among `tokens`: "reportedly", "may have", "is said to", ..."""
    hedges: list[str] = []
    for tok in tokens:
        lower = tok.lower_
        if lower in _HEDGE_WORDS:
            hedges.append(lower)
        elif lower in _HEDGE_MODALS and tok.tag_ == "MD":
            following = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
            hedges.append(f"{lower} have" if following == "have" else lower)
        elif tok.lemma_ == "say" and tok.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in tok.children) \
                and any(c.dep_ == "auxpass" for c in tok.children):
            hedges.append("is said to")
    return list(dict.fromkeys(hedges))


def _attitude_only(cue: Token) -> bool:
    """True for a verb of wanting, judging or seeing ("see", "want"), not of saying."""
    lemma = cue.lemma_
    return cue.pos_ in ("VERB", "AUX") and lemma in ATTITUDE_LEMMAS and lemma not in CUE_LEMMAS \
        and lemma not in _CLAUSE_ONLY_CUES


def _is_cue(token: Token) -> bool:
    return _is_cue_lemma(token.lemma_)


def _is_cue_lemma(lemma: str) -> bool:
    return lemma in CUE_LEMMAS or lemma in _CLAUSE_ONLY_CUES or lemma in ATTITUDE_LEMMAS or lemma in QUOTE_ONLY_LEMMAS
