"""Frames around reporting verbs: source, cue, content and hedges from a cue verb's dependents (claims)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cue_words import ATTITUDE_LEMMAS, CUE_PARTICLES, QUOTE_ONLY_LEMMAS
from .frame_spans import _cut, _extend_chain, _rest_of
from .frame_types import (
    _CITING,
    _CLAUSE_ONLY_CUES,
    _FIRST_PERSON,
    CUE_LEMMAS,
    DEFAULT_OPTIONS,
    _Frame,
    _is_cue,
    _Options,
    find_hedges,
)
from .origins import normalize_origin
from .quotes import _adjacent_quote, _inside, _quote_after_colon, _quoted_tokens, _trim
from .sources import _MEDIA_KINDS, _names_a_source, _source_span

# Verbs whose direct object can be the content: "the ministry confirmed the deaths of 20 soldiers".
_OBJECT_CONTENT = frozenset({"report", "announce", "confirm", "deny", "claim", "admit", "show", "state", "allege"})
# Verbs that, with nothing to credit in their own sentence, credit the previous one ("Reuters reports").
_BACKWARD_CUES = frozenset({"report", "confirm", "cite", "quote", "say", "announce", "state", "write", "claim", "deny"})
_CLAIM_HEDGES = {"claim": "claimed", "allege": "alleged"}
_EVIDENCE = frozenset({
    "footage", "video", "image", "photo", "photograph", "picture", "document", "recording", "clip",
    "imagery", "letter", "map", "screenshot",
})
# Things that carry a message of their own: "a tweet attacking Machado", "an ad questioning her record".
_MESSAGES = frozenset({"tweet", "ad", "advertisement", "statement", "sign", "message", "post", "email", "memo",
                       "release", "poll", "survey", "study", "report", "paper", "editorial", "op-ed", "speech"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
# Phrases that share the speaker of the verb above them: "was slow [to embrace]", "an opportunity [to remind]",
# "[and encourage]"; and the links climbed through on the way up to that verb (prepositions, nouns, adjectives).
_GOVERNED_DEPS = frozenset({"xcomp", "acl", "conj"})
_GOVERNING_LINKS = frozenset({"prep", "pobj", "dobj", "acomp", "pcomp"})
_EXPLETIVES = frozenset({"it", "there"})
_CLIMB_STEPS = 6
# "As improbable as it may seem, X said ...": a verb of appearance in an as-clause credits no one.
_APPEARANCE = frozenset({"seem", "appear", "look", "sound"})
_DEMONSTRATIVE = frozenset({"this", "that", "it", "so", "these", "those"})
# Dependents of an attitude verb that hold its content: "wants [to build a wall]", "called [for a ban]".
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "prt"})
# Prepositions that introduce what an attitude verb is about ("called for", "spoke about", "railed against").
_CONTENT_PREPOSITIONS = frozenset({"for", "about", "on", "of", "to", "against", "as", "over", "toward", "towards",
                                   "with", "out", "up"})


def _verb_frame(verb: Token, sent: Span, quotes: list[tuple[int, int]], consumed: set[int],
                options: _Options = DEFAULT_OPTIONS, learned: bool = False) -> _Frame | None:
    """A frame around a reporting verb, or None when it credits no one ("is said to", "we said").

    A `learned` cue (proposed by the cue model, named by no word list) is read as an attitude verb.
    """
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
    elif options.sourceless and verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.i < verb.head.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        links = []  # "Asked about the bomb, Clinton said ...": a question put by no one named
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
        if subject is None and verb.dep_ == "conj" and _is_reported_clause(verb.head) and _is_cue(verb.head.head) \
                and (not _is_cue(verb.head) or verb.tag_ == verb.head.head.tag_ != verb.head.tag_):
            # "May said that the country would leave and suggested ...": the parser hangs the second
            # cue on the reported clause; the speaker is the one who said it (a cue in that clause
            # keeps its own subject unless the tenses say otherwise: "Machado promised ... and said")
            subject = _subject_of(verb.head.head)
        elif subject is None and (verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"))):
            subject = _subject_of(verb.head)  # "said ... and added that ...", "said X, adding that ..."
        elif subject is None and verb.tag_ == "VB" and verb.dep_ == "advcl" and options.attitude_objects:
            subject = _subject_of(verb.head)  # "leaders gathered to discuss the crisis"
        elif subject is None and verb.tag_ == "VB" and verb.dep_ == "xcomp" and options.attitude_objects \
                and not _is_cue(verb.head):
            # "forced Stumpf to admit ...", "took to Twitter to accuse ...": the controller speaks
            subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None) or _subject_of(verb.head)
        elif subject is None and verb.tag_ == "VBG" and verb.dep_ == "acl" and options.attitude_objects \
                and (_names_a_source(verb.head) or verb.head.lemma_ in _EVIDENCE or verb.head.lemma_ in _MESSAGES):
            subject = verb.head  # "a tweet attacking Machado", "signs saying ...": the noun speaks
        elif subject is None and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            subject = _subject_of(verb.head.head)  # "responded by saying ...", "after saying ..."
            if subject is None and verb.head.i == verb.head.head.left_edge.i and options.attitude_objects:
                # "After saying her foot was swollen, she was whisked off": the passive subject said it
                subject = next((c for c in verb.head.head.children if c.dep_ == "nsubjpass"), None)
        if subject is None and options.attitude_objects and verb.dep_ in _GOVERNED_DEPS:
            # "was slow to embrace", "missed an opportunity to remind": the speaker is the subject
            # of the verb that governs the phrase
            subject = _governing_subject(verb, quotes)
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
                                                                    options.attitude_objects, learned)
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
    return _Frame(links, cue, content, hedges, clausal, learned)


def _content_of(verb: Token, lemma: str, sent: Span, quotes: list[tuple[int, int]], consumed: set[int],
                attitude_objects: bool, learned: bool = False) -> Span | None:
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
    # a parse run over a paragraph break can hang the next paragraph's clause here: not this cue's
    clauses = [c for c in children if c.dep_ == "ccomp" and sent.start <= c.i < sent.end]
    clause = next((c for c in clauses if c.i > head.i), clauses[0] if clauses else None)
    if clause is None and lemma in ("claim", "deny", "admit", "allege", "confirm", "promise", "vow", "pledge"):
        clause = next((c for c in children if c.dep_ == "xcomp"), None)  # "claimed to have seized"
    if clause is None and lemma in CUE_LEMMAS:
        # "economists say taxing consumption encourages savings": the parser hangs the clause on a gerund
        clause = next((c for c in children if c.dep_ == "xcomp" and c.i > head.i and c.tag_ == "VBG"), None)
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
    if quoted is None and lemma not in _APPEARANCE and (verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in children)
            # "as they sought answers" is a time clause with its own object, not "as advisers noted"
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in children))):
        # "That is why, he argued, the party should be ready", "as advisers pointed out, ..."; but
        # "It is unlikely; her team says she will return": what the cue governs is its own content
        right = _trim(sent.doc, verb.i + 1, verb.right_edge.i + 1)
        if right is not None and len(right) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in right):
            return right
        return _rest_of(sent, verb.left_edge.i, verb.right_edge.i + 1)
    if (lemma in ATTITUDE_LEMMAS or learned) and lemma not in CUE_LEMMAS and lemma not in _CLAUSE_ONLY_CUES:
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


def _is_reported_clause(verb: Token) -> bool:
    """True for the clause a cue reports: its complement, or a that-clause the parser hung as an adverbial."""
    return verb.dep_ == "ccomp" or (verb.dep_ == "advcl" and any(c.lower_ == "that" and c.i < verb.i
                                                                 for c in verb.children))


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


def _governing_subject(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The subject of the nearest verb above `verb` across phrases that share it, or None.

    Climbs through complements, conjuncts, infinitive phrases, prepositions and the nouns and
    adjectives they hang on ("was able to tout", "took to Twitter to accuse ... and encourage");
    stops at a relative or complement clause, which has a subject of its own.
    """
    if verb.dep_ not in _GOVERNED_DEPS or (verb.dep_ == "acl" and verb.tag_ != "VB"):
        return None  # "anyone wanting to borrow", "queries seeking ...": the noun is the subject
    current = verb
    for _ in range(_CLIMB_STEPS):
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            subjects = [c for c in current.children if c.dep_ == "nsubj" and not _inside(quotes, c.idx)]
            if subjects:
                # "It is worth noting": an expletive subject speaks for no one
                return subjects[-1] if subjects[-1].lower_ not in _EXPLETIVES else None
        if current.dep_ not in _GOVERNED_DEPS and current.dep_ not in _GOVERNING_LINKS:
            return None  # a relative or complement clause has a subject of its own
    return None


