"""Cost growth of incremental story assignment: time per report and peak memory as the store grows.

`python -m consilience.bench stories --sizes 1000 10000 100000` measures the story-assignment
stage alone (stories.incremental.StoryClusterer: ANN search, candidate scoring, merges, splits,
aging) over a stream built from real reports: the BASIL articles are annotated and profiled
once (MiniLM lead vector, entities, places), then repeated with perturbation until the stream
is long enough. Copy k of a report gets Gaussian noise on its vector (renormalised), its
entities and distinctive words suffixed with the copy number (so copies are distinct events, not one story growing
forever), and a date of `start + position / per_day` days: the stream advances in time at a
constant rate, so the 30-day window holds about 30 x per_day reports, as a firehose would.

`--full N` also times `consilience.ingest` (every stage, into a fresh SQLite store) over the
first N real reports (BASIL, then PolNeAR texts), without repetition.

Per-report times are medians over blocks of `--block` reports, taken at each store size; peak
memory is the process's peak resident set size (ru_maxrss) after each size, cumulative.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from ..stories.group import ReportProfile
from ..stories.incremental import IncrementalParams, StoryClusterer
from .corpora import SHARED, CorpusMissing

EVAL = SHARED / "eval"


def base_profiles(limit: int | None = None) -> tuple[list[str], list[ReportProfile]]:
    """Real profiles: the BASIL articles annotated and embedded as `ingest` would."""
    from ..evaluate.stories import profile_documents, read_basil_documents

    if not (EVAL / "basil" / "articles").is_dir():
        raise CorpusMissing(f"BASIL not found under {EVAL}; the stories benchmark needs real reports.")
    labelled = read_basil_documents(EVAL, "basil-all")[:limit]
    articles = [a for a, _ in labelled]
    return [a.id for a in articles], profile_documents(articles)


def perturbed_stream(ids: list[str], profiles: list[ReportProfile], size: int, per_day: float,
                     noise: float = 0.015, seed: int = 0):
    """`size` (id, profile) pairs cycling through the real profiles, perturbed per copy (module docstring)."""
    rng = np.random.default_rng(seed)
    start = date(2020, 1, 1)
    for position in range(size):
        copy, index = divmod(position, len(profiles))
        base = profiles[index]
        vector = base.vector
        if copy:
            vector = vector + rng.normal(scale=noise, size=vector.shape).astype(np.float32)
            vector = vector / np.linalg.norm(vector)
        entities = frozenset(f"{e}#{copy}" for e in base.entities) if copy else base.entities
        # The distinctive words get the copy number too: same weights (same cost), another event's words.
        terms = {f"{w}#{copy}": v for w, v in base.terms.items()} if copy else base.terms
        names = {f"{w}#{copy}": v for w, v in base.names.items()} if copy else base.names
        # Person counts too, so the protagonist check (stories.terms) runs and sees other people.
        persons = {f"{w}#{copy}": v for w, v in base.persons.items()} if copy else base.persons
        published = start + timedelta(days=int(position / per_day))
        yield f"{ids[index]}#{copy}", ReportProfile(vector.astype(np.float32), entities, base.places, published,
                                                    terms, names, base.year, persons)


def peak_memory_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def measure_assignment(ids: list[str], profiles: list[ReportProfile], size: int, per_day: float,
                       block: int, params: IncrementalParams | None = None) -> dict:
    """Assign a perturbed stream of `size` reports; per-block times, totals and peak memory."""
    clusterer = StoryClusterer(params or IncrementalParams(), dimensions=profiles[0].vector.size)
    curve = []
    started = last = time.perf_counter()
    for position, (article_id, profile) in enumerate(perturbed_stream(ids, profiles, size, per_day), start=1):
        clusterer.assign(article_id, profile)
        if position % block == 0:
            now = time.perf_counter()
            curve.append({"store_size": position, "ms_per_report": round(1000 * (now - last) / block, 4),
                          "active_reports": len(clusterer.profiles)})
            last = now
    total = time.perf_counter() - started
    tail = [p["ms_per_report"] for p in curve[-max(1, len(curve) // 10):]]
    return {
        "reports": size,
        "total_s": round(total, 2),
        "mean_ms_per_report": round(1000 * total / size, 4),
        "ms_per_report_at_end": round(statistics.median(tail), 4),  # median of the last 10% of blocks
        "stories": len(clusterer.stories) + len(set(clusterer.archived.values())),
        "aged_out": clusterer.aged_out,
        "active_reports_at_end": len(clusterer.profiles),
        "peak_rss_mb": peak_memory_mb(),
        "curve": curve,
    }


def measure_full_pipeline(reports: int) -> dict:
    """Wall time of `ingest` (all stages, fresh SQLite store) over the first N real reports."""
    from ..engine import ingest
    from ..evaluate.stories import read_basil_documents, read_polnear_documents

    articles = [a for a, _ in read_basil_documents(EVAL, "basil-all") + read_polnear_documents(EVAL)][:reports]
    with tempfile.TemporaryDirectory(prefix="consilience-bench-") as folder:
        corpus = Path(folder) / "reports.jsonl"
        import json

        with corpus.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({"text": a.text, "title": a.title, "source": a.source,
                                      "published": a.published}) + "\n")
        started = time.perf_counter()
        result = ingest([corpus], db=Path(folder) / "bench.db")
        total = time.perf_counter() - started
    return {"reports": len(result.articles), "total_s": round(total, 2),
            "ms_per_report": round(1000 * total / max(1, len(result.articles)), 2),
            "reports_per_s": round(len(result.articles) / total, 2), "stories": len(result.stories),
            "timings_s": {k: round(v, 2) for k, v in result.timings.items()}, "peak_rss_mb": peak_memory_mb()}


def plot_curve(run: dict, target: Path) -> None:
    """PNG of time per report vs store size (one point per block) for the largest run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [p["store_size"] for p in run["curve"]]
    times = [p["ms_per_report"] for p in run["curve"]]
    figure, axis = plt.subplots(figsize=(7, 3.5), dpi=120)
    axis.plot(sizes, times, linewidth=0.8)
    axis.set_xscale("log")
    axis.set_xlabel("reports in the store")
    axis.set_ylabel("ms per report (story assignment)")
    axis.set_ylim(bottom=0)
    axis.set_title("Incremental story assignment: cost per report as the store grows")
    axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(target)
    plt.close(figure)


def run_stories_benchmark(sizes: list[int], per_day: float, block: int, base: int | None, full: int,
                          plot: Path | None) -> dict:
    """The whole benchmark: assignment at each size (smallest first), optional full pipeline, optional plot."""
    started = time.perf_counter()
    ids, profiles = base_profiles(base)
    profiling_s = time.perf_counter() - started
    runs = [measure_assignment(ids, profiles, size, per_day, block) for size in sorted(sizes)]
    smallest, largest = runs[0], runs[-1]
    result = {
        "measured": "story-assignment stage alone (StoryClusterer) on perturbed copies of real BASIL profiles",
        "base_reports": len(profiles),
        "base_profiling_s": round(profiling_s, 1),
        "per_day": per_day,
        "block": block,
        "ratio_end_cost_largest_vs_smallest": round(largest["ms_per_report_at_end"] / smallest["ms_per_report_at_end"], 3),
        "ratio_mean_cost_largest_vs_smallest": round(largest["mean_ms_per_report"] / smallest["mean_ms_per_report"], 3),
        "runs": runs,
    }
    if full:
        result["full_pipeline"] = measure_full_pipeline(full)
    if plot:
        plot_curve(largest, plot)
        result["plot"] = str(plot)
    return result
