"""Training the cue scorer of `cue_model` on PolNeAR's train split, writing `data/cues.json` (claims).

Every verb of a training article is one example: positive when it heads a gold cue span (the
token of the span whose syntactic head lies outside it), negative when it sits in no cue span.
An article annotated by several annotators gives one set of examples per annotation file (the
parse is shared), so their disagreements weigh in as they are. A logistic regression over the named features of `cue_features` is fitted, features seen fewer
than `min_count` times are dropped and tiny weights pruned so the file stays small. The threshold
is chosen on the dev split (see `evaluate.polnear --cue-threshold`). A second stage is then fitted
over each verb's sparse logit, cross-fitted on five folds of articles so that it sees logits as they
fall on unseen text, and the verb's MiniLM vector (`cue_context`; `--no-context` leaves it out). Run:

    python -m consilience.claims.train_cues --data ../shared/eval/polnear
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from .cue_model import (
    CANDIDATE_POS,
    WEIGHTS_PATH,
    ContextWeights,
    CueModel,
    cue_features,
)
from .quotes import _QUOTE_MARKS, _find_quotes

# Chosen on PolNeAR dev (evaluate.polnear --cue-threshold / --cue-drop-below) for the model with its
# context stage (without it: 0.4 / 0.2); stored with the weights.
DEFAULT_THRESHOLD = 0.45
DEFAULT_DROP_BELOW = 0.25
# Features seen fewer times, and weights smaller than this, are left out: the file stays near 320 KB.
_MIN_COUNT = 3
_PRUNE = 0.15
# Inverse L2 strength (sklearn C), chosen on PolNeAR dev cue average precision: 0.15 0.903, 0.3 0.904,
# 0.5 0.902, 1.0 (minimum count 6) 0.894.
_REGULARIZATION = 0.3
# The context stage: MiniLM layers averaged for a verb's vector, inverse L2 strength, folds of the
# cross-fitted sparse logits (chosen on PolNeAR dev cue average precision, see docs/benchmarks.md).
CONTEXT_LAYERS = (4,)
_CONTEXT_REGULARIZATION = 0.001
_FOLDS = 5


def document_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Quoted character ranges of `doc`, as `attribution` finds them."""
    marks = [t.i for t in doc if t.text in _QUOTE_MARKS]
    spaces = [t.i for t in doc if t.is_space]
    return _find_quotes(doc, marks, spaces) if marks else []


def label_tokens(doc: Doc, cues: Iterable[tuple[int, int]]) -> dict[int, bool]:
    """Candidate verbs of `doc` labelled cue (True) or not (False) from gold cue character spans.

    Tokens inside a cue span that do not head it ("don't" in "don't like") are left out.
    """
    inside: set[int] = set()
    heads: set[int] = set()
    for start, end in cues:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        inside.update(range(span.start, span.end))
        for tok in span:
            if tok.head.i == tok.i or not span.start <= tok.head.i < span.end:
                heads.add(tok.i)
    labels = {}
    for tok in doc:
        if tok.pos_ not in CANDIDATE_POS:
            continue
        if tok.i in heads:
            labels[tok.i] = True
        elif tok.i not in inside:
            labels[tok.i] = False
    return labels


@dataclass
class Examples:
    """Candidate verbs as training rows: named features, labels (True: heads a gold cue), the article
    each row comes from and, for a context stage, each row's contextual vector."""

    features: list[list[str]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)


def training_examples(docs: Sequence[Doc], cue_spans: Sequence[Iterable[tuple[int, int]]],
                      context_layers: tuple[int, ...] | None = None) -> Examples:
    """Features and labels of every candidate verb in `docs`, given each document's gold cue spans.

    The same Doc object given twice (two annotators) is one article: its vectors are computed once.
    """
    examples = Examples()
    articles: dict[int, int] = {}
    vectors: dict[int, dict[int, np.ndarray]] = {}
    for doc, cues in zip(docs, cue_spans, strict=True):
        group = articles.setdefault(id(doc), len(articles))
        quotes = document_quotes(doc)
        labels = label_tokens(doc, cues)
        if context_layers is not None and group not in vectors:
            vectors[group] = _candidate_vectors(doc, context_layers)
        for index, label in labels.items():
            examples.features.append(cue_features(doc[index], quotes))
            examples.labels.append(label)
            examples.groups.append(group)
            if context_layers is not None:
                examples.vectors.append(vectors[group][index])
    return examples


