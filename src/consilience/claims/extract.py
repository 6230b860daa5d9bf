"""Splitting an annotated report into atomic, attributed claims (claims stage)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..model import Article, Attribution, Claim, PlaceMention
from .attribution import Attributed, attribute_document
from .clauses import SPEECH_VERBS, Clause, find_clauses, is_pronoun, sentence_tokens
from .events import classify_event

_HEDGES = re.compile(
    r"\b(reportedly|allegedly|apparently|purportedly|possibly|unconfirmed|may|might|could|"
    r"is said to|are said to|believed to|appears? to|seems? to)\b",
    re.IGNORECASE,
)
_CONTROL_WORDS = re.compile(r"\bunder (?:the )?(?:\w+ )?control\b|\bin control of\b", re.IGNORECASE)
_THE_CITY = re.compile(r"\bthe (?:city|town)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
# Clauses that carry no checkable proposition on their own.
_MIN_CONTENT_WORDS = 3


def extract_claims(article: Article, doc: Doc) -> list[Claim]:
    """Atomic claims of one report, each with its span, roles, facts and attribution chain."""
    sentences = list(doc.sents)
    frames = attribute_document(doc)
    claims: list[Claim] = []
    by_sentence: dict[int, list[Claim]] = {}
    for index, sent in enumerate(sentences):
        sent_frames = frames[index] if index < len(frames) else []
        backward = [f for f in sent_frames if f.applies_to_previous]
        forward = [f for f in sent_frames if not f.applies_to_previous]
        for frame in backward:
            # "This is reported by Reuters": the chain belongs to the previous sentence's claims
            for claim in by_sentence.get(index - 1, []):
                claim.attribution = [*frame.chain, *claim.attribution]
                claim.hedges = sorted({*claim.hedges, *frame.hedges})
        if backward and not forward:
            continue
        regions = [(f.content_start, f.content_end, f) for f in forward] or [(sent.start_char, sent.end_char, None)]
        made = []
        for start, end, frame in regions:
            for clause in find_clauses(sentence_tokens(sent, start, end)):
                claim = _claim_from_clause(article, clause, index, frame, len(claims) + len(made))
                if claim is not None:
                    made.append(claim)
            outer = _outer_content(sent, frame) if frame else None
            if outer is not None:
                tokens, outer_frame = outer
                for clause in find_clauses(tokens):
                    claim = _claim_from_clause(article, clause, index, outer_frame, len(claims) + len(made))
                    if claim is not None:
                        made.append(claim)
        by_sentence[index] = made
        claims += made
    _resolve_pronoun_actors(claims)
    _attach_facts(article, claims)
    return claims


def _claim_from_clause(article: Article, clause: Clause, sentence: int, frame: Attributed | None,
                       number: int) -> Claim | None:
    start, end = clause.start_char, clause.end_char
    text = article.text[start:end]
    if sum(1 for t in clause.tokens if t.is_alpha and not t.is_stop) < _MIN_CONTENT_WORDS - 1:
        return None
    head = _main_verb(clause.head)
    chain: list[Attribution] = list(frame.chain) if frame else []
    hedges = sorted({*(frame.hedges if frame else []), *(m.group(0).lower() for m in _HEDGES.finditer(text))})
    quote = _QUOTE.search(text)
    event_type = "SUPPORT" if clause.support_relation else clause.relation or classify_event(head.lemma_,
                                                                                              clause.particle)
    if event_type == "RETREAT" and head.lemma_ == "drive":
        event_type = "EXPEL"  # "X drove Y out": Y leaves, X stays
    if event_type in (None, "LOCATE") and _CONTROL_WORDS.search(text):
        event_type = "CONTROL"  # "Hama had been under government control"
    return Claim(
        id=f"{article.id}-c{number}",
        article_id=article.id,
        text=text,
        start=start,
        end=end,
        sentence=sentence,
        actors=clause.actors,
        action=head.lemma_.lower(),
        action_text=head.text if not clause.particle else f"{head.text} {clause.particle}",
        targets=clause.targets,
        polarity="negative" if clause.negated else "positive",
        hedges=hedges,
        quote=quote.group(1) if quote else None,
        attribution=chain,
        event_type=event_type,
        lead=sentence == 0,
    )


# Verbs that only say a happening is due ("had to apologize", "needs to resign"): the happening is
# the verb they govern, and two reports of one apology must meet on "apologize".
_SEMI_MODALS = frozenset({"have", "need", "ought"})


def _main_verb(head: Token) -> Token:
    """The verb that names what happens: the complement of a semi-modal, else the clause head."""
    if head.lemma_ in _SEMI_MODALS:
        for child in head.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB" and any(t.dep_ == "aux" and t.lower_ == "to"
                                                                      for t in child.children):
                return child
    return head


def _outer_content(sent: Span, frame: Attributed) -> tuple[list[Token], Attributed] | None:
    """The reported clause a nested frame's content displaced, with the chain that credits it.

    "He said he had misspoken at an event in Norfolk in which he said he served in Vietnam": the
    frame holds only the innermost content ("he served in Vietnam"), but what the outer speaker
    reports, where he misspoke, is a fact other reports may give differently. Climbing from the
    inner cue to the first non-speech verb finds that clause; its tokens minus the inner content
    are returned with the chain cut before the inner speaker (when the inner speaker sits inside it).
    """
    inside = [t for t in sent if frame.content_start <= t.idx < frame.content_end]
    if not inside:
        return None
    content_ids = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in content_ids or t.head.i == t.i), None)
    if root is None or root.head.i == root.i:
        return None
    cue_range = range(frame.cue_start, frame.cue_end) if frame.cue_start is not None and frame.cue_end is not None \
        else range(0)
    token = root.head
    while token.head.i != token.i and token.idx not in cue_range:
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in SPEECH_VERBS and token.i not in content_ids:
            break
        token = token.head
    else:
        return _main_clause_above_cue(sent, token, content_ids, frame) if token.idx in cue_range else None
    if token.idx in cue_range or not (sent.start <= token.i < sent.end):
        return None
    tokens = [t for t in token.subtree if t.i not in content_ids and sent.start <= t.i < sent.end]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    chain = [link for link in frame.chain if link.start is None or not start <= link.start < end]
    outer = replace(frame, content_start=start, content_end=end, chain=chain or list(frame.chain))
    return tokens, outer


def _main_clause_above_cue(sent: Span, cue: Token, content_ids: set[int],
                           frame: Attributed) -> tuple[list[Token], Attributed] | None:
    """The sentence's own main clause when the cue sits in a clause below it, credited to no one.

    "The woman was accused of funneling $10,000 to the campaign through friends who agreed to have
    the donations listed under their names": the frame credits the friends with what they agreed
    to, but the sentence first states, in the report's own voice, what the woman was accused of.
    Only a main verb that is no speech verb counts ("X said that friends agreed ..." stays X's).
    """
    root = sent.root
    if cue.i == root.i or root.i in content_ids or root.pos_ not in ("VERB", "AUX") \
            or root.lemma_ in SPEECH_VERBS or not any(t.i == cue.i for t in root.subtree):
        return None
    # The cue's own clause (its speaker, the cue, what was said, when it was said) is the frame's.
    reported = {t.i for t in cue.subtree} | content_ids
    tokens = [t for t in root.subtree if t.i not in reported and sent.start <= t.i < sent.end]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return tokens, replace(frame, content_start=start, content_end=end, chain=[], hedges=[])


def _resolve_pronoun_actors(claims: list[Claim]) -> None:
    """Replace a pronoun actor by who said it ("the army said it withdrew") or the previous actor."""
    previous: list[str] = []
    for claim in claims:
        resolved = []
        for actor in claim.actors:
            if is_pronoun(actor):
                if claim.attribution:
                    resolved.append(claim.attribution[-1].source)
                elif previous:
                    resolved += previous
                else:
                    resolved.append(actor)
            else:
                resolved.append(actor)
        claim.actors = list(dict.fromkeys(resolved))
        if claim.actors and not all(is_pronoun(a) for a in claim.actors):
            previous = claim.actors


def _attach_facts(article: Article, claims: list[Claim]) -> None:
    """Give each claim the places, times and quantities annotated inside its span."""
    main_city = _main_city(article)
    for claim in claims:
        claim.places = [p for p in article.places if claim.start <= p.start and p.end <= claim.end]
        if not claim.places and main_city is not None:
            # "the city" in a report about one city is that city (a cheap, common anaphor)
            match = _THE_CITY.search(claim.text)
            if match:
                claim.places = [PlaceMention(match.group(0), claim.start + match.start(), claim.start + match.end(),
                                             main_city.place, reason="anaphor: the report's main city")]
        claim.times = [t for t in article.times if claim.start <= t.start and t.end <= claim.end]
        claim.quantities = [q for q in article.quantities if claim.start <= q.start and q.end <= claim.end]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of each sentence."""
    return [(s.start_char, s.end_char) for s in doc.sents]



def _main_city(article: Article) -> PlaceMention | None:
    """The report's most mentioned resolved city, if it has one."""
    counts: dict[int, list[PlaceMention]] = {}
    for mention in article.places:
        if mention.place and mention.place.feature == "city" and mention.place.geonameid:
            counts.setdefault(mention.place.geonameid, []).append(mention)
    if not counts:
        return None
    return max(counts.values(), key=len)[0]
