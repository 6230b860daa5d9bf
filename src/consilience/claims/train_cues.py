"""Training the cue scorer of `cue_model` on PolNeAR's train split, writing `data/cues.json` (claims).

Every verb of a training article is one example: positive when it heads a gold cue span (the
token of the span whose syntactic head lies outside it), negative when it sits in no cue span.
An article annotated by several annotators gives one set of examples per annotation file (the
parse is shared), so their disagreements weigh in as they are. A logistic regression over the named features of `cue_features` is fitted, features seen fewer
than `min_count` times are dropped and tiny weights pruned so the file stays small. The threshold
is chosen on the dev split (see `evaluate.polnear --cue-threshold`). Run:

    python -m consilience.claims.train_cues --data ../shared/eval/polnear
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from .cue_model import CANDIDATE_POS, WEIGHTS_PATH, CueModel, cue_features
from .quotes import _QUOTE_MARKS, _find_quotes

# Chosen on PolNeAR dev (evaluate.polnear --cue-threshold / --cue-drop-below); stored with the weights.
DEFAULT_THRESHOLD = 0.4
DEFAULT_DROP_BELOW = 0.2
# Features seen fewer times, and weights smaller than this, are left out: the file stays near 320 KB.
_MIN_COUNT = 3
_PRUNE = 0.15
# Inverse L2 strength (sklearn C), chosen on PolNeAR dev cue average precision: 0.15 0.903, 0.3 0.904,
# 0.5 0.902, 1.0 (minimum count 6) 0.894.
_REGULARIZATION = 0.3


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
    """Candidate verbs as training rows: named features and labels (True: heads a gold cue)."""

    features: list[list[str]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)


def training_examples(docs: Sequence[Doc], cue_spans: Sequence[Iterable[tuple[int, int]]]) -> Examples:
    """Features and labels of every candidate verb in `docs`, given each document's gold cue spans."""
    examples = Examples()
    for doc, cues in zip(docs, cue_spans, strict=True):
        quotes = document_quotes(doc)
        for index, label in label_tokens(doc, cues).items():
            examples.features.append(cue_features(doc[index], quotes))
            examples.labels.append(label)
    return examples


def fit_cue_model(examples: Examples, *, regularization: float = _REGULARIZATION, min_count: int = _MIN_COUNT,
                  threshold: float = DEFAULT_THRESHOLD, drop_below: float = DEFAULT_DROP_BELOW) -> CueModel:
    """A logistic regression over the named features, as a `CueModel`."""
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
                       drop_below: float = DEFAULT_DROP_BELOW, limit: int | None = None) -> CueModel:
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
    examples = training_examples(docs, cues)
    return fit_cue_model(examples, regularization=regularization, min_count=min_count, threshold=threshold,
                         drop_below=drop_below)


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
    args = parser.parse_args(argv)
    model = train_from_polnear(args.data, regularization=args.regularization, min_count=args.min_count,
                               threshold=args.threshold, drop_below=args.drop_below, limit=args.limit)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(out), "features": len(model.weights), "bias": round(model.bias, 4),
                      "threshold": model.threshold, "drop_below": model.drop_below}))


if __name__ == "__main__":
    main()