def _clause_range(clause: Token) -> tuple[int, int]:
    """The complement clause, cut before a conjoined cue verb that starts a frame of its own."""
    end = clause.right_edge.i + 1
    for child in clause.rights:
        if child.dep_ == "conj" and _is_cue(child) and any(g.dep_ == "ccomp" for g in child.children):
            end = child.left_edge.i
            break
    return clause.left_edge.i, end



# Dependents to the right of a cue that are not what it credits: "said [Monday]", "[and] left".
_NOT_CONTENT = frozenset({"punct", "cc", "conj", "advmod", "npadvmod", "nsubj", "mark", "dep", "appos"})


def _fallback_frame(verb: Token, sent: Span, quotes: list[tuple[int, int]]) -> _Frame | None:
    """A frame for a verb the cue model is sure of but no rule reads ("responded by using ...").

    The source is the verb's subject or the nearest one governing it; the content is what the verb
    governs to its right, else an adjacent quotation.
    """
    if _is_as_saying(verb):
        return None
    subject = _nearest_subject(verb, quotes)
    parts = [c for c in verb.rights if c.dep_ not in _NOT_CONTENT and not c.is_space]
    content = None
    if parts:
        start = parts[0].left_edge.i
        if parts[0].dep_ in ("prep", "prt") and parts[0].i == start and parts[0].lower_ in CUE_PARTICLES:
            start += 1  # "went on about": the particle belongs to the cue
        content = _trim(sent.doc, max(start, sent.start), min(max(p.right_edge.i for p in parts) + 1, sent.end))
    if content is None:
        content = _adjacent_quote(verb, subject, sent, quotes)
    if content is None or not any(t.is_alpha for t in content):
        return None
    links = [(subject, verb)] if subject is not None and sent.start <= subject.i < sent.end else []
    return _Frame(links, [verb], content, [], True, True)


def _nearest_subject(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The verb's own subject or agent, else that of the verb it hangs on ("before asking", "and encourage")."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj" and not _inside(quotes, c.idx)]
        if subjects:
            return subjects[-1]
        agent = _agent_of(current)
        if agent is not None:
            return agent
        if current.dep_ == "acl" and current.tag_ == "VBG":
            return current.head  # "a tweet attacking Machado": the noun speaks
        if current.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "ccomp", "prep"):
            return None
        current = current.head
    return None
