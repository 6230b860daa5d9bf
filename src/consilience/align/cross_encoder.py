"""Optional plug-in: a fine-tuned pair cross-encoder that reads two event mentions side by side.

The shipped pair score compares frozen MiniLM vectors and hand cues; it cannot learn that
"thwart" and "foil" name one act while two "arrests" in one sentence pair are two. A cross-encoder
reads both sentences in one input, triggers marked with brackets, and outputs one logit for "same
event" (the recipe of Held et al. 2021 and of every ECB+ system above 85 CoNLL F1). No such model
ships on PyPI, so this loads a local model directory built by `consilience.align.train_cross_encoder`
(fine-tuned on ECB+ train; a `combination.json` beside the weights holds how its logit joins the
shipped pair score). To keep the cost linear in mentions it scores only candidate pairs: the `k`
best partners of each mention under the shipped first-pass score; other pairs keep that score alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..errors import ConsilienceError
from .coref import REFINE_FEATURES, EventMention, RefineWeights, refine_pairs

COMBINATION_FILE = "combination.json"
# Longest input in word pieces (two ECB+ sentences with markers fit in 160 at the 95th percentile).
MAX_LENGTH = 160


@dataclass
class Combination:
    """How the cross-encoder's logit joins the shipped first-pass score, then the second pass and cut.

    first logit' = first_logit * logit(p_first) + candidate * is_candidate + cross_logit * logit_ce
    (logit_ce counted only for candidate pairs); fitted on pairs the encoder was not trained on.
    """

    first_logit: float
    cross_logit: float
    candidate: float
    intercept: float
    refine: RefineWeights
    threshold: float
    k: int = 10  # candidate partners per mention
    fitted_on: str = ""


def mark_trigger(mention: EventMention) -> str:
    """The mention's sentence with its trigger in brackets: "Police [ arrested ] two men"."""
    start, end = mention.trigger_start, mention.trigger_end
    if start is None or end is None:
        found = mention.sentence.find(mention.trigger)
        start, end = (found, found + len(mention.trigger)) if found >= 0 else (len(mention.sentence),) * 2
    return f"{mention.sentence[:start]}[ {mention.sentence[start:end]} ]{mention.sentence[end:]}"


def candidate_pairs(probability: np.ndarray, k: int) -> list[tuple[int, int]]:
    """Unordered pairs (i < j) where j is among the k most probable partners of i, or i of j."""
    n = probability.shape[0]
    scores = probability.astype(float).copy()
    np.fill_diagonal(scores, -1.0)
    pairs = set()
    for i in range(n):
        for j in np.argsort(-scores[i])[:k]:
            if j != i:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return sorted(pairs)


class PairCrossEncoder:
    """A sequence-pair classifier with one output logit, loaded from a local directory on CPU."""

    def __init__(self, model_dir: str | Path, batch_size: int = 128) -> None:
        path = Path(model_dir)
        if not (path / "config.json").is_file():
            raise ConsilienceError(f"{path}: no config.json, so it is not a cross-encoder model folder. "
                                   "Build one with `python -m consilience.align.train_cross_encoder`.")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder: never reach the hub
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        self.path = path
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModelForSequenceClassification.from_pretrained(str(path)).eval()
        if self.model.config.num_labels != 1:
            raise ConsilienceError(f"{path}: the model has {self.model.config.num_labels} outputs, not 1. "
                                   "Train it with `python -m consilience.align.train_cross_encoder`.")
        self.batch_size = batch_size
        combination = path / COMBINATION_FILE
        self.combination = read_combination(combination) if combination.is_file() else None

    def logits(self, first: Sequence[str], second: Sequence[str]) -> np.ndarray:
        """One logit per text pair; pairs are batched by length so little padding is computed."""
        import torch

        order = sorted(range(len(first)), key=lambda x: len(first[x]) + len(second[x]))
        out = np.zeros(len(first), dtype=np.float64)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start:start + self.batch_size]
                encoded = self.tokenizer([first[x] for x in batch], [second[x] for x in batch], truncation=True,
                                         max_length=MAX_LENGTH, padding=True, return_tensors="pt")
                out[batch] = self.model(**encoded).logits.squeeze(-1).double().numpy()
        return out

    def score_pairs(self, mentions: Sequence[EventMention], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """The symmetric logit of each pair of mentions: the mean of both reading orders."""
        texts = [mark_trigger(m) for m in mentions]
        first = [texts[i] for i, _ in pairs] + [texts[j] for _, j in pairs]
        second = [texts[j] for _, j in pairs] + [texts[i] for i, _ in pairs]
        both = self.logits(first, second)
        return (both[:len(pairs)] + both[len(pairs):]) / 2.0


def cross_matrices(n: int, pairs: Sequence[tuple[int, int]], logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n, n) symmetric matrices of the cross-encoder logits and of the candidate mask."""
    cross, mask = np.zeros((n, n)), np.zeros((n, n))
    for (i, j), value in zip(pairs, logits):
        cross[i, j] = cross[j, i] = value
        mask[i, j] = mask[j, i] = 1.0
    return cross, mask


def combination_features(first: np.ndarray, cross: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(n, n, 3) columns: logit of the first-pass probability, cross logit on candidates, candidate flag."""
    clipped = np.clip(first, 1e-4, 1.0 - 1e-4)
    return np.stack([np.log(clipped / (1.0 - clipped)), cross * mask, mask], axis=-1)


def combined_probability(first: np.ndarray, cross: np.ndarray, mask: np.ndarray, combination: Combination) -> np.ndarray:
    """Pair probabilities with the cross-encoder joined in, after the second pass."""
    weights = np.array([combination.first_logit, combination.cross_logit, combination.candidate])
    logits = combination_features(first, cross, mask) @ weights + combination.intercept
    probability = 1.0 / (1.0 + np.exp(-logits))
    return refine_pairs((probability + probability.T) / 2.0, combination.refine)


def read_combination(path: str | Path) -> Combination:
    """A `Combination` from its JSON file; ConsilienceError naming what is missing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        refine = RefineWeights(**data.pop("refine"))
        combination = Combination(refine=refine, **data)
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise ConsilienceError(f"{path}: not a readable cross-encoder combination ({error}). "
                               "Rebuild it with `python -m consilience.align.train_cross_encoder`.") from None
    unknown = set(combination.refine.coefficients) - set(REFINE_FEATURES)
    if unknown:
        raise ConsilienceError(f"{path}: unknown second-pass features {sorted(unknown)}. Rebuild the combination.")
    return combination


def write_combination(combination: Combination, path: str | Path) -> None:
    """Save a `Combination` as JSON."""
    Path(path).write_text(json.dumps(asdict(combination), indent=2) + "\n", encoding="utf-8")
