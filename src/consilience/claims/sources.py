"""Source phrases of attribution frames and the named source a pronoun or "the outlet" stands for (claims)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..model import Attribution
from .origins import is_media_noun, normalize_origin

if TYPE_CHECKING:
    from .attribution import _Context

# Common nouns that name someone who can be cited: "citing military sources", "cites army representatives".
_SOURCE_NOUNS = frozenset({
    "source", "official", "representative", "spokesman", "spokeswoman", "spokesperson", "witness", "resident",
    "activist", "expert", "analyst", "observer", "monitor", "agency", "outlet", "newspaper", "media", "army",
    "military", "ministry", "police", "journalist", "correspondent", "reporter", "people", "person", "commander",
    "member", "leader", "officer", "diplomat", "minister", "aide", "adviser", "advisor", "lawmaker", "researcher",
})
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_MEDIA_KINDS = frozenset({"wire", "broadcaster", "outlet"})
_SOURCE_RIGHT_DEPS = frozenset({"prep", "compound", "amod", "nummod", "nmod", "poss", "flat", "case", "cc", "conj"})
# Pronoun antecedents are looked for in the same sentence and this many before it.
_ANTECEDENT_WINDOW = 2


@dataclass
class _Candidate:
    """A possible antecedent for a pronoun or a generic "the outlet"."""

    start: int
    end: int
    text: str
    label: str
    attribution: Attribution | None = None


def _attribution_for(source: Token, cue: Token, index: int, context: _Context,
                     chain: list[Attribution]) -> Attribution | None:
    """The Attribution for one link; None for an unresolved stand-in ("the outlet") in mid-chain."""
    text = _source_span(source).text
    cue_text = _cue_text(cue)
    if source.lower_ in _PRONOUNS and context.resolve_pronouns:
        antecedent = _find_antecedent(source, index, context, chain, media=False)
        if antecedent is not None:
            return _from_candidate(antecedent, cue_text)
        return _plain_attribution(source, cue)
    if is_media_noun(text):
        antecedent = _find_antecedent(source, index, context, chain, media=True)
        return _from_candidate(antecedent, cue_text) if antecedent is not None else None
    return _plain_attribution(source, cue)


def _plain_attribution(source: Token, cue: Token) -> Attribution:
    span = _source_span(source)
    if source.lower_ in _PRONOUNS:
        return Attribution(span.text, _cue_text(cue), source.lower_, "unknown", span.start_char, span.end_char)
    origin, kind = normalize_origin(span.text, label=source.ent_type_ or None)
    return Attribution(span.text, _cue_text(cue), origin, kind, span.start_char, span.end_char)


def _from_candidate(candidate: _Candidate, cue_text: str) -> Attribution:
    if candidate.attribution is not None:
        a = candidate.attribution
        return Attribution(a.source, cue_text, a.origin, a.kind, a.start, a.end)
    origin, kind = normalize_origin(candidate.text, label=candidate.label or None)
    return Attribution(candidate.text, cue_text, origin, kind, candidate.start, candidate.end)


def _find_antecedent(pronoun: Token, index: int, context: _Context, chain: list[Attribution],
                     media: bool) -> _Candidate | None:
    """The nearest earlier named source a pronoun (or "the outlet") can stand for."""
    wants_person = pronoun.lower_ in ("he", "she")
    best: _Candidate | None = None
    for candidate in _candidates(index, context, chain):
        if candidate.start >= pronoun.idx:
            continue
        kind = candidate.attribution.kind if candidate.attribution is not None else \
            normalize_origin(candidate.text, label=candidate.label or None)[1]
        if media:
            if kind not in _MEDIA_KINDS:
                continue
        elif wants_person != (kind == "person"):
            continue
        if best is None or candidate.start > best.start:
            best = candidate
    return best


def _candidates(index: int, context: _Context, chain: list[Attribution]) -> list[_Candidate]:
    """Earlier attributions and named noun phrases in this sentence and the two before it."""
    found: list[_Candidate] = []
    for attribution in chain:
        if attribution.start is not None:
            found.append(_Candidate(attribution.start, attribution.end or attribution.start, attribution.source, "", attribution))
    for back in range(max(0, index - _ANTECEDENT_WINDOW), index + 1):
        if back < len(context.done):
            for item in context.done[back]:
                for a in item.chain:
                    if a.start is not None:
                        found.append(_Candidate(a.start, a.end or a.start, a.source, "", a))
        for ent in context.ents_in(back):
            if ent.label_ not in ("PERSON", "ORG", "NORP"):
                continue
            root = ent.root
            if ent.label_ == "NORP" and root.dep_ in ("amod", "compound"):
                root = root.head  # "the Syrian army": the noun phrase, not the adjective
            elif ent.label_ == "ORG" and root.dep_ not in ("nsubj", "nsubjpass") and \
                    normalize_origin(ent.text)[1] == "unknown":
                continue  # an ORG that is not a subject is often a mis-tagged place
            span = _source_span(root)
            found.append(_Candidate(span.start_char, span.end_char, span.text, ent.label_))
        for tok in context.plural_subjects(back):
            span = _source_span(tok)  # "Officials ... They said"
            found.append(_Candidate(span.start_char, span.end_char, span.text, ""))
    return found


def _names_a_source(head: Token) -> bool:
    """True when a cited noun phrase is someone who speaks ("Reuters", "army representatives"), not a thing."""
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or head.pos_ == "PROPN" or head.lemma_ in _SOURCE_NOUNS:
        return True
    return normalize_origin(_source_span(head).text)[1] != "unknown"


def _source_span(head: Token) -> Span:
    """The source noun phrase: its left subtree and modifiers, without relative clauses."""
    doc = head.doc
    left, right = head.left_edge.i, head.i
    for child in head.rights:
        if child.dep_ not in _SOURCE_RIGHT_DEPS:
            break
        right = child.right_edge.i
    while right > head.i and doc[right].is_punct:
        right -= 1
    while left < head.i and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    return cue.text
