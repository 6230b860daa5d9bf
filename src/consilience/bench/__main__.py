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
    load = commands.add_parser("loadtest", help="concurrent web uploads, CLI ingests and readers on one store")
    load.add_argument("--clients", type=int, default=4, help="upload client threads")
    load.add_argument("--reports", type=int, default=3, help="reports each client uploads, one after another")
    load.add_argument("--ingests", type=int, default=1, help="concurrent `consilience analyze --db` processes")
    load.add_argument("--ingest-reports", type=int, default=6, help="reports in each ingest's folder")
    load.add_argument("--readers", type=int, default=2, help="reader threads listing and opening stories")
    load.add_argument("--out", type=Path, help="also write the JSON to this file")
    stories = commands.add_parser("stories", help="cost growth of incremental story assignment (1k, 10k, 100k)")
    stories.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], help="stream lengths")
    stories.add_argument("--per-day", type=float, default=30.0, help="reports per day of the simulated stream")
    stories.add_argument("--block", type=int, default=500, help="reports per timing block")
    stories.add_argument("--base", type=int, default=None, help="use only the first N real BASIL reports")
    stories.add_argument("--full", type=int, default=0, help="also time `ingest` (all stages) over N real reports")
    stories.add_argument("--plot", type=Path, default=None, help="write the time-per-report PNG here")
    stories.add_argument("--out", type=Path, help="also write the JSON to this file")
    growth = commands.add_parser("store-growth", help="ingest's story path as a SQLite store grows to 100k reports")
    growth.add_argument("--reports", type=int, default=100000, help="reports streamed into the store")
    growth.add_argument("--batch", type=int, default=100, help="reports per assign_stories call")
    growth.add_argument("--per-day", type=float, default=8.0, help="reports per day of the simulated stream")
    growth.add_argument("--base", type=int, default=None, help="use only the first N real BASIL reports")
    growth.add_argument("--checkpoints", type=int, nargs="+", default=[1000, 10000, 100000],
                        help="store sizes at which the per-report cost is reported")
    growth.add_argument("--skip-align", action="store_true", help="save touched stories without re-aligning them")
    growth.add_argument("--plot", type=Path, default=None, help="write the time-per-report PNG here")
    growth.add_argument("--out", type=Path, help="also write the JSON to this file")
    sizes = commands.add_parser("story-sizes", help="seconds per story of 2, 20 and 200 perturbed reports")
    sizes.add_argument("--sizes", type=int, nargs="+", default=[2, 20, 200], help="reports per story")
    sizes.add_argument("--seed", default="hama", choices=["hama", "basil"], help="the reports that are copied")
    sizes.add_argument("--basil", type=Path, default=None, help="BASIL folder for --seed basil")
    sizes.add_argument("--out", type=Path, help="also write the JSON to this file")
    identity = commands.add_parser("nlp-identity", help="token annotations of load_nlp vs the stock spaCy model")
    identity.add_argument("--corpus", default="basil", help="demo, seeds, basil, or a folder/file of reports")
    identity.add_argument("--out", type=Path, help="also write the JSON to this file")
    return parser


def run_nlp_identity(corpus: str) -> dict:
    """The nlp-identity result for a named corpus (read from a temporary folder removed afterwards)."""
    from ..ingest import read_reports
    from .nlp_identity import measure_nlp_identity

    with tempfile.TemporaryDirectory(prefix="consilience-bench-") as folder:
        prepared = prepare_corpus(corpus, Path(folder))
        articles, _, _ = read_reports([str(p) for p in prepared.paths])
    return {"corpus": {"name": prepared.name, "origin": prepared.origin},
            **measure_nlp_identity([a.text for a in articles])}


def emit(result: dict, out: Path | None) -> None:
    """Print `result` as JSON, and write it to `out` too when given."""
    text = json.dumps(result, indent=2)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")


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
    if args.benchmark == "loadtest":
        from .loadtest import LoadPlan, run_loadtest

        plan = LoadPlan(clients=args.clients, reports=args.reports, ingests=args.ingests,
                        ingest_reports=args.ingest_reports, readers=args.readers)
        result = {"command": command, **run_loadtest(plan)}
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0 if result["invariants_hold"] else 1
    if args.benchmark == "stories":
        from .stories import run_stories_benchmark

        result = {"benchmark": "stories", "command": command,
                  **run_stories_benchmark(args.sizes, args.per_day, args.block, args.base, args.full, args.plot)}
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0
    if args.benchmark == "store-growth":
        from .store_growth import measure_store_growth, plot_growth

        result = {"benchmark": "store-growth", "command": command,
                  **measure_store_growth(args.reports, args.batch, args.per_day, args.base, args.checkpoints,
                                         skip_align=args.skip_align)}
        if args.plot:
            plot_growth(result, args.plot)
            result["plot"] = str(args.plot)
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0
    if args.benchmark == "story-sizes":
        from .story_sizes import measure_story_sizes

        result = {"benchmark": "story-sizes", "command": command,
                  **measure_story_sizes(args.sizes, args.seed, args.basil)}
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        return 0
    if args.benchmark == "nlp-identity":
        # Exit 1 when any document is annotated differently: the check to re-run after a spaCy upgrade.
        try:
            result = {"benchmark": "nlp-identity", "command": command, **run_nlp_identity(args.corpus)}
        except CorpusMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        emit(result, args.out)
        return 1 if result["documents_differing"] else 0
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
