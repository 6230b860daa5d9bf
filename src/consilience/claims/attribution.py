"""Who said what: attribution frames (source chain, cue, content, hedges) per sentence (claims).

A frame is found from a cue (a reporting verb, "according to", footage that "shows") and the
dependency parse around it: the cue's subject is the source, its clausal complement the content.
Chains ("officials told Reuters", "cites Reuters, which cites the army") are read outermost first.
A sentence that only credits what came before ("This is reported by Reuters") yields a frame with
`applies_to_previous=True` whose content is the previous sentence. Everything is rule-based over
the spaCy parse so it costs well under a millisecond per sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import Attribution
from .cue_words import ATTITUDE_LEMMAS, CUE_PARTICLES, QUOTE_ONLY_LEMMAS
from .origins import is_media_noun, normalize_origin

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
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_MEDIA_KINDS = frozenset({"wire", "broadcaster", "outlet"})
_HEDGE_WORDS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "unconfirmed"})
_HEDGE_MODALS = frozenset({"may", "might", "could"})
_SOURCE_RIGHT_DEPS = frozenset({"prep", "compound", "amod", "nummod", "nmod", "poss", "flat", "case", "cc", "conj"})
_TRIM = frozenset({"that", "and", "but", ",", ".", ";", ":", "-", "--", "—", "–", '"', "“", "”", "'", "’", "‘",
                   "''", "``"})
_QUOTE_MARKS = ('"', "“", "”", "``", "''")
# Dependents of an attitude verb that hold its content: "wants [to build a wall]", "called [for a ban]".
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "prt"})
# Pronoun antecedents are looked for in the same sentence and this many before it.
_ANTECEDENT_WINDOW = 2
# "OK Gov Fallin: Trump is trying": at most this many words stand before a headline colon.
_HEADLINE_SOURCE_WORDS = 6
# '"We need a change." ― Maria Lopez': a dash and a short name after a quotation credit it.
_BYLINE_DASHES = ("―", "—")
_BYLINE_WORDS = 6


@dataclass
class Attributed:
    """Content credited to a chain of sources, as character offsets into doc.text."""

    content_start: int
    content_end: int
    chain: list[Attribution]  # outermost first
    hedges: list[str] = field(default_factory=list)
    cue_start: int | None = None
    cue_end: int | None = None
    applies_to_previous: bool = False


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


@dataclass
class _Candidate:
    """A possible antecedent for a pronoun or a generic "the outlet"."""

    start: int
    end: int
    text: str
    label: str
    attribution: Attribution | None = None


def attribute_document(doc: Doc, *, resolve_pronouns: bool = True,
                       attitude_objects: bool = False) -> list[list[Attributed]]:
    """One list of attribution frames per sentence of `doc`; [] where the report speaks itself.

    `resolve_pronouns=False` keeps "he"/"they" as written instead of crediting the antecedent.
    `attitude_objects=True` also credits a plain noun object of an attitude verb ("criticized the
    deal", "endorsed Cruz"), as PolNeAR does; off by default because "rebels attacked the town" is
    an event to check, not something the rebels said.
    """
    if len(doc) == 0:
        return []
    # Token objects are slow to create, so the cue search runs on the attribute array and only
    # the few cue tokens are materialised (this keeps a 600-word report within a few ms).
    array = doc.to_array([LEMMA, LOWER, POS, SENT_START, IS_SPACE])
    parsed_starts = numpy.flatnonzero(array[:, 3] == 1).tolist()
    if not parsed_starts or parsed_starts[0] != 0:
        parsed_starts.insert(0, 0)
    starts = _split_paragraphs(doc, parsed_starts, numpy.flatnonzero(array[:, 4]).tolist())
    bounds = starts + [len(doc)]
    sentences = [doc[bounds[k]:bounds[k + 1]] for k in range(len(starts))]
    lemmas, lowers, pos = _cue_hashes()
    is_cue = numpy.isin(array[:, 0], lemmas) & numpy.isin(array[:, 2], pos)
    is_cue |= numpy.isin(array[:, 1], lowers)
    # a colon close to the start of a sentence: the headline form "Poll: Trump leads in Ohio"
    colons = numpy.flatnonzero(array[:, 1] == get_string_id(":")).tolist()
    is_cue[[i for i in colons if i - starts[bisect.bisect_right(starts, i) - 1] <= _HEADLINE_SOURCE_WORDS]] = True
    cues_by_sentence: dict[int, list[int]] = {}
    for i in numpy.flatnonzero(is_cue).tolist():
        cues_by_sentence.setdefault(bisect.bisect_right(starts, i) - 1, []).append(i)
    marks = numpy.flatnonzero(numpy.isin(array[:, 1], _quote_hashes())).tolist()
    quotes = _find_quotes(doc, marks, numpy.flatnonzero(array[:, 4]).tolist()) if marks else []
    context = _Context(sentences, quotes, resolve_pronouns)
    for index, sent in enumerate(sentences):
        attributed = []
        if index in cues_by_sentence:
            for frame in _frames_in_sentence(sent, [doc[i] for i in cues_by_sentence[index]], quotes,
                                             attitude_objects, resolve_pronouns):
                item = _to_attributed(frame, index, context)
                if item is not None:
                    attributed.append(item)
        context.done.append(attributed)
    return _per_parsed_sentence(context.done, starts, parsed_starts)


def _split_paragraphs(doc: Doc, starts: list[int], spaces: list[int]) -> list[int]:
    """Sentence starts with one added after every line break the parser ran over.

    The small parser often joins a paragraph that ends without a full stop (a headline, a quote
    closed by '') to the next one, which then loses its own reporting verb.
    """
    extra = [i + 1 for i in spaces if i + 1 < len(doc) and "\n" in doc[i].text]
    if not extra:
        return starts
    return sorted(set(starts) | set(extra))


def _per_parsed_sentence(done: list[list[Attributed]], starts: list[int],
                         parsed_starts: list[int]) -> list[list[Attributed]]:
    """Frames of the paragraph-split sentences regrouped under the parser's sentences.

    A frame crediting the previous piece of the same parsed sentence becomes a forward frame, since
    callers read `applies_to_previous` against the parser's sentences.
    """
    if len(starts) == len(parsed_starts):
        return done
    grouped: list[list[Attributed]] = [[] for _ in parsed_starts]
    owner_of_previous = -1
    for index, frames in enumerate(done):
        owner = bisect.bisect_right(parsed_starts, starts[index]) - 1
        for frame in frames:
            if frame.applies_to_previous and owner_of_previous == owner:
                frame.applies_to_previous = False
            grouped[owner].append(frame)
        owner_of_previous = owner
    return grouped


@dataclass
class _Context:
    """Document-wide state while frames are turned into Attributed, sentence by sentence."""

    sentences: list[Span]
    quotes: list[tuple[int, int]]
    resolve_pronouns: bool
    done: list[list[Attributed]] = field(default_factory=list)
    _ents: list[list[Span]] | None = None
    _plural_subjects: list[list[Token]] | None = None
    _hedge_marks: list[int] | None = None

    def hedges_in(self, span: Span) -> list[str]:
        """Hedge markers inside `span`, found from a per-document index of candidate words."""
        if self._hedge_marks is None:
            doc = self.sentences[0].doc
            array = doc.to_array([LOWER, LEMMA])
            words = [get_string_id(w) for w in _HEDGE_WORDS | _HEDGE_MODALS]
            hits = numpy.isin(array[:, 0], words) | (array[:, 1] == get_string_id("say"))
            self._hedge_marks = numpy.flatnonzero(hits).tolist()
        doc = span.doc
        first = bisect.bisect_left(self._hedge_marks, span.start)
        last = bisect.bisect_left(self._hedge_marks, span.end)
        return find_hedges(doc[i] for i in self._hedge_marks[first:last])

    def ents_in(self, index: int) -> list[Span]:
        """Named entities of sentence `index` (computed once, only if a pronoun needs them)."""
        if self._ents is None:
            self._ents = [[] for _ in self.sentences]
            starts = [s.start for s in self.sentences]
            for ent in self.sentences[0].doc.ents:
                self._ents[bisect.bisect_right(starts, ent.start) - 1].append(ent)
        return self._ents[index]

    def plural_subjects(self, index: int) -> list[Token]:
        """Plural common-noun subjects of sentence `index` ("Officials met ... They said")."""
        if self._plural_subjects is None:
            doc = self.sentences[0].doc
            array = doc.to_array([TAG, DEP])
            hits = numpy.flatnonzero((array[:, 0] == get_string_id("NNS")) & (array[:, 1] == get_string_id("nsubj")))
            starts = [s.start for s in self.sentences]
            self._plural_subjects = [[] for _ in self.sentences]
            for i in hits.tolist():
                self._plural_subjects[bisect.bisect_right(starts, i) - 1].append(doc[i])
        return self._plural_subjects[index]


@lru_cache(maxsize=1)
def _cue_hashes() -> tuple[list[int], list[int], list[int]]:
    """String hashes of cue lemmas, of "according" and byline dashes, and the VERB/AUX part-of-speech ids."""
    lemmas = [get_string_id(w) for w in CUE_LEMMAS | _CLAUSE_ONLY_CUES | ATTITUDE_LEMMAS | QUOTE_ONLY_LEMMAS]
    lowers = [get_string_id(w) for w in ("according", *_BYLINE_DASHES)]
    return lemmas, lowers, [POS_IDS["VERB"], POS_IDS["AUX"]]


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
                        attitude_objects: bool = False, resolve_pronouns: bool = True) -> list[_Frame]:
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
        elif tok.pos_ in ("VERB", "AUX") and _is_cue(tok):
            frame = _verb_frame(tok, sent, quotes, consumed, attitude_objects, resolve_pronouns)
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
    if not heads:
        return None
    content = _trim(sent.doc, colon.i + 1, sent.end)
    if content is None or sum(t.is_alpha for t in content) < 3:
        return None
    return _Frame([(heads[-1], colon)], [colon], content, [])


def _byline_frame(dash: Token, quotes: list[tuple[int, int]]) -> _Frame | None:
    """ '"We need a change." ― Maria Lopez': a quotation, a dash and a name that ends the line."""
    doc = dash.doc
    position = bisect.bisect_right(quotes, (dash.idx, 0)) - 1
    if position < 0 or not 0 <= dash.idx - quotes[position][1] <= 3:
        return None
    end = dash.i + 1
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text) and "\n" not in doc[end].whitespace_:
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
                attitude_objects: bool = False, resolve_pronouns: bool = True) -> _Frame | None:
    """A frame around a reporting verb, or None when it credits no one ("is said to", "we said")."""
    lemma = verb.lemma_
    if _is_as_saying(verb):
        return None  # read by the citing verb that governs it
    children = list(verb.children)
    agent = _agent_of(verb)
    # "as reported by X" has no passive auxiliary, only the participle and its agent
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (agent is not None and verb.tag_ == "VBN")
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    object_ = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    links: list[tuple[Token, Token]]
    if lemma == "show" and subject is not None and subject.lemma_ in _EVIDENCE:
        # footage speaks for whoever released it; unreleased images credit no one
        releaser = next((_agent_of(c) for c in subject.children if c.dep_ == "acl" and _agent_of(c) is not None), None)
        if releaser is None:
            return None
        links = [(releaser, verb)]
    elif passive:
        patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if lemma in _CITING and patient is not None and patient.lower_ not in _DEMONSTRATIVE:
            links = ([(agent, verb)] if agent is not None else []) + [(patient, verb)]  # "X is quoted as saying"
        elif agent is not None:
            links = [(agent, verb)]
        else:
            return None  # "it was reported that", "he is said to": a hedge, not a source
    else:
        if subject is None and (verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"))):
            subject = _subject_of(verb.head)  # "said ... and added that ...", "said X, adding that ..."
        elif subject is None and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            subject = _subject_of(verb.head.head)  # "responded by saying ...", "after saying ..."
        if subject is None or subject.lower_ in _FIRST_PERSON or not sent.start <= subject.i < sent.end:
            return None
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" and resolve_pronouns:
            subject = verb.head  # "Reuters, which said ..." (PolNeAR marks "which" itself)
        links = [(subject, verb)]
        if lemma in _CITING and object_ is not None:
            links.append((object_, verb))  # "X cites Y"
        elif lemma == "tell" and object_ is not None and normalize_origin(_source_span(object_).text)[1] in _MEDIA_KINDS:
            links.insert(0, (object_, verb))  # "officials told Reuters": Reuters relays the officials
    citing = _extend_chain(links, consumed, verb)
    content = _content_of(verb, lemma, sent, quotes, consumed, attitude_objects)
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
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    if clause is None and lemma in ("claim", "deny", "admit", "allege", "confirm", "promise", "vow", "pledge"):
        clause = next((c for c in children if c.dep_ == "xcomp"), None)  # "claimed to have seized"
    if clause is not None and not sent.start <= clause.i < sent.end:
        clause = None  # a parse run over a paragraph break: the clause is another paragraph's
    quoted = _quoted_tokens(sent, quotes, clause or verb)
    if clause is not None:
        start, end = _clause_range(clause)
        if quoted is not None and quoted.start - 1 <= start < quoted.end:
            return quoted  # the complement starts inside the quotation: the quotation is the content
        return _trim(sent.doc, max(start, sent.start), min(end, sent.end))
    if lemma in ATTITUDE_LEMMAS and lemma not in CUE_LEMMAS and lemma not in _CLAUSE_ONLY_CUES:
        # 'described the capture as "a victory"': a quotation inside the complement is not all of it
        return _right_complement(head, sent, attitude_objects)
    if quoted is not None:
        return quoted
    if lemma in QUOTE_ONLY_LEMMAS:
        return None
    if lemma in ATTITUDE_LEMMAS:
        return _right_complement(head, sent, attitude_objects)
    if lemma in _CLAUSE_ONLY_CUES:
        return None
    object_ = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in _OBJECT_CONTENT and object_ is not None and object_.lower_ not in _DEMONSTRATIVE:
        return _trim(sent.doc, object_.left_edge.i, object_.right_edge.i + 1)
    if lemma == "accuse" and object_ is not None:
        of = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of"), None)
        end = of.right_edge.i if of is not None else object_.right_edge.i
        return _trim(sent.doc, object_.left_edge.i, end + 1)
    if verb.dep_ != "ROOT" and verb.dep_ not in ("conj", "relcl"):
        # A parenthetical cue ("as reported by X", "Rebels, the army said, entered"): the rest is content.
        return _rest_of(sent, verb.left_edge.i, verb.right_edge.i + 1)
    return None


def _right_complement(verb: Token, sent: Span, objects: bool) -> Span | None:
    """What follows an attitude verb as its complement: "wants [to build a wall]", "called for [a ban]".

    Without `objects`, only a clause or infinitive counts, not a bare noun object.
    """
    parts = [c for c in verb.rights if c.dep_ in _COMPLEMENT_DEPS]
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
                if cited is not None and cited.i not in seen:
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
        if outer.content is None:
            continue
        for j, inner in enumerate(frames):
            if i == j or j in dropped or inner.content is None or \
                    not outer.content.start <= inner.anchor.i < outer.content.end:
                continue
            if inner.links[0][0].i == outer.links[-1][0].i and inner.clausal and inner.anchor.lemma_ in CUE_LEMMAS:
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


# --- turning frames into Attributed -----------------------------------------------------------


def _to_attributed(frame: _Frame, index: int, context: _Context) -> Attributed | None:
    chain: list[Attribution] = []
    for position, (source, cue) in enumerate(frame.links):
        link = _attribution_for(source, cue, index, context, chain)
        if link is None:
            if position < len(frame.links) - 1:
                continue  # "The outlet cites Reuters": the report's own outlet adds no link
            link = _plain_attribution(source, cue)
        chain.append(link)
    chain = [a for k, a in enumerate(chain) if k == 0 or a.origin != chain[k - 1].origin]
    cue_start = frame.cue[0].idx
    cue_end = frame.cue[-1].idx + len(frame.cue[-1].text)
    if frame.content is None:
        if index == 0:
            return None
        previous = context.sentences[index - 1]
        content = _trim(previous.doc, previous.start, previous.end) or previous
        hedges = list(dict.fromkeys(frame.hedges + context.hedges_in(content)))
        return Attributed(content.start_char, content.end_char, chain, hedges, cue_start, cue_end,
                          applies_to_previous=True)
    hedges = list(dict.fromkeys(frame.hedges + context.hedges_in(frame.content)))
    return Attributed(frame.content.start_char, frame.content.end_char, chain, hedges, cue_start, cue_end)


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


# --- small token helpers ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _quote_hashes() -> list[int]:
    return [get_string_id(mark) for mark in _QUOTE_MARKS]


def _find_quotes(doc: Doc, marks: list[int], spaces: list[int]) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, from the quote-mark tokens at `marks`.

    A quotation never runs over a paragraph break: journalists leave a quote open at the end of
    a paragraph, and one stray mark (markup, an inch sign) must not flip the rest of the text.
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    opened_at = 0
    for i in marks:
        mark = doc[i]
        text = mark.text
        if opened is not None and _paragraph_between(doc, spaces, opened_at, i):
            opened = None
        if opened is None and text != "”":
            opened, opened_at = mark.idx + len(text), i
        elif opened is not None and text != "“":
            regions.append((opened, mark.idx))
            opened = None
    return regions


def _paragraph_between(doc: Doc, spaces: list[int], start: int, end: int) -> bool:
    """True when a whitespace token holding a line break lies between token indexes start and end."""
    first = bisect.bisect_right(spaces, start)
    last = bisect.bisect_left(spaces, end)
    return any("\n" in doc[i].text for i in spaces[first:last])


def _region(quotes: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The quotation range holding `offset`, if any."""
    position = bisect.bisect_right(quotes, (offset, 10**12)) - 1
    if position >= 0 and quotes[position][0] <= offset < quotes[position][1]:
        return quotes[position]
    return None


def _inside(quotes: list[tuple[int, int]], offset: int) -> bool:
    return _region(quotes, offset) is not None


def _quoted_tokens(sent: Span, quotes: list[tuple[int, int]], anchor: Token) -> Span | None:
    """The quotation of `sent` holding `anchor` (the complement), else the one nearest to it."""
    first = bisect.bisect_left(quotes, (sent.start_char, 0))
    touching = quotes[max(0, first - 1):first + 1]
    if not any(start < sent.end_char and end > sent.start_char for start, end in touching):
        return None
    runs: list[list[Token]] = []
    for tok in sent:
        region = _region(quotes, tok.idx)
        if region is None:
            continue
        if runs and _region(quotes, runs[-1][-1].idx) == region:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    if not runs:
        return None
    best = min(runs, key=lambda run: 0 if run[0].i <= anchor.i <= run[-1].i else
               min(abs(run[0].i - anchor.i), abs(run[-1].i - anchor.i)))
    region = _region(quotes, best[0].idx)
    if region is not None and (region[0] < sent.start_char or region[1] > sent.end_char):
        return _region_span(sent.doc, region)  # a quotation of several sentences is credited whole
    return _trim(sent.doc, best[0].i, best[-1].i + 1)


def _region_span(doc: Doc, region: tuple[int, int]) -> Span | None:
    """The tokens of one quotation range, trimmed."""
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    return _trim(doc, span.start, span.end) if span is not None else None


def _adjacent_quote(verb: Token, subject: Token | None, sent: Span, quotes: list[tuple[int, int]]) -> Span | None:
    """The quotation a bare cue sentence credits: '"We will stay." Clinton said.' or 'He said:' + quote.

    Before: the sentence holds nothing but the source and the cue after the closing mark, and the
    quotation (of one or several sentences) ends right there. After: the sentence ends in a colon
    and the quotation, or else the next paragraph, follows it.
    """
    doc = sent.doc
    first = min(verb.i, subject.left_edge.i) if subject is not None else verb.i
    if all(t.is_punct or t.is_space for t in doc[sent.start:first]):
        position = bisect.bisect_right(quotes, (doc[first].idx, 0)) - 1
        if position >= 0 and sent.start_char - 3 <= quotes[position][1] <= doc[first].idx:
            return _region_span(doc, quotes[position])
    last = sent.end - 1
    while last > sent.start and doc[last].is_space:
        last -= 1
    if doc[last].text != ":" or last + 1 >= len(doc):
        return None
    following = bisect.bisect_left(quotes, (doc[last].idx, 0))
    if following < len(quotes) and quotes[following][0] - doc[last].idx <= 6:
        return _region_span(doc, quotes[following])
    start = last + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1  # the paragraph after the colon
    return _trim(doc, start, end)


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


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    """doc[start:end] without a leading "that"/conjunction/punctuation or trailing punctuation."""
    while start < end and (doc[start].lower_ in _TRIM or doc[start].is_space):
        start += 1
    full_end = end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "but")):
        end -= 1
    if start >= end:
        return None
    closing = next((k for k in range(end, full_end) if doc[k].is_quote), None)
    if closing is not None and sum(doc[k].is_quote for k in range(start, end)) % 2 == 1:
        end = closing + 1  # 'was "a grave mistake."': keep the quotation whole
    return doc[start:end]


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


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    return cue.text

