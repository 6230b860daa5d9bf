"""Speed-up of the Ray engine: `python -m consilience.scale.bench [--copies 50] [--workers 1 2]`.

Times `analyze(store=False)` over one corpus with the local engine (the baseline, one process)
and with 1, 2, ... Ray workers on a local Ray instance, each after a warm-up on a few reports,
and prints one JSON object: every run, medians, reports/s, and speed-ups measured in this run.
Worker start-up (model loading) is timed apart: a long-lived cluster pays it once.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..bench.corpora import prepare_corpus, write_copies
from ..engine import analyze
from ..ingest import read_reports
from ..model import Analysis
from .ray_engine import LOCAL_OBJECT_STORE_BYTES, RayRunner, _import_ray

DRIVER_STAGES = ("ingest", "stories", "align", "verdicts")  # what runs on the driver whatever the engine
WARMUP_REPORTS = 8


def time_runs(run: Callable[[], Analysis], runs: int) -> dict:
    """Median wall time of `runs` calls of `run`, with the driver-side stage seconds of each."""
    walls: list[float] = []
    driver: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        walls.append(time.perf_counter() - started)
        driver.append(sum(result.timings.get(s, 0.0) for s in DRIVER_STAGES))
    median = statistics.median(walls)
    return {"runs_s": [round(w, 3) for w in walls], "median_s": round(median, 3),
            "driver_stages_median_s": round(statistics.median(driver), 3), "reports": len(result.articles)}


def measure_speedup(paths: list[Path], workers: Sequence[int], workdir: Path, runs: int = 3) -> dict:
    """Local engine vs Ray with each count in `workers`, over the same inputs, in one run."""
    ray = _import_ray()
    load_before = os.getloadavg()[0]
    articles, _, _ = read_reports([str(p) for p in paths])
    warm_inputs = [write_copies(articles[:WARMUP_REPORTS], 1, workdir / "warmup.jsonl")]
    analyze(warm_inputs, store=False, n_process=1)
    results = {"local": time_runs(lambda: analyze(paths, store=False, n_process=1), runs)}
    print(f"local: {results['local']['median_s']} s", file=sys.stderr)
    ray.init(num_cpus=max(workers), include_dashboard=False, log_to_driver=False,
             object_store_memory=LOCAL_OBJECT_STORE_BYTES)
    try:
        for count in workers:
            started = time.perf_counter()
            with RayRunner(workers=count) as runner:
                startup = time.perf_counter() - started
                analyze(warm_inputs, store=False, runner=runner)
                timed = time_runs(lambda: analyze(paths, store=False, runner=runner), runs)
            results[f"ray_{count}"] = {"workers": count, "startup_s": round(startup, 3), **timed}
            print(f"ray {count} worker(s): {timed['median_s']} s", file=sys.stderr)
    finally:
        ray.shutdown()
    first = results[f"ray_{workers[0]}"]["median_s"]
    return {
        "corpus": {"reports": len(articles), "words_total": sum(len(a.text.split()) for a in articles)},
        "settings": {"runs": runs, "workers": list(workers), "warmup_reports": WARMUP_REPORTS},
        "machine": {"cpus": os.cpu_count(), "load_1min_before": round(load_before, 2),
                    "load_1min_after": round(os.getloadavg()[0], 2)},
        "results": results,
        "reports_per_s": {k: round(len(articles) / r["median_s"], 2) for k, r in results.items()},
        "speedup_vs_first_ray": {k: round(first / r["median_s"], 3) for k, r in results.items() if k != "local"},
        "ray_vs_local": {k: round(results["local"]["median_s"] / r["median_s"], 3)
                         for k, r in results.items() if k != "local"},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the benchmark, print its JSON object."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m consilience.scale.bench", description=__doc__)
    parser.add_argument("--corpus", default="demo", help="demo, basil, or a folder/file of reports")
    parser.add_argument("--copies", type=int, default=50, help="repeat the corpus N times, each copy its own outlet")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per engine (median reported)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Ray worker counts to time")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="consilience-scale-") as folder:
        corpus = prepare_corpus(args.corpus, Path(folder), args.copies)
        result = measure_speedup(corpus.paths, args.workers, Path(folder), args.runs)
    result = {"benchmark": "ray-speedup", "command": shlex.join(["python", "-m", "consilience.scale.bench", *argv]),
              "corpus_name": corpus.name, "copies": corpus.copies, **result}
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
