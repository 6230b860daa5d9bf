"""Attribution frames in one sentence, read from its cue tokens and the dependency parse (claims).

Verb cues ("said", "cites"), "according to", noun cues ("the army's claim that"), headline colons
and byline dashes each give a frame of source links, cue and content; nested frames are merged
into chains ("Reuters reported the army said X").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .cue_words import ATTITUDE_LEMMAS, CUE_PARTICLES, QUOTE_ONLY_LEMMAS
from .origins import normalize_origin
from .quotes import (
    _adjacent_quote,
    _inside,
    _quote_after_colon,
    _quoted_tokens,
    _region_span,
    _trim,
)
from .sources import _MEDIA_KINDS, _names_a_source, _source_span

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
# Verbs whose direct object can be the content: "the ministry confirmed the deaths of 20 soldiers".
_OBJECT_CONTENT = frozenset({"report", "announce", "confirm", "deny", "claim", "admit", "show", "state", "allege"})
# Verbs that, with nothing to credit in their own sentence, credit the previous one ("Reuters reports").
_BACKWARD_CUES = frozenset({"report", "confirm", "cite", "quote", "say", "announce", "state", "write", "claim", "deny"})
_CITING = frozenset({"cite", "quote"})
_CLAIM_HEDGES = {"claim": "claimed", "allege": "alleged"}
_EVIDENCE = frozenset({
    "footage", "video", "image", "photo", "photograph", "picture", "document", "recording", "clip",
    "imagery", "letter", "map", "screenshot",
})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_DEMONSTRATIVE = frozenset({"this", "that", "it", "so", "these", "those"})
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_HEDGE_WORDS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "unconfirmed"})
_HEDGE_MODALS = frozenset({"may", "might", "could"})
# Dependents of an attitude verb that hold its content: "wants [to build a wall]", "called [for a ban]".
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "prt"})
# Prepositions that introduce what an attitude verb is about ("called for", "spoke about", "railed against").
_CONTENT_PREPOSITIONS = frozenset({"for", "about", "on", "of", "to", "against", "as", "over", "toward", "towards",
                                   "with", "out", "up"})
# '"We need a change." ― Maria Lopez': a dash and a short name after a quotation credit it.
_BYLINE_DASHES = ("―", "—")
_BYLINE_WORDS = 6
# Labels that head a paragraph with a colon but speak for no one: "Correction: ...", "Editor's note: ...".
_HEADING_WORDS = frozenset({"note", "correction", "update", "clarification", "disclosure", "editor", "challenge",
                            "issue", "question", "problem", "answer", "result", "background", "context"})


@dataclass
class _Frame:
    """A frame while it is being built: tokens, not yet offsets."""

    links: list[tuple[Token, Token]]  # (source head, cue token that introduces it), outermost first
    cue: list[Token]
    content: Span | None  # None: credits the previous sentence
    hedges: list[str]
    clausal: bool = True  # content is a clause or quotation, not a noun object ("announced plans")

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


# --- finding frames ---------------------------------------------------------------------------


def _frames_in_sentence(sent: Span, cues: list[Token], quotes: list[tuple[int, int]],
                        options: _Options = _Options()) -> list[_Frame]:
    """The attribution frames of `sent` from its candidate cue tokens, nested ones merged."""
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
            frame = _noun_frame(tok, sent)
        elif tok.pos_ in ("VERB", "AUX") and _is_cue(tok):
            frame = _verb_frame(tok, sent, quotes, consumed, options)
        else:
            continue
        if frame is not None:
            frames.append(frame)
    return _merge_nested(frames)


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
        return None
    return _Frame([(heads[-1], colon)], [colon], content, [])


def _noun_frame(noun: Token, sent: Span) -> _Frame | None:
    """ "Trump's claim that ...", "a statement by the army that ...", "her plan to cut taxes".

    The source is the possessor or the "by"/"from" phrase; the content a that-clause or an infinitive.
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
    if clause is None:
        return None  # "his criticism of the deal": as often a topic as a stance, so left out
    content = _trim(sent.doc, clause.left_edge.i, min(clause.right_edge.i + 1, sent.end))
    if content is None or not any(t.is_alpha and not t.is_stop for t in content):
        return None
    return _Frame([(source, noun)], [noun], content, [])


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


