"""Scoring `annotate.times` on TempEval-3 TimeML files: timex extraction and value normalisation.

Follows the TempEval-3 task definitions (UzZaman et al. 2013): extraction precision/recall/F1
under strict (exact span) and relaxed (any overlap) matching, and value accuracy over relaxed
matches with value F1 = correct values against system and gold counts. Run:

    python -m consilience.evaluate.tempeval /work/shared/eval/tempeval3 --split test
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
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
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


def evaluate_tempeval(data_dir: str | Path, split: str = "test") -> dict:
    """Extraction (strict, relaxed) and value scores of `find_times` on one TempEval-3 split."""
    from ..annotate.nlp import load_nlp

    nlp = load_nlp()
    root = Path(data_dir)
    files = sorted(p for folder in SPLITS[split] for p in (root / folder).glob("*.tml"))
    counts = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "value": 0, "type": 0}
    started = time.perf_counter()
    for path in files:
        text, dct, gold = read_timeml(path)
        system = find_times(nlp(text), dct)
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        used: set[int] = set()
        for mention in system:
            index = _match_gold(gold, used, mention.start, mention.end)
            if index is None:
                continue
            expected = gold[index]
            used.add(index)
            counts["relaxed"] += 1
            counts["strict"] += (expected.start, expected.end) == (mention.start, mention.end)
            counts["value"] += mention.value == expected.value
            counts["type"] += mention.type == expected.type
    relaxed = counts["relaxed"]
    return {
        "split": split,
        "documents": len(files),
        "gold_timexes": counts["gold"],
        "system_timexes": counts["system"],
        "strict": _f1(counts["strict"], counts["system"], counts["gold"]),
        "relaxed": _f1(relaxed, counts["system"], counts["gold"]),
        "value_accuracy": round(counts["value"] / relaxed, 4) if relaxed else 0.0,
        "type_accuracy": round(counts["type"] / relaxed, 4) if relaxed else 0.0,
        "value": _f1(counts["value"], counts["system"], counts["gold"]),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Print the scores of one split as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--split", choices=sorted(SPLITS), default="test")
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_tempeval(args.data_dir, args.split), indent=2))


if __name__ == "__main__":
    main()
