"""Scoring `annotate.times` on TempEval-3 TimeML files: timex extraction and value normalisation.

Follows the TempEval-3 task definitions (UzZaman et al. 2013): extraction precision/recall/F1
under strict (exact span) and relaxed (any overlap) matching, and value accuracy over relaxed
matches with value F1 = correct values against system and gold counts. The official scorer
(evaluate_entities.py) prints value accuracy over relaxed matches times relaxed F1; with the
one-to-one alignment used here both equal 2 x correct / (system + gold). The system side is what
a TimeML file can hold (`as_timeml`): TIMEX3 requires a value, so a mention `find_times` leaves
without one (kept in the product with its reason, e.g. "that day" with nothing to anchor it) is
not scored as a system timex. Run:

    python -m consilience.evaluate.tempeval /work/shared/eval/tempeval3 --split test
    python -m consilience.evaluate.tempeval /work/shared/eval/tempeval3 --split train --errors  # per-timex errors
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from ..annotate.times import find_times

SPLITS = {
    "test": ["data/TempEval3/Evaluation/te3-platinum"],
    "train": ["data/TempEval3/Training/TBAQ-cleaned/TimeBank", "data/TempEval3/Training/TBAQ-cleaned/AQUAINT"],
}
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    """One TIMEX3 of the gold text, with character offsets into the tag-free text."""

    start: int
    end: int
    type: str
    value: str


def read_timeml(path: Path) -> tuple[str, str | None, list[GoldTimex]]:
    """(plain text of <TEXT>, document creation date, gold TIMEX3s) of one .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    source = body.group(1) if body else ""
    text_parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold = []
    position = 0
    for tag in _TAG.finditer(source):
        chunk = unescape(source[position:tag.start()])
        text_parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            if length > start:  # the official scorer skips timexes without text
                gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    text_parts.append(unescape(source[position:]))
    return "".join(text_parts), dct.group(1) if dct else None, gold


def _f1(correct: int, system: int, gold: int) -> dict[str, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _match_gold(gold: list[GoldTimex], used: set[int], start: int, end: int) -> int | None:
    """The unused gold timex a system span aligns with: the exact one if any, else the first overlapping.

    TempEval-3 aligns entities one-to-one before scoring; preferring the exact span keeps a
    neighbouring overlap from stealing a strict match.
    """
    overlapping = [i for i, g in enumerate(gold) if i not in used and g.start < end and start < g.end]
    exact = [i for i in overlapping if (gold[i].start, gold[i].end) == (start, end)]
    return (exact or overlapping or [None])[0]


@dataclass
class Alignment:
    """One gold or system timex of a document and what it was matched with (None on either side when unmatched)."""

    document: str
    gold: GoldTimex | None
    gold_text: str | None
    system_text: str | None
    system_span: tuple[int, int] | None
    system_type: str | None
    system_value: str | None


def align_document(name: str, text: str, gold: list[GoldTimex], system) -> list[Alignment]:
    """Every system mention paired with its gold timex (one-to-one), then the gold timexes nobody found."""
    used: set[int] = set()
    rows = []
    for mention in system:
        index = _match_gold(gold, used, mention.start, mention.end)
        if index is not None:
            used.add(index)
        matched = gold[index] if index is not None else None
        rows.append(Alignment(name, matched, text[matched.start:matched.end] if matched else None, mention.text,
                              (mention.start, mention.end), mention.type, mention.value))
    rows.extend(Alignment(name, g, text[g.start:g.end], None, None, None, None) for i, g in enumerate(gold) if i not in used)
    return rows


def align_split(data_dir: str | Path, split: str = "test"):
    """(document count, alignments) of `find_times` against the gold of one TempEval-3 split."""
    from ..annotate.nlp import load_nlp

    nlp = load_nlp()
    root = Path(data_dir)
    files = sorted(p for folder in SPLITS[split] for p in (root / folder).glob("*.tml"))
    rows: list[Alignment] = []
    for path in files:
        text, dct, gold = read_timeml(path)
        rows.extend(align_document(path.name, text, gold, as_timeml(find_times(nlp(text), dct))))
    return len(files), rows


def as_timeml(mentions):
    """The mentions a TimeML file can hold as TIMEX3 annotations: those with a value (TimeML requires one).

    `find_times` keeps a time expression it cannot normalise ("that day" with no day to anchor it)
    with an empty value and a reason, so readers see why; a TIMEX3 without a value is not valid
    TimeML, so it is not written as one."""
    return [m for m in mentions if m.value]


def score_alignments(rows: list[Alignment]) -> dict:
    """TempEval-3 extraction (strict, relaxed) and value scores of a list of alignments."""
    counts = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "value": 0, "type": 0}
    for row in rows:
        counts["gold"] += row.gold is not None
        counts["system"] += row.system_span is not None
        if row.gold is None or row.system_span is None:
            continue
        counts["relaxed"] += 1
        counts["strict"] += (row.gold.start, row.gold.end) == row.system_span
        counts["value"] += row.system_value == row.gold.value
        counts["type"] += row.system_type == row.gold.type
    relaxed = counts["relaxed"]
    return {
        "gold_timexes": counts["gold"],
        "system_timexes": counts["system"],
        "strict": _f1(counts["strict"], counts["system"], counts["gold"]),
        "relaxed": _f1(relaxed, counts["system"], counts["gold"]),
        "value_accuracy": round(counts["value"] / relaxed, 4) if relaxed else 0.0,
        "type_accuracy": round(counts["type"] / relaxed, 4) if relaxed else 0.0,
        "value": _f1(counts["value"], counts["system"], counts["gold"]),
    }


def evaluate_tempeval(data_dir: str | Path, split: str = "test") -> dict:
    """Extraction (strict, relaxed) and value scores of `find_times` on one TempEval-3 split."""
    started = time.perf_counter()
    documents, rows = align_split(data_dir, split)
    return {"split": split, "documents": documents, **score_alignments(rows),
            "seconds": round(time.perf_counter() - started, 2)}


def format_errors(rows: list[Alignment]) -> list[str]:
    """One tab-separated line per wrong value, missed or spurious timex: kind, document, gold and system sides."""
    lines = []
    for row in rows:
        gold = row.gold
        if gold is not None and row.system_span is not None and row.system_value == gold.value:
            continue
        kind = "missed" if row.system_span is None else "spurious" if gold is None else "value"
        lines.append("\t".join([kind, row.document, row.gold_text or "", gold.value if gold else "", gold.type if gold else "",
                                row.system_text or "", row.system_value or "", row.system_type or ""]))
    return lines


def main(argv: list[str] | None = None) -> None:
    """Print the scores of one split as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--split", choices=sorted(SPLITS), default="test")
    parser.add_argument("--errors", action="store_true",
                        help="print one tab-separated line per wrong, missed or spurious timex instead of the scores")
    args = parser.parse_args(argv)
    if not args.errors:
        print(json.dumps(evaluate_tempeval(args.data_dir, args.split), indent=2))
        return
    _, rows = align_split(args.data_dir, args.split)
    for line in format_errors(rows):
        print(line)


if __name__ == "__main__":
    main()
