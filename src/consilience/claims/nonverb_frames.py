"""Frames from cues other than reporting verbs: "according to", headline colons, byline dashes and noun cues (claims)."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from .frame_spans import _extend_chain, _rest_of
from .frame_types import _FIRST_PERSON, DEFAULT_OPTIONS, _Frame, _is_cue_lemma, _Options
from .quotes import _region_span, _trim

# Prepositions that introduce what a noun cue is about: "his comment about taxes", "the IMF's estimate of growth".
_TOPIC_PREPOSITIONS = frozenset({"about", "regarding"})
# With a possessor, "of" and "on" name what the stance is about: "his theory of the role", "her comments on the shooting".
_POSSESSED_TOPICS = frozenset({"of", "on"})
# Opening phrases whose possessed noun credits the whole clause: "Under her plan, ...", "By his own admission, ...".
_OPENING_PREPOSITIONS = frozenset({"under", "by", "in", "according"})
# '"We need a change." ― Maria Lopez': a dash and a short name after a quotation credit it.
_BYLINE_DASHES = ("―", "—")
_BYLINE_WORDS = 6
# Labels that head a paragraph with a colon but speak for no one: "Correction: ...", "Editor's note: ...".
_HEADING_WORDS = frozenset({"note", "correction", "update", "clarification", "disclosure", "editor", "challenge",
                            "issue", "question", "problem", "answer", "result", "background", "context"})


def _according_frame(tok: Token, sent: Span, consumed: set[int]) -> _Frame | None:
    """ "according to X, ..." and "..., according to X"."""
    to = tok.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        # "according to show insiders" parsed as a verb and its object: the last noun is the source
        source = next((t for t in reversed(list(to.subtree)) if t.pos_ in ("NOUN", "PROPN")), None)
    if source is None:
        return None
    links = [(source, tok)]
    _extend_chain(links, consumed)
    content = _rest_of(sent, min(tok.left_edge.i, tok.i), max(tok.right_edge.i, source.right_edge.i) + 1)
    return _Frame(links, [tok, to], content, [])


def _headline_frame(colon: Token, sent: Span) -> _Frame | None:
    """ "Poll: Trump ties Clinton", "Cecile Richards: 'I'm sick of ...'": a name, a colon, content.

    A transcript line ('"WALLACE: Let's start ...') may open with a quotation mark.
    """
    start = sent.start
    while start < colon.i and (sent.doc[start].is_quote or sent.doc[start].is_space):
        start += 1
    before = sent.doc[start:colon.i]
    if not before or any(t.pos_ in ("VERB", "AUX", "NUM") for t in before) or before[0].is_punct:
        return None
    heads = [t for t in before if t.pos_ in ("PROPN", "NOUN") and not t.is_space]
    if not heads or heads[-1].lower_ in _HEADING_WORDS or any(t.lower_ in _HEADING_WORDS for t in before[:1]):
        return None
    content = _trim(sent.doc, colon.i + 1, sent.end)
    if content is None or sum(t.is_alpha for t in content) < 3:
        # "PENCE: Well, look, ...": the parser cut the sentence at the colon; the turn runs to the
        # end of the paragraph
        content = _trim(sent.doc, colon.i + 1, _paragraph_end(sent.doc, colon.i))
    if content is None or sum(t.is_alpha for t in content) < 3:
        return None
    return _Frame([(heads[-1], colon)], [colon], content, [])


def _paragraph_end(doc: Doc, start: int) -> int:
    """Index of the first line-break token after `start` (or the end of the document)."""
    end = start + 1
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return end


def _noun_frame(noun: Token, sent: Span, options: _Options = DEFAULT_OPTIONS) -> _Frame | None:
    """ "Trump's claim that ...", "a statement by the army that ...", "her plan to cut taxes".

    The source is the possessor or the "by"/"from" phrase; the content a that-clause or an infinitive,
    and with `options.attitude_objects` also what the statement is about ("his comment about taxes").
    """
    children = list(noun.children)
    source = next((c for c in children if c.dep_ == "poss" and c.lower_ not in _FIRST_PERSON and c.lower_ != "my"),
                  None)
    if source is None:
        by = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        source = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if source is None:
        return None  # "concerns about turnout", "the threat of war": a topic, not a statement
    clause = next((c for c in children if c.dep_ in ("acl", "relcl", "ccomp") and c.i > noun.i and (
        any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children) or c.tag_ == "VB" and
        any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))), None)
    if clause is not None:
        content = _trim(sent.doc, clause.left_edge.i, min(clause.right_edge.i + 1, sent.end))
    elif options.attitude_objects:
        # "North Korea's claims about the test": PolNeAR credits the topic; the pipeline, which
        # checks statements, does not ("his criticism of the deal" is as often a topic as a stance)
        possessed = source.dep_ == "poss"
        topics = _TOPIC_PREPOSITIONS | _POSSESSED_TOPICS if possessed else _TOPIC_PREPOSITIONS
        # "his remarks on Saturday": a date is when, not what
        topic = next((c for c in children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in topics
                      and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)), None)
        content = _trim(sent.doc, topic.i + 1, min(topic.right_edge.i + 1, sent.end)) if topic is not None else None
        if content is None and possessed:
            content = _possessed_content(noun, sent)
    else:
        content = None
    if content is None or not any(t.is_alpha and not t.is_stop for t in content):
        return None
    return _Frame([(source, noun)], [noun], content, [])


def _possessed_content(noun: Token, sent: Span) -> Span | None:
    """The clause an opening phrase with a possessed cue governs, or None.

    "Under Mrs. Clinton's plan, taxpayers would pay more", "By his own admission, ...". (Taking
    the predicate of a possessed subject, "her plan would cap ...", credited as many comments
    and plans that merely happened as it found on PolNeAR dev.)
    """
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.i == sent.start and head.lower_ in _OPENING_PREPOSITIONS:
        return _trim(sent.doc, head.right_edge.i + 1, sent.end)
    return None


def _verb_like_noun_frame(noun: Token, sent: Span) -> _Frame | None:
    """ "Trump claims that ...", "Sanders Vows To ...": a present-tense cue verb the parser took for a plural noun.

    Headlines and short present-tense sentences fool the small model; the tell is a name or noun
    phrase that opens the clause right before the word and a complement right after it.
    """
    doc = sent.doc
    if noun.tag_ != "NNS" or not noun.lower_.endswith("s") or not _is_cue_lemma(noun.lemma_) \
            or noun.i + 1 >= sent.end or noun.i == sent.start:
        return None
    following = doc[noun.i + 1]
    if following.lower_ not in ("that", "to") and following.pos_ not in ("DET", "PRON", "PROPN", "ADP", "NUM"):
        return None  # "the campaign plans are ambitious"
    before = noun.i - 1
    if doc[before].tag_ not in ("NN", "NNP", "NNPS") and not (doc[before].tag_ == "NNS" and doc[before].is_title):
        return None
    start = before
    while start > sent.start and doc[start - 1].tag_ in ("NN", "NNP", "NNPS", "JJ", "DT") and doc[start - 1].lower_ != "that":
        start -= 1
    opener = doc[start - 1] if start > sent.start else None
    if opener is not None and not (opener.is_punct or opener.is_space or opener.pos_ in ("CCONJ", "SCONJ")
                                   or opener.lower_ == "that"):
        return None  # "rejected the Trump claims": a noun after all
    content = _trim(doc, noun.i + 1, sent.end)
    if content is None or sum(t.is_alpha for t in content) < 2:
        return None
    return _Frame([(doc[before], noun)], [noun], content, [])


def _byline_frame(dash: Token, quotes: list[tuple[int, int]]) -> _Frame | None:
    """ '"We need a change." ― Maria Lopez': a quotation, a dash and a name that ends the line."""
    doc = dash.doc
    position = bisect.bisect_right(quotes, (dash.idx, 0)) - 1
    if position < 0 or not 0 <= dash.idx - quotes[position][1] <= 3:
        return None
    end = dash.i + 1
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    name = [t for t in doc[dash.i + 1:min(end + 1, len(doc))] if not t.is_space]
    if not name or len(name) > _BYLINE_WORDS or not all(t.is_title or t.pos_ == "PROPN" or t.is_punct for t in name):
        return None
    content = _region_span(doc, quotes[position])
    if content is None:
        return None
    head = next((t for t in reversed(name) if not t.is_punct), None)
    return _Frame([(head, dash)], [dash], content, []) if head is not None else None
