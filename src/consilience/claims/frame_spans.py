"""Span and chain helpers shared by the frame builders: the rest of a sentence, cutting a phrase, citing chains (claims)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .frame_types import _CITING
from .quotes import _trim
from .sources import _names_a_source


def _extend_chain(links: list[tuple[Token, Token]], consumed: set[int], verb: Token | None = None) -> list[Token]:
    """Follow "X, which cites Y" and "X, citing Y" from the innermost link; the citing verbs read."""
    seen: set[int] = {source.i for source, _cue in links}
    citing: list[Token] = []
    while True:
        last, _cue = links[-1]
        places = list(last.children)
        if verb is not None and len(citing) == 0:
            # the parser hangs "citing Y" on the verb or on its complement clause
            places += list(verb.children) + [g for c in verb.children if c.dep_ == "ccomp" for g in c.children]
        step = None
        for child in places:
            if child.lemma_ in _CITING and child.dep_ in ("relcl", "acl", "advcl", "xcomp", "conj") and child.i not in consumed:
                cited = next((c for c in child.children if c.dep_ == "dobj"), None)
                if cited is not None and cited.i not in seen and _names_a_source(cited):
                    step = (cited, child)
                    break
        if step is None:
            return citing
        citing.append(step[1])
        consumed.add(step[1].i)
        seen.add(step[0].i)
        links.append(step)


def _rest_of(sent: Span, start: int, end: int) -> Span | None:
    """`sent` without the cue phrase doc[start:end]; None when nothing worth crediting is left.

    A phrase in mid-sentence ("Rebels, the army said, entered") is kept inside the span: content
    is one contiguous range.
    """
    whole = _trim(sent.doc, sent.start, sent.end)
    if whole is None:
        return None
    if start <= whole.start:
        rest = _trim(sent.doc, end, whole.end)
    elif end >= whole.end:
        rest = _trim(sent.doc, whole.start, start)
    else:
        rest = whole
    if rest is None or not any(t.is_alpha and not t.is_stop for t in rest):
        return None
    return rest


def _cut(content: Span, start: int, end: int) -> Span | None:
    """`content` without doc[start:end] when that phrase sits at one of its edges."""
    if start <= content.start:
        return _trim(content.doc, max(end, content.start), content.end)
    if end >= content.end:
        return _trim(content.doc, content.start, start)
    return content