def _verb_frame(verb: Token, sent: Span, quotes: list[tuple[int, int]], consumed: set[int],
                options: _Options = _Options()) -> _Frame | None:
    """A frame around a reporting verb, or None when it credits no one ("is said to", "we said")."""
    lemma = verb.lemma_
    if _is_as_saying(verb):
        return None  # read by the citing verb that governs it
    children = list(verb.children)
    agent = _agent_of(verb)
    # "as reported by X" has no passive auxiliary, only the participle and its agent
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (agent is not None and verb.tag_ == "VBN")
    # '"My reaction was outrage," the strategist said': the parser may give two subjects; the
    # speaker is the one outside the quotation, nearest the verb
    subjects = [c for c in children if c.dep_ == "nsubj"]
    subject = ([c for c in subjects if not _inside(quotes, c.idx)] or subjects or [None])[-1]
    object_ = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    links: list[tuple[Token, Token]]
    if lemma == "show" and subject is not None and subject.lemma_ in _EVIDENCE:
        # footage speaks for whoever released it; unreleased images credit no one
        releaser = next((_agent_of(c) for c in subject.children if c.dep_ == "acl" and _agent_of(c) is not None), None)
        if releaser is None and not options.sourceless:
            return None
        links = [(releaser or subject, verb)]
    elif passive:
        patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if lemma in _CITING and patient is not None and patient.lower_ not in _DEMONSTRATIVE:
            links = ([(agent, verb)] if agent is not None else []) + [(patient, verb)]  # "X is quoted as saying"
        elif agent is not None:
            links = [(agent, verb)]
        elif options.sourceless and not (lemma == "say" and any(c.dep_ == "xcomp" for c in children)):
            links = []  # "it was reported that ...": credited to no one
        else:
            return None  # "it was reported that", "he is said to": a hedge, not a source
    else:
        if subject is None and (verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"))):
            subject = _subject_of(verb.head)  # "said ... and added that ...", "said X, adding that ..."
        elif subject is None and verb.tag_ == "VB" and verb.dep_ == "advcl" and options.attitude_objects:
            subject = _subject_of(verb.head)  # "leaders gathered to discuss the crisis"
        elif subject is None and verb.tag_ == "VB" and verb.dep_ == "xcomp" and options.attitude_objects \
                and not _is_cue(verb.head):
            # "forced Stumpf to admit ...", "took to Twitter to accuse ...": the controller speaks
            subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None) or _subject_of(verb.head)
        elif subject is None and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            subject = _subject_of(verb.head.head)  # "responded by saying ...", "after saying ..."
        if subject is None and verb.dep_ == "ROOT" and verb.i > sent.start and verb.nbor(-1).pos_ in ("PROPN", "PRON") \
                and verb.nbor(-1).dep_ in ("pobj", "dobj", "appos", "compound"):
            subject = verb.nbor(-1)  # "In a meeting with the board of the Post Trump said": a name lost to the prefix
        if subject is None or not sent.start <= subject.i < sent.end or \
                (subject.lower_ in _FIRST_PERSON and options.resolve_pronouns) or subject.lower_ == "you":
            # "we said": the report speaks itself (PolNeAR, reading pronouns as written, credits "we");
            # "you know", "you see": a turn of phrase
            return None
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" and options.resolve_pronouns:
            subject = verb.head  # "Reuters, which said ..." (PolNeAR marks "which" itself)
        links = [(subject, verb)]
        if lemma in _CITING and object_ is not None and _names_a_source(object_):
            links.append((object_, verb))  # "X cites Y"; "X cited the figure" credits X alone
        elif lemma == "tell" and object_ is not None and normalize_origin(_source_span(object_).text)[1] in _MEDIA_KINDS:
            links.insert(0, (object_, verb))  # "officials told Reuters": Reuters relays the officials
    citing = _extend_chain(links, consumed, verb) if links else []
    content = _quote_after_colon(verb, sent, quotes) or _content_of(verb, lemma, sent, quotes, consumed,
                                                                    options.attitude_objects)
    if content is None and passive and options.attitude_objects:
        patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if patient is not None and patient.lower_ not in _DEMONSTRATIVE and patient.lower_ not in _RELATIVE:
            content = _trim(sent.doc, patient.left_edge.i, patient.right_edge.i + 1)  # "X was endorsed by Y"
    if content is None and object_ is None and not passive:
        content = _adjacent_quote(verb, subject, sent, quotes)
    for phrase in citing:
        # "reported, citing military sources, that ...": the citing phrase is not content
        if content is not None and content.start <= phrase.left_edge.i <= content.end:
            content = _cut(content, phrase.left_edge.i, phrase.right_edge.i + 1)
    if content is None and not _credits_previous(verb, lemma, object_, passive):
        return None
    hedges = [_CLAIM_HEDGES[lemma]] if lemma in _CLAIM_HEDGES else []
    hedges += find_hedges([c for c in children if c.dep_ in ("advmod", "aux")])
    clausal = content is None or not (content.start == object_.left_edge.i if object_ is not None else False)
    cue = [verb]
    if verb.i + 1 < sent.end and verb.nbor(1).lower_ in CUE_PARTICLES and verb.nbor(1).head.i == verb.i \
            and (content is None or content.start > verb.i + 1):
        cue.append(verb.nbor(1))  # "called for", "pointed out"
    return _Frame(links, cue, content, hedges, clausal)


