"""Scoring `verdicts` on hand-labelled BASIL claim pairs: is `disputed` right, is `corroborated` right?

`eval-sets/basil_verdicts.jsonl` holds pairs of sentences (or clauses) from two outlets' reports of
one BASIL event, labelled agree / conflict / unrelated by reading (rules: docs/verdict-labels.md).
It stores references only: event, article file stems, character offsets into the text as
Consilience ingests it, and a sha1 of each span, so drift in the reader is caught. At run time the
articles are written as plain-text reports into a temporary folder, analysed in one
`consilience.analyze` call, and each pair gets the system's answer: "conflict" when both sides
sit in one disputed claim group with a conflict linking them (the loose variant: any shared
disputed group), "agree" when they share a group otherwise, "unrelated" when they share none. Run:

    python -m consilience.evaluate.verdicts /work/shared/eval/basil [--split dev|test]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..bench.corpora import basil_report
from ..errors import ConsilienceError
from ..ingest import read_reports
from ..model import Analysis

# BASIL covers 2010-2019: the earlier half is the dev split (tune there), the later half is held
# out for reporting. Each split has its own label file, labelled the same way.
SPLITS = {"dev": tuple(str(y) for y in range(2010, 2015)), "test": tuple(str(y) for y in range(2015, 2020))}
LABELS = ("agree", "conflict", "unrelated")
_EVAL_SETS = Path(__file__).resolve().parents[3] / "eval-sets"
LABELS_FILE = _EVAL_SETS / "basil_verdicts.jsonl"
LABEL_FILES = {"dev": _EVAL_SETS / "basil_verdicts_dev.jsonl", "test": LABELS_FILE}


@dataclass(frozen=True)
class Side:
    """One side of a labelled pair: a span of one article's ingested text."""

    article: str  # BASIL file stem: "<triplet-uuid>_<n>"
    start: int
    end: int
    sha1: str


@dataclass(frozen=True)
class LabelledPair:
    """Two spans from different outlets' reports of one event and how they relate."""

    id: str
    event: str  # BASIL triplet-uuid
    year: str
    a: Side
    b: Side
    label: str  # agree | conflict | unrelated
    kind: str | None = None  # for conflicts: number | date | actor | place | polarity | attribution | ...


def read_labels(path: Path = LABELS_FILE) -> list[LabelledPair]:
    """The labelled pairs of a JSONL label file; ConsilienceError naming the line of a bad row."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pair = LabelledPair(row["id"], row["event"], row["year"], Side(**row["a"]), Side(**row["b"]),
                                row["label"], row.get("kind"))
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise ConsilienceError(f"{path}:{number}: not a labelled pair ({err}).") from None
        if pair.label not in LABELS:
            raise ConsilienceError(f"{path}:{number}: label {pair.label!r} is not one of {', '.join(LABELS)}.")
        pairs.append(pair)
    return pairs


def span_sha1(text: str) -> str:
    """The hash stored for a span, so a change in the reader's text shows up as a mismatch."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_file(data_dir: Path, year: str, article: str) -> Path:
    """Where BASIL keeps one article's JSON record."""
    return Path(data_dir) / "articles" / year / f"{article}.json"