def _candidate_vectors(doc: Doc, layers: tuple[int, ...]) -> dict[int, np.ndarray]:
    """The contextual vector (mean over `layers`) of every candidate verb of `doc`, by token index."""
    from .cue_context import load_context_encoder

    indices = [t.i for t in doc if t.pos_ in CANDIDATE_POS]
    rows = load_context_encoder(layers).token_vectors(doc, indices).mean(axis=1)
    return dict(zip(indices, rows))


def fit_cue_model(examples: Examples, *, regularization: float = _REGULARIZATION, min_count: int = _MIN_COUNT,
                  threshold: float = DEFAULT_THRESHOLD, drop_below: float = DEFAULT_DROP_BELOW,
                  context_layers: tuple[int, ...] | None = None,
                  context_regularization: float = _CONTEXT_REGULARIZATION) -> CueModel:
    """A logistic regression over the named features, as a `CueModel`, with a context stage when
    `context_layers` is given (the examples then carry vectors and at least two articles)."""
    model = _fit_sparse(examples, regularization, min_count, threshold, drop_below)
    if context_layers is None:
        return model
    if len(examples.vectors) != len(examples.labels):
        raise ValueError("a context stage needs one vector per example (training_examples with context_layers)")
    logits = _cross_fitted_logits(examples, regularization, min_count)
    context = fit_context_stage(logits, np.asarray(examples.vectors, dtype=np.float32), examples.labels,
                                context_layers, context_regularization)
    return replace(model, context=context)


def _cross_fitted_logits(examples: Examples, regularization: float, min_count: int) -> np.ndarray:
    """Each example's sparse logit from a model fitted without its article (folds by article)."""
    groups = np.asarray(examples.groups)
    folds = groups % _FOLDS
    if len(set(folds.tolist())) < 2:
        raise ValueError("cross-fitting the context stage needs examples from at least two articles")
    logits = np.zeros(len(groups))
    for fold in sorted(set(folds.tolist())):
        held = np.flatnonzero(folds == fold)
        kept = np.flatnonzero(folds != fold)
        part = Examples([examples.features[i] for i in kept], [examples.labels[i] for i in kept])
        model = _fit_sparse(part, regularization, min_count, DEFAULT_THRESHOLD, DEFAULT_DROP_BELOW)
        logits[held] = [model.bias + sum(model.weights.get(n, 0.0) for n in examples.features[i]) for i in held]
    return logits


def fit_context_stage(logits: np.ndarray, vectors: np.ndarray, labels: Sequence[bool], layers: tuple[int, ...],
                      regularization: float = _CONTEXT_REGULARIZATION) -> ContextWeights:
    """A logistic regression over [sparse logit, standardised vector], as a `ContextWeights`."""
    from sklearn.linear_model import LogisticRegression

    mean = vectors.mean(axis=0)
    scale = vectors.std(axis=0) + 1e-6
    inputs = np.column_stack([logits, (vectors - mean) / scale])
    classifier = LogisticRegression(C=regularization, max_iter=1000)
    classifier.fit(inputs, list(labels))
    coefficients = classifier.coef_[0]
    return ContextWeights(tuple(layers), mean.astype(np.float32), scale.astype(np.float32),
                          coefficients[1:].astype(np.float32), float(coefficients[0]), float(classifier.intercept_[0]))