def _content_of(verb: Token, lemma: str, sent: Span, quotes: list[tuple[int, int]], consumed: set[int],
                attitude_objects: bool) -> Span | None:
    """The span credited by `verb`: its complement clause, a quotation, its object or the rest."""
    children = list(verb.children)
    as_saying = next((g for c in children if c.dep_ == "prep" and c.lower_ == "as"
                      for g in c.children if g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB"), None)
    head = verb
    if as_saying is not None:
        consumed.add(as_saying.i)
        head = as_saying
        children = list(as_saying.children)
    # "It is unlikely; her team says she will return": the complement after the cue is its own
    clauses = [c for c in children if c.dep_ == "ccomp"]
    clause = next((c for c in clauses if c.i > head.i), clauses[0] if clauses else None)
    if clause is None and lemma in ("claim", "deny", "admit", "allege", "confirm", "promise", "vow", "pledge"):
        clause = next((c for c in children if c.dep_ == "xcomp"), None)  # "claimed to have seized"
    if clause is None and lemma in CUE_LEMMAS:
        # "said after the convention he would not accept": a subordinate-looking clause with its own subject
        clause = next((c for c in children if c.dep_ == "advcl" and c.i > head.i and
                       any(g.dep_ == "nsubj" for g in c.children) and not any(g.dep_ == "mark" for g in c.children)),
                      None)
    if clause is not None and not sent.start <= clause.i < sent.end:
        clause = None  # a parse run over a paragraph break: the clause is another paragraph's
    quoted = _quoted_tokens(sent, quotes, clause or verb)
    if quoted is not None and not (verb.left_edge.i <= quoted.end - 1 and quoted.start <= verb.right_edge.i):
        quoted = None  # 'called Clinton a "champion", citing her record': that quotation is not the citing's
    if clause is not None:
        start, end = _clause_range(clause)
        if quoted is not None and quoted.start - 1 <= start < quoted.end:
            return quoted  # the complement starts inside the quotation: the quotation is the content
        return _trim(sent.doc, max(start, sent.start), min(end, sent.end))
    if quoted is None and (verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in children))):
        # "That is why, he argued, the party should be ready", "as advisers pointed out, ..."; but
        # "It is unlikely; her team says she will return": what the cue governs is its own content
        right = _trim(sent.doc, verb.i + 1, verb.right_edge.i + 1)
        if right is not None and len(right) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in right):
            return right
        return _rest_of(sent, verb.left_edge.i, verb.right_edge.i + 1)
    if lemma in ATTITUDE_LEMMAS and lemma not in CUE_LEMMAS and lemma not in _CLAUSE_ONLY_CUES:
        # 'described the capture as "a victory"': a quotation inside the complement is not all of it
        return _right_complement(head, sent, attitude_objects)
    if quoted is not None:
        return quoted
    if lemma in QUOTE_ONLY_LEMMAS:
        return None
    if lemma in ATTITUDE_LEMMAS:
        return _right_complement(head, sent, attitude_objects)
    object_ = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in _CLAUSE_ONLY_CUES and not (attitude_objects and object_ is not None):
        return None
    if lemma == "accuse" and object_ is not None:
        of = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of"), None)
        end = of.right_edge.i if of is not None else object_.right_edge.i
        return _trim(sent.doc, object_.left_edge.i, end + 1)
    if (lemma in _OBJECT_CONTENT or attitude_objects) and object_ is not None and object_.lower_ not in _DEMONSTRATIVE:
        return _trim(sent.doc, object_.left_edge.i, object_.right_edge.i + 1)
    if verb.dep_ != "ROOT" and verb.dep_ not in ("conj", "relcl"):
        # A parenthetical cue ("as reported by X", "Rebels, the army said, entered"): the rest is content.
        return _rest_of(sent, verb.left_edge.i, verb.right_edge.i + 1)
    return None


