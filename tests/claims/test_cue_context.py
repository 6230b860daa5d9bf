"""Contextual vectors of candidate cue verbs from the shipped MiniLM (claims.cue_context)."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def encoder():
    from consilience.claims.cue_context import load_context_encoder

    return load_context_encoder((4,))


@pytest.mark.slow
def test_cue_context_vectors_depend_on_the_sentence(nlp, encoder):
    doc = nlp("The senator said the bill would pass. The river said nothing at all. The senator said the bill would pass.")
    said = [t.i for t in doc if t.text == "said"]
    vectors = encoder.token_vectors(doc, said)
    assert vectors.shape == (3, 1, 384)
    assert np.abs(vectors).sum(axis=(1, 2)).min() > 0
    # same words around it, same vector; another subject, another vector
    assert np.allclose(vectors[0], vectors[2], atol=1e-4)
    assert not np.allclose(vectors[0], vectors[1], atol=1e-2)


@pytest.mark.slow
def test_cue_context_averages_a_verbs_word_pieces(nlp, encoder):
    # a rare verb split into several word pieces still gets one vector
    doc = nlp("The governor pooh-poohed the report.")
    verb = next(t.i for t in doc if t.pos_ == "VERB")
    assert np.abs(encoder.token_vectors(doc, [verb])).sum() > 0
    assert encoder.token_vectors(doc, []).shape == (0, 1, 384)


@pytest.mark.slow
def test_cue_context_shipped_model_binds_and_scores_a_document(nlp):
    from consilience.claims.cue_model import load_cue_model

    model = load_cue_model()
    doc = nlp("The senator said the bill would pass. Workers repaired the road on Monday.")
    bound = model.for_document(doc)
    said = next(t for t in doc if t.text == "said")
    repaired = next(t for t in doc if t.text == "repaired")
    assert bound.probability(said, []) > model.threshold > bound.probability(repaired, [])
    assert bound.for_document(doc) is bound
