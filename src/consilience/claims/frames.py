"""Attribution frames in one sentence, read from its cue tokens and the dependency parse (claims).

Verb cues ("said", "cites"), "according to", noun cues ("the army's claim that"), headline colons
and byline dashes each give a frame of source links, cue and content; nested frames are merged
into chains ("Reuters reported the army said X").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cue_words import ATTITUDE_LEMMAS
from .frame_spans import _cut
from .frame_types import (
    _CLAUSE_ONLY_CUES,
    _HEDGE_MODALS,
    _HEDGE_WORDS,
    CUE_LEMMAS,
    DEFAULT_OPTIONS,
    _attitude_only,
    _Frame,
    _is_cue,
    _Options,
    find_hedges,
)
from .nonverb_frames import (
    _BYLINE_DASHES,
    _according_frame,
    _byline_frame,
    _headline_frame,
    _noun_frame,
    _verb_like_noun_frame,
)
from .quotes import _inside
from .verb_frames import _fallback_frame, _verb_frame

# attribution.py reads these names from here
__all__ = [
    "CUE_LEMMAS",
    "_BYLINE_DASHES",
    "_CLAUSE_ONLY_CUES",
    "_HEDGE_MODALS",
    "_HEDGE_WORDS",
    "_Frame",
    "_Options",
    "_frames_in_sentence",
    "find_hedges",
]


def _frames_in_sentence(sent: Span, cues: list[Token], quotes: list[tuple[int, int]],
                        options: _Options = DEFAULT_OPTIONS, learned: frozenset[int] = frozenset()) -> list[_Frame]:
    """The attribution frames of `sent` from its candidate cue tokens, nested ones merged.

    `learned` holds the indexes of verbs the cue model proposed beyond the word lists.
    """
    frames: list[_Frame] = []
    consumed: set[int] = set()  # cue tokens already read as part of another frame's chain
    for tok in cues:
        if tok.i in consumed or _inside(quotes, tok.idx):
            continue
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            frame = _according_frame(tok, sent, consumed)
        elif lower == ":":
            frame = _headline_frame(tok, sent)
        elif lower in _BYLINE_DASHES:
            frame = _byline_frame(tok, quotes)
        elif tok.pos_ == "NOUN":
            frame = _verb_like_noun_frame(tok, sent) or _noun_frame(tok, sent, options)
        elif tok.pos_ in ("VERB", "AUX") and (_is_cue(tok) or tok.i in learned):
            frame = _verb_frame(tok, sent, quotes, consumed, options, learned=tok.i in learned)
            if frame is None and options.cue_model is not None and \
                    (tok.i in learned or options.cue_model.is_cue(tok, quotes)):
                frame = _fallback_frame(tok, sent, quotes)  # the model is sure; read it as widely as the parse allows
        else:
            continue
        if frame is not None:
            frames.append(frame)
    return _merge_nested(frames)


def _merge_nested(frames: list[_Frame]) -> list[_Frame]:
    """A frame whose cue sits in another's content is nested: "Reuters reported the army said X"."""
    merged: list[_Frame] = []
    dropped: set[int] = set()
    for i, outer in enumerate(frames):
        if outer.content is None or outer.anchor.pos_ == "NOUN":
            continue
        for j, inner in enumerate(frames):
            if i == j or j in dropped or inner.content is None or inner.anchor.pos_ == "NOUN" or \
                    not outer.content.start <= inner.anchor.i < outer.content.end:
                continue  # "rejected the rebels' claim that ...": a claim referred to, not relayed
            if _attitude_only(outer.anchor) and inner.cue[0].lower_ == "according":
                continue  # "would see incomes rise, according to X": X speaks, the stance relays no one
            if inner.links and outer.links and inner.links[0][0].i == outer.links[-1][0].i and inner.clausal \
                    and inner.anchor.lemma_ in CUE_LEMMAS:
                # "mocked the complaint, saying ...": one speaker, two statements, no chain
                cut = inner.anchor.head if inner.anchor.dep_ == "pcomp" else inner.anchor
                outer.content = _cut(outer.content, cut.left_edge.i, outer.content.end) or outer.content
                continue
            if not inner.clausal or inner.learned or inner.anchor.lemma_ in _CLAUSE_ONLY_CUES \
                    or inner.anchor.lemma_ in ATTITUDE_LEMMAS:
                # "said she thinks ...", "says the candidate will announce plans": one statement
                dropped.add(j)
                continue
            inner.links = outer.links + inner.links
            inner.hedges = outer.hedges + inner.hedges
            inner.cue = outer.cue  # the chain is introduced where the outer source speaks
            dropped.add(i)
            break
    for i, frame in enumerate(frames):
        if i not in dropped:
            merged.append(frame)
    for frame in merged:
        if frame.content is None:
            # "X said ..., but Y denied this": the sibling's content, not the previous sentence
            verb = frame.cue[0]
            sibling = next((f for f in merged if f is not frame and f.content and
                            (verb.dep_ == "conj" and verb.head.i == f.cue[0].i)), None)
            if sibling is not None:
                frame.content = sibling.content
    return merged
