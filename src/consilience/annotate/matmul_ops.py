"""thinc's CPU ops with numpy's matrix product in place of blis for the spaCy model's layers.

thinc's `NumpyOps.gemm` multiplies through blis. On the 2-core Xeon this project runs on (AVX-512),
numpy's OpenBLAS does en_core_web_sm's products about twice as fast: 3.1 vs 1.7 ms for one
(1500 x 288) x (288 x 288) product, one thread. Those products are most of the model's
convolutions (tok2vec, and the entity recogniser's own), so the whole model runs about a fifth faster.

A product summed in another order can end a near tie the other way, so these annotations are not
bit-for-bit the stock ones: `python -m consilience.bench nlp-identity` counts the tokens that differ.
"""

from __future__ import annotations

import numpy as np
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    """NumpyOps whose `gemm` is numpy's matmul (OpenBLAS) instead of blis."""

    name = "consilience-matmul"

    def gemm(self, x: np.ndarray, y: np.ndarray, out: np.ndarray | None = None,
             trans1: bool = False, trans2: bool = False) -> np.ndarray:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return np.matmul(a, b)
        np.matmul(a, b, out=out)
        return out


def component_models(nlp) -> list:
    """The thinc models of `nlp`'s components (a wrapped recogniser's too)."""
    models = []
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:  # a stand-in wrapping a stock component (annotate.sentence_ner)
            model = getattr(getattr(component, "ner", None), "model", None)
        if model is not None and hasattr(model, "walk"):
            models.append(model)
    return models


def use_matmul_ops(nlp) -> int:
    """Give every layer of `nlp`'s models MatmulOps (when they run on NumpyOps); the number of layers changed."""
    ops = MatmulOps()
    changed = 0
    for model in component_models(nlp):
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed += 1
    return changed