def _right_complement(verb: Token, sent: Span, objects: bool) -> Span | None:
    """What follows an attitude verb as its complement: "wants [to build a wall]", "called for [a ban]".

    Without `objects`, only a clause or infinitive counts, not a bare noun object.
    """
    # "spoke at a rally", "appeared in the journal": a place or a time is not what was said, and
    # "spoke to reporters" names who listened
    prepositions = _CONTENT_PREPOSITIONS - {"to", "with"} if verb.lemma_ in ("speak", "talk") else _CONTENT_PREPOSITIONS
    parts = [c for c in verb.rights if c.dep_ in _COMPLEMENT_DEPS and (c.dep_ != "prep" or c.lower_ in prepositions)]
    if parts and parts[0].dep_ == "prt":
        parts = parts[1:]  # "pointed out that ...": the particle belongs to the cue
    if not parts or not (objects or any(p.dep_ in ("ccomp", "xcomp") for p in parts)):
        return None
    first = parts[0]
    start = first.left_edge.i
    if first.dep_ == "prep" and first.i == start and first.lower_ in CUE_PARTICLES:
        start += 1  # "called for a ban": the preposition belongs to the cue
    end = min(max(p.right_edge.i for p in parts) + 1, sent.end)
    content = _trim(sent.doc, max(start, sent.start), end)
    if content is None or not any(t.is_alpha and not t.is_stop for t in content):
        return None
    return content


def _credits_previous(verb: Token, lemma: str, object_: Token | None, passive: bool) -> bool:
    """True when a content-less cue credits the previous sentence ("Reuters reports this")."""
    if lemma not in _BACKWARD_CUES:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "the army did not confirm": not a credit
    if passive:
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return patient is None or patient.lower_ in _DEMONSTRATIVE
    if object_ is not None and lemma not in _CITING:
        return object_.lower_ in _DEMONSTRATIVE
    return lemma in ("report", "confirm", "cite", "quote") or object_ is not None


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
            if not inner.clausal or inner.anchor.lemma_ in _CLAUSE_ONLY_CUES or inner.anchor.lemma_ in ATTITUDE_LEMMAS:
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


# --- small token helpers ----------------------------------------------------------------------


def _is_as_saying(verb: Token) -> bool:
    """ "cited a source as saying": the participle belongs to the citing verb's frame."""
    head = verb.head
    return verb.dep_ in ("pcomp", "pobj") and head.lower_ == "as" and head.head.pos_ == "VERB"


def _agent_of(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _subject_of(verb: Token) -> Token | None:
    """The subject a conjoined cue verb shares: "The army said ... and added that ..."."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ not in ("conj", "ccomp", "advcl", "xcomp"):
            return subject
        if verb.dep_ == "ccomp" and not _is_cue(verb.head):
            return None
        # the parser often hangs "and added" on the first verb's complement clause
        verb = verb.head
    return None


def _attitude_only(cue: Token) -> bool:
    """True for a verb of wanting, judging or seeing ("see", "want"), not of saying."""
    lemma = cue.lemma_
    return cue.pos_ in ("VERB", "AUX") and lemma in ATTITUDE_LEMMAS and lemma not in CUE_LEMMAS \
        and lemma not in _CLAUSE_ONLY_CUES


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_
    return lemma in CUE_LEMMAS or lemma in _CLAUSE_ONLY_CUES or lemma in ATTITUDE_LEMMAS or lemma in QUOTE_ONLY_LEMMAS


def _clause_range(clause: Token) -> tuple[int, int]:
    """The complement clause, cut before a conjoined cue verb that starts a frame of its own."""
    end = clause.right_edge.i + 1
    for child in clause.rights:
        if child.dep_ == "conj" and _is_cue(child) and any(g.dep_ == "ccomp" for g in child.children):
            end = child.left_edge.i
            break
    return clause.left_edge.i, end


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