def _fit_sparse(examples: Examples, regularization: float, min_count: int, threshold: float,
                drop_below: float) -> CueModel:
    """The first stage: a logistic regression over the named features."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    features, labels = examples.features, examples.labels

    if len(set(labels)) < 2:
        raise ValueError("training needs both cue and non-cue examples")
    counts = Counter(name for row in features for name in set(row))
    vocabulary = {name: k for k, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    rows, columns = [], []
    for r, row in enumerate(features):
        for name in set(row):
            if name in vocabulary:
                rows.append(r)
                columns.append(vocabulary[name])
    matrix = csr_matrix(([1.0] * len(rows), (rows, columns)), shape=(len(features), len(vocabulary)))
    classifier = LogisticRegression(C=regularization, max_iter=2000, solver="liblinear", random_state=0)
    classifier.fit(matrix, labels)
    coefficients = classifier.coef_[0]
    weights = {name: float(coefficients[k]) for name, k in vocabulary.items() if abs(coefficients[k]) >= _PRUNE}
    return CueModel(weights, float(classifier.intercept_[0]), threshold, drop_below)


def read_cue_spans(ann_path: Path) -> list[tuple[int, int]]:
    """Gold cue character spans of one PolNeAR annotation file."""
    from ..evaluate.polnear import read_annotations

    return [relation.cue for relation in read_annotations(ann_path)]


def annotation_files(text: Path) -> list[Path]:
    """Every annotator's .ann file of one PolNeAR article, in name order."""
    return sorted((text.parent.parent / "attributions").glob(f"{text.stem}_*.ann"))


def train_from_polnear(data_dir: str | Path, *, regularization: float = _REGULARIZATION,
                       min_count: int = _MIN_COUNT, threshold: float = DEFAULT_THRESHOLD,
                       drop_below: float = DEFAULT_DROP_BELOW, limit: int | None = None,
                       context_layers: tuple[int, ...] | None = None) -> CueModel:
    """Parse PolNeAR's train split and fit the cue model on every annotation file of it."""
    from ..annotate.nlp import load_nlp
    from ..evaluate.polnear import _documents, read_text

    texts = [text for text, _first in _documents(Path(data_dir), "train")[:limit]]
    nlp = load_nlp()
    docs, cues = [], []
    for text, doc in zip(texts, nlp.pipe((read_text(text) for text in texts), batch_size=16)):
        for ann in annotation_files(text):
            docs.append(doc)
            cues.append(read_cue_spans(ann))
    examples = training_examples(docs, cues, context_layers)
    return fit_cue_model(examples, regularization=regularization, min_count=min_count, threshold=threshold,
                         drop_below=drop_below, context_layers=context_layers)


def main(argv: list[str] | None = None) -> None:
    """Train on PolNeAR train and write the weights file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the PolNeAR folder (with data/train)")
    parser.add_argument("--out", default=str(WEIGHTS_PATH))
    parser.add_argument("--regularization", type=float, default=_REGULARIZATION, help="inverse L2 strength (sklearn C)")
    parser.add_argument("--min-count", type=int, default=_MIN_COUNT, help="drop features seen fewer times")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help="probability from which an unlisted verb is read as a cue")
    parser.add_argument("--drop-below", type=float, default=DEFAULT_DROP_BELOW,
                        help="probability under which a listed verb is not read as a cue")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles only")
    parser.add_argument("--no-context", action="store_true",
                        help=f"leave out the second stage over MiniLM vectors (layers {CONTEXT_LAYERS})")
    args = parser.parse_args(argv)
    model = train_from_polnear(args.data, regularization=args.regularization, min_count=args.min_count,
                               threshold=args.threshold, drop_below=args.drop_below, limit=args.limit,
                               context_layers=None if args.no_context else CONTEXT_LAYERS)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(out), "features": len(model.weights), "bias": round(model.bias, 4),
                      "threshold": model.threshold, "drop_below": model.drop_below,
                      "context_layers": list(model.context.layers) if model.context else None}))


if __name__ == "__main__":
    main()
