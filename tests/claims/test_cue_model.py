"""The cue scorer's context stage (claims.cue_model): JSON form, binding to a document, scoring."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from consilience.claims.cue_model import ContextWeights, CueModel, load_cue_model


def _doc():
    # "Trump slammed the deal ." parsed by hand
    return Doc(Vocab(), words=["Trump", "slammed", "the", "deal", "."],
               pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"], heads=[1, 1, 3, 1, 1],
               deps=["nsubj", "ROOT", "det", "dobj", "punct"], lemmas=["Trump", "slam", "the", "deal", "."])


def _context(dimension: int = 3) -> ContextWeights:
    return ContextWeights((4,), np.zeros(dimension, dtype=np.float32), np.ones(dimension, dtype=np.float32),
                          np.array([1.5, -0.5, 0.0], dtype=np.float32)[:dimension], 0.8, -0.25)


def test_cue_model_context_stage_round_trips_through_json(tmp_path):
    model = CueModel({"l=slam": 1.25}, -0.75, 0.4, 0.1, _context())
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    loaded = load_cue_model(path)
    assert loaded == model
    assert loaded.context.layers == (4,)


def test_cue_model_context_logits_are_the_standardised_dot_product():
    context = replace(_context(), mean=np.array([1.0, 1.0, 1.0], dtype=np.float32),
                      scale=np.array([2.0, 2.0, 2.0], dtype=np.float32))
    logits = context.logits(np.array([[3.0, 1.0, 9.0], [1.0, 3.0, 1.0]], dtype=np.float32))
    assert logits.tolist() == pytest.approx([1.5 - 0.25, -0.5 - 0.25])


def test_cue_model_with_context_refuses_an_unbound_document():
    model = CueModel({"l=slam": 1.0}, 0.0, 0.4, context=_context())
    with pytest.raises(ValueError, match="for_document"):
        model.probability(_doc()[1], [])


def test_cue_model_context_logit_moves_the_probability():
    doc = _doc()
    model = CueModel({"l=slam": 1.0}, 0.0, 0.4, context=_context())
    sure = replace(model, document=doc, context_logits={1: 3.0})
    doubtful = replace(model, document=doc, context_logits={1: -3.0})
    assert sure.probability(doc[1], []) > 0.9
    assert doubtful.probability(doc[1], []) < 0.4 < sure.probability(doc[1], [])
    # the sparse logit still counts, scaled by the stage's weight on it
    sparse = model.sparse_logit(doc[1], [])
    expected = 1 / (1 + np.exp(-(0.8 * sparse + 3.0)))
    assert sure.probability(doc[1], []) == pytest.approx(expected)


def test_cue_model_without_context_binds_to_itself():
    model = CueModel({"l=slam": 1.0}, 0.0, 0.4)
    doc = _doc()
    assert model.for_document(doc) is model
    assert model.probability(doc[1], []) == pytest.approx(1 / (1 + np.exp(-1.0)))
