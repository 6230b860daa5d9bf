"""thinc ops multiplying through numpy: the same products as blis, for every layer of the spaCy model."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.training import Example
from thinc.api import NumpyOps

from consilience.annotate.matmul_ops import MatmulOps, component_models, use_matmul_ops


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_ops_gemm_gives_blis_products(trans1, trans2):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 3) if trans1 else (3, 5)).astype("f")
    y = rng.standard_normal((4, 5) if trans2 else (5, 4)).astype("f")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (3, 4) and got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_matmul_ops_gemm_writes_into_a_given_array():
    x = np.arange(6, dtype="f").reshape(2, 3)
    w = np.ones((4, 3), dtype="f")
    padded = np.full((3, 4), -1.0, dtype="f")  # row 0 stays as it is, as a padding row would
    out = MatmulOps().gemm(x, w, trans2=True, out=padded[1:])
    assert np.shares_memory(out, padded)
    assert padded.tolist() == [[-1.0] * 4, [3.0] * 4, [12.0] * 4]


def _trained_tagger():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    examples = [Example.from_dict(nlp.make_doc(t), {"tags": tags}) for t, tags in
                (("rebels entered Hama", ["N", "V", "N"]), ("troops left Homs", ["N", "V", "N"]))]
    nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples)
    return nlp


def test_use_matmul_ops_changes_every_numpy_layer_and_keeps_the_output():
    nlp = _trained_tagger()
    texts = ["rebels entered Hama", "troops left Homs", "the army entered Aleppo"]
    before = [[t.tag_ for t in doc] for doc in nlp.pipe(texts)]
    changed = use_matmul_ops(nlp)
    assert changed > 0
    layers = [node for model in component_models(nlp) for node in model.walk()]
    assert all(isinstance(node.ops, MatmulOps) for node in layers)
    assert [[t.tag_ for t in doc] for doc in nlp.pipe(texts)] == before
    assert use_matmul_ops(nlp) == 0  # already done: nothing left to change


@pytest.mark.slow
def test_load_nlp_runs_its_models_on_matmul_ops():
    from consilience.annotate.nlp import load_nlp

    nlp = load_nlp()
    models = component_models(nlp)
    assert len(models) >= 4  # tok2vec, tagger, parser, the recogniser's
    assert all(isinstance(node.ops, MatmulOps) for model in models for node in model.walk())