def write_reports(data_dir: Path, year: str, articles: list[str], folder: Path) -> dict[str, Path]:
    """Write BASIL articles as plain-text reports (title/source/published header) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for article in articles:
        record = json.loads(article_file(data_dir, year, article).read_text(encoding="utf-8"))
        target = folder / f"{article}.txt"
        target.write_text(basil_report(record), encoding="utf-8")
        written[article] = target
    return written


def event_articles(data_dir: Path, year: str, event: str) -> list[str]:
    """The file stems of the (three) articles of one BASIL event."""
    return sorted(p.stem for p in (Path(data_dir) / "articles" / year).glob(f"{event}_*.json"))


def read_texts(paths: dict[str, Path]) -> dict[str, str]:
    """Article.text of each report exactly as ingest produces it, by BASIL file stem."""
    articles, _problems, _read = read_reports([str(p) for p in paths.values()])
    by_path = {a.path: a.text for a in articles}
    return {stem: by_path[str(path)] for stem, path in paths.items() if str(path) in by_path}


def claims_at(analysis: Analysis, article_id: str, start: int, end: int) -> set[str]:
    """Ids of the claims of one article whose span overlaps [start, end)."""
    article = analysis.article(article_id)
    return {c.id for c in article.claims if c.start < end and c.end > start}


def predict_pair(analysis: Analysis, a: set[str], b: set[str]) -> tuple[str, str]:
    """(strict, loose) system answer for two sides given as claim-id sets.

    strict: "conflict" when a disputed group holds both sides and a conflict links them; loose:
    "conflict" when any shared group is disputed. Otherwise "agree" when the sides share a group,
    "unrelated" when they share none.
    """
    strict = loose = "unrelated"
    for story in analysis.stories:
        for group in story.claims:
            held = {m.claim for m in group.mentions}
            if not (held & a and held & b):
                continue
            linked = any((c.a.claim in a and c.b.claim in b) or (c.a.claim in b and c.b.claim in a)
                         for c in group.conflicts)
            disputed = group.verdict == "disputed"
            if disputed and linked:
                strict = "conflict"
            elif strict != "conflict":
                strict = "agree"
            if disputed:
                loose = "conflict"
            elif loose != "conflict":
                loose = "agree"
    return strict, loose


def score_predictions(gold: list[str], predicted: list[str]) -> dict:
    """Precision/recall/F1 of disputed (vs conflict) and corroborated (vs agree), and the confusion matrix."""
    def prf(label: str) -> dict:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        system = predicted.count(label)
        truth = gold.count(label)
        precision = tp / system if system else 0.0
        recall = tp / truth if truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "system": system, "gold": truth, "correct": tp}

    counts = Counter(zip(gold, predicted))
    return {
        "disputed": prf("conflict"),
        "corroborated": prf("agree"),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4) if gold else 0.0,
        "confusion": {g: {p: counts[(g, p)] for p in LABELS} for g in LABELS},  # gold -> predicted
    }


def evaluate_verdicts(data_dir: str | Path, split: str = "test", limit: int | None = None,
                      labels: Path | None = None) -> dict:
    """Run the pipeline on the labelled BASIL events and score its verdicts on the labelled pairs.

    split: "dev" (2010-2014, for tuning) or "test" (2015-2019, for reporting); labels: the split's
    label file unless given. limit: score only the pairs of the first `limit` labelled events.
    """
    if split not in SPLITS:
        raise ConsilienceError(f"verdicts has no split {split!r}: choose one of {', '.join(SPLITS)}.")
    from ..engine import analyze  # loads spaCy and the embedder: only when an evaluation runs

    data_dir = Path(data_dir)
    pairs = [p for p in read_labels(labels or LABEL_FILES[split]) if p.year in SPLITS[split]]
    events = list(dict.fromkeys((p.year, p.event) for p in pairs))[:limit]
    pairs = [p for p in pairs if (p.year, p.event) in set(events)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[str, Path] = {}
        for year, event in events:
            paths |= write_reports(data_dir, year, event_articles(data_dir, year, event), Path(tmp) / event)
        analysis = analyze([str(p) for p in paths.values()], store=False)
    ids = {stem: a.id for a in analysis.articles for stem, path in paths.items() if a.path == str(path)}
    texts = {stem: analysis.article(i).text for stem, i in ids.items()}
    rows, gold, strict, loose, missing = [], [], [], [], 0
    for pair in pairs:
        sides = []
        for side in (pair.a, pair.b):
            text = texts.get(side.article)
            found = text is not None and span_sha1(text[side.start:side.end]) == side.sha1
            claims = claims_at(analysis, ids[side.article], side.start, side.end) if found else set()
            missing += not found
            sides.append((found, claims))
        predicted = predict_pair(analysis, sides[0][1], sides[1][1])
        gold.append(pair.label)
        strict.append(predicted[0])
        loose.append(predicted[1])
        rows.append({"id": pair.id, "event": pair.event, "label": pair.label, "kind": pair.kind,
                     "predicted": predicted[0], "predicted_loose": predicted[1],
                     "claims_a": sorted(sides[0][1]), "claims_b": sorted(sides[1][1]),
                     "span_found": sides[0][0] and sides[1][0]})
    return {
        "events": len(events),
        "reports": len(analysis.articles),
        "pairs": rows,
        "pair_count": len(rows),
        "labels": dict(Counter(gold)),
        "spans_not_found": missing,
        "stories": len(analysis.stories),
        "story_sizes": sorted((len(s.articles) for s in analysis.stories), reverse=True),
        "cross_report_groups": sum(len({m.article for m in g.mentions}) > 1 for s in analysis.stories for g in s.claims),
        "verdicts": dict(Counter(g.verdict for s in analysis.stories for g in s.claims)),
        "sides_without_claims": sum(not r["claims_a"] for r in rows) + sum(not r["claims_b"] for r in rows),
        "strict": score_predictions(gold, strict),
        "loose": score_predictions(gold, loose),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: print the verdict metrics on the labelled BASIL pairs as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path, help="the BASIL folder (holds articles/<year>/)")
    parser.add_argument("--split", default="test", choices=sorted(SPLITS))
    parser.add_argument("--limit", type=int, default=None, help="only the first N labelled events")
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_verdicts(args.data_dir, args.split, args.limit), indent=2))


if __name__ == "__main__":
    main()
