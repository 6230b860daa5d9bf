"""Who said what: attribution frames (source chain, cue, content, hedges) per sentence (claims).

A frame is found from a cue (a reporting verb, "according to", footage that "shows") and the
dependency parse around it: the cue's subject is the source, its clausal complement the content.
Chains ("officials told Reuters", "cites Reuters, which cites the army") are read outermost first.
A sentence that only credits what came before ("This is reported by Reuters") yields a frame with
`applies_to_previous=True` whose content is the previous sentence. A bare cue next to a quotation
('"We stay. We fight." the mayor said', 'The mayor said:' + quotation) credits the whole quotation;
noun cues ("the army's claim that ...") and byline dashes ('"..." ― Maria Lopez') are read too.
Everything is rule-based over the spaCy parse so it costs well under a millisecond per sentence.
This module walks the document and assembles frames; `frames` finds them in a sentence, `quotes`
reads quotations and `sources` resolves source phrases and pronouns.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..model import Attribution
from .cue_model import CueModel
from .cue_words import ATTITUDE_LEMMAS, NOUN_CUE_LEMMAS, QUOTE_ONLY_LEMMAS
from .frames import (
    _BYLINE_DASHES,
    _CLAUSE_ONLY_CUES,
    _HEDGE_MODALS,
    _HEDGE_WORDS,
    CUE_LEMMAS,
    _Frame,
    _frames_in_sentence,
    _Options,
    find_hedges,
)
from .quotes import _find_quotes, _quote_hashes, _trim
from .sources import _attribution_for, _plain_attribution

# "OK Gov Fallin: Trump is trying": at most this many words stand before a headline colon.
_HEADLINE_SOURCE_WORDS = 6


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


def attribute_document(doc: Doc, *, resolve_pronouns: bool = True, attitude_objects: bool = False,
                       sourceless: bool = False, cue_model: CueModel | None = None) -> list[list[Attributed]]:
    """One list of attribution frames per sentence of `doc`; [] where the report speaks itself.

    `resolve_pronouns=False` keeps "he"/"they"/"which" as written instead of crediting the antecedent.
    `attitude_objects=True` also credits a plain noun object of an attitude verb ("criticized the
    deal", "endorsed Cruz") and the subject of a passive one ("was first reported by the Post"), as
    PolNeAR does; off by default because "rebels attacked the town" is an event to check, not
    something the rebels said. `sourceless=True` also returns frames that name no one ("it was
    reported that ...", "video shows ...") with an empty chain, as PolNeAR annotates them; off by
    default because to the pipeline "it was reported" is a hedge on the sentence, not a source.
    `cue_model` also reads as cues the verbs it scores above its threshold (`claims.cue_model`).
    """
    options = _Options(resolve_pronouns, attitude_objects, sourceless, cue_model)
    if len(doc) == 0:
        return []
    # Token objects are slow to create, so the cue search runs on the attribute array and only
    # the few cue tokens are materialised (this keeps a 600-word report within a few ms).
    array = doc.to_array([LEMMA, LOWER, POS, SENT_START, IS_SPACE, TAG])
    parsed_starts = numpy.flatnonzero(array[:, 3] == 1).tolist()
    if not parsed_starts or parsed_starts[0] != 0:
        parsed_starts.insert(0, 0)
    starts = _split_paragraphs(doc, parsed_starts, numpy.flatnonzero(array[:, 4]).tolist())
    bounds = starts + [len(doc)]
    sentences = [doc[bounds[k]:bounds[k + 1]] for k in range(len(starts))]
    lemmas, lowers, pos = _cue_hashes()
    is_cue = numpy.isin(array[:, 0], lemmas) & numpy.isin(array[:, 2], pos)
    is_cue |= numpy.isin(array[:, 0], _noun_cue_hashes()) & (array[:, 2] == POS_IDS["NOUN"])
    # "Trump claims that ...": a cue verb the parser read as a plural noun (frames checks the context)
    is_cue |= numpy.isin(array[:, 0], lemmas) & (array[:, 5] == get_string_id("NNS"))
    is_cue |= numpy.isin(array[:, 1], lowers)
    # a colon close to the start of a sentence: the headline form "Poll: Trump leads in Ohio"
    colons = numpy.flatnonzero(array[:, 1] == get_string_id(":")).tolist()
    is_cue[[i for i in colons if i - starts[bisect.bisect_right(starts, i) - 1] <= _HEADLINE_SOURCE_WORDS]] = True
    marks = numpy.flatnonzero(numpy.isin(array[:, 1], _quote_hashes())).tolist()
    quotes = _find_quotes(doc, marks, numpy.flatnonzero(array[:, 4]).tolist()) if marks else []
    learned: frozenset[int] = frozenset()
    if cue_model is not None:
        # the long tail of cues no list names, and listed verbs used in another sense ("see a doctor")
        verbs = numpy.isin(array[:, 2], pos)
        # only a listed verb may be dropped: a byline dash the tagger calls a verb is no verb sense
        droppable = numpy.isin(array[:, 0], lemmas) & verbs
        scores = {i: cue_model.probability(doc[i], quotes) for i in numpy.flatnonzero(verbs).tolist()}
        learned = frozenset(i for i, p in scores.items() if not is_cue[i] and p >= cue_model.threshold)
        dropped = [i for i, p in scores.items() if droppable[i] and p < cue_model.drop_below]
        is_cue[list(learned)] = True
        is_cue[dropped] = False
    cues_by_sentence: dict[int, list[int]] = {}
    for i in numpy.flatnonzero(is_cue).tolist():
        cues_by_sentence.setdefault(bisect.bisect_right(starts, i) - 1, []).append(i)
    context = _Context(sentences, quotes, resolve_pronouns)
    for index, sent in enumerate(sentences):
        attributed = []
        if index in cues_by_sentence:
            for frame in _frames_in_sentence(sent, [doc[i] for i in cues_by_sentence[index]], quotes,
                                             options, learned):
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


@lru_cache(maxsize=1)
def _noun_cue_hashes() -> list[int]:
    return [get_string_id(w) for w in NOUN_CUE_LEMMAS]


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
