"""en_core_web_sm's entity recogniser decoded by spaCy's beam search at width 1: its entities for about half the CPU.

Profiling BASIL (600-1000-word reports) showed the recogniser taking half of en_core_web_sm's
time: about 68 µs a token in its transition loop, against about 21 µs for the dependency parser
(100 reports, 71,337 tokens, one thread).
`perf` puts most of that loop in taking and dropping the GIL: spaCy 3.8's greedy decoder
(`Parser.greedy_parse`) runs with the GIL released, and the NER's 74 BILUO moves are each checked
for validity at every step through state accessors that re-acquire it. The parser does not
suffer: its transition system checks validity per move kind, not per labelled move.

The beam decoder at width 1 keeps the single best valid move at each step, which is the greedy
choice, and runs its steps holding the GIL, in about half the recogniser's CPU. Its scores are the
same sums taken in another order (numpy instead of the decoder's C loop), so a near tie can go the
other way: every token annotation (entities, parse, tags, lemmas) was identical on all 300 BASIL
reports, and on the 2,294 reports of the mixed story stream (ECB+, BASIL, PolNeAR) 3 reports
differ in one entity each (ORG vs FAC twice, one PERSON not found). tests/annotate/test_beam_ner.py
checks hand-written texts against the stock recogniser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch


class BeamOneRecognizer:
    """The stock entity recogniser, decoded with `beam_parse(beam_width=1)` instead of `greedy_parse`."""

    def __init__(self) -> None:
        self.ner = None  # the stock EntityRecognizer, set by bind()

    def bind(self, ner) -> BeamOneRecognizer:
        """Take over the stock recogniser `ner` (ValueError if it is not a greedy transition-based one)."""
        if not hasattr(ner, "beam_parse") or ner.cfg.get("beam_width", 1) != 1:
            raise ValueError(f"not a greedy transition-based recogniser: {type(ner).__name__}")
        self.ner = ner
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        if self.ner is None:
            raise RuntimeError("BeamOneRecognizer used before bind(): build it with install_beam_ner")
        for batch in minibatch(docs, batch_size):
            if any(len(doc) for doc in batch):
                self.ner.set_annotations(batch, self.ner.beam_parse(batch, beam_width=1))
            yield from batch


@Language.factory("consilience_beam_ner")
def make_beam_ner(nlp: Language, name: str) -> BeamOneRecognizer:
    """An unbound width-1 beam recogniser (install_beam_ner binds it to the stock recogniser it replaces)."""
    return BeamOneRecognizer()


def install_beam_ner(nlp: Language) -> bool:
    """Swap the stock `ner` of `nlp` for its width-1 beam decoding; False (nothing changed) if it cannot be."""
    if "ner" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("ner")
    try:
        BeamOneRecognizer().bind(stock)  # check first: anything else keeps the stock component
    except ValueError:
        return False
    nlp.replace_pipe("ner", "consilience_beam_ner").bind(stock)
    return True
