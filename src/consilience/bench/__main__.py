"""Command line of the benchmarks: `python -m consilience.bench throughput [options]`."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from .corpora import CorpusMissing, prepare_corpus
from .throughput import measure_throughput


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one sub-command per benchmark."""
    parser = argparse.ArgumentParser(prog="python -m consilience.bench", description=__doc__)
    commands = parser.add_subparsers(dest="benchmark", required=True)
    throughput = commands.add_parser("throughput", help="reports/s of analyze() against a bare spaCy pass")
    throughput.add_argument("--corpus", default="demo", help="demo, seeds, basil, or a folder/file of reports")
    throughput.add_argument("--copies", type=int, default=1, help="repeat the corpus N times, each copy its own outlet")
    throughput.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up (median reported)")
    throughput.add_argument("--workers", type=int, default=1, help="spaCy processes (analyze n_process)")
    throughput.add_argument("--out", type=Path, help="also write the JSON to this file")
    embedders = commands.add_parser("embedders", help="sentences/s of torch vs int8 ONNX MiniLM, same sentences")
    embedders.add_argument("--sentences", type=int, default=2000, help="how many template sentences")
    embedders.add_argument("--runs", type=int, default=3, help="timed runs per embedder (median reported)")
    embedders.add_argument("--out", type=Path, help="also write the JSON to this file")
    return parser


def run_throughput(corpus: str, copies: int, runs: int, workers: int) -> dict:
    """The throughput result for a named corpus, prepared in a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="consilience-bench-") as folder:
        prepared = prepare_corpus(corpus, Path(folder), copies)
        result = measure_throughput(prepared.paths, runs=runs, workers=workers)
    result["corpus"] = {
        "name": prepared.name,
        "origin": prepared.origin,
        "copies": prepared.copies,
        "copies_used": prepared.copies > 1,
        **result["corpus"],
    }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmark, print its JSON object; exit 0, or 2 when the corpus is missing."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    command = shlex.join(["python", "-m", "consilience.bench", *argv])
    if args.benchmark == "embedders":
        from .embedders import measure_embedders

        result = {"benchmark": "embedders", "command": command, **measure_embedders(args.sentences, args.runs)}
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0
    try:
        result = {"benchmark": "throughput", "command": command,
                  **run_throughput(args.corpus, args.copies, args.runs, args.workers)}
        status = 0
    except CorpusMissing as exc:
        result = {"benchmark": "throughput", "command": command, "corpus": {"name": args.corpus, "present": False},
                  "error": str(exc)}
        print(f"error: {exc}", file=sys.stderr)
        status = 2
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
