"""The table of benchmarks `consilience eval` can run: name -> evaluation, splits, headline scores.

A later benchmark (ecbplus, verdicts, stories) plugs in with one `register_benchmark(Benchmark(...))`
line. Evaluation modules are imported only when their benchmark runs, so a slow import (spaCy) or
a module being rewritten does not break the others or `consilience --help`.
"""

from __future__ import annotations

import inspect
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import ConsilienceError

# run(data_dir, split, limit) -> metrics; limit None means the whole split. A benchmark that
# takes an optional local model (`Benchmark.takes_model`) is also called with model=Path.
Runner = Callable[..., dict]


@dataclass(frozen=True)
class Benchmark:
    """One runnable benchmark and the scores that stand for it."""

    name: str
    run: Runner
    splits: tuple[str, ...]
    default_split: str
    headline: tuple[str, ...]  # dotted paths into the metrics dict, e.g. "relaxed.f1"
    folder: str  # its folder under the shared eval root (../shared/eval/<folder>)
    marker: str = ""  # a path inside the data folder that must exist, to catch a wrong --data early
    description: str = ""
    takes_model: str = ""  # what `--model DIR` is for this benchmark; "" when it takes none


BENCHMARKS: dict[str, Benchmark] = {}


def register_benchmark(benchmark: Benchmark) -> Benchmark:
    """Add (or replace) a benchmark in the table; returns it so tests can undo the registration."""
    if benchmark.default_split not in benchmark.splits:
        raise ValueError(f"{benchmark.name}: default split {benchmark.default_split!r} not in {benchmark.splits}")
    BENCHMARKS[benchmark.name] = benchmark
    return benchmark


def find_benchmark(name: str) -> Benchmark:
    """The registered benchmark called `name`; ConsilienceError listing the known ones otherwise."""
    try:
        return BENCHMARKS[name]
    except KeyError:
        raise ConsilienceError(f"unknown dataset {name!r}: choose one of {', '.join(sorted(BENCHMARKS))}.") from None


def check_data(benchmark: Benchmark, data_dir: str | Path) -> Path:
    """The data folder as a Path; ConsilienceError when it (or its marker path) is missing."""
    path = Path(data_dir)
    if not path.is_dir():
        raise ConsilienceError(f"{path}: no such data folder for {benchmark.name}. "
                               f"Point --data at the {benchmark.folder} evaluation folder.")
    if benchmark.marker and not (path / benchmark.marker).exists():
        raise ConsilienceError(f"{path}: no {benchmark.marker} inside, so it is not the {benchmark.name} data. "
                               f"Point --data at the {benchmark.folder} evaluation folder.")
    return path


def format_command(name: str, data_dir: str | Path, split: str, limit: int | None,
                   model: str | Path | None = None) -> str:
    """The `consilience eval` command line that reproduces one run."""
    words = ["consilience", "eval", name, "--data", str(data_dir), "--split", split]
    if limit is not None:
        words += ["--limit", str(limit)]
    if model is not None:
        words += ["--model", str(model)]
    return shlex.join(words)


def run_benchmark(name: str, data_dir: str | Path, split: str | None = None, limit: int | None = None,
                  model: str | Path | None = None) -> dict:
    """Run one benchmark and wrap its metrics with what is needed to reproduce them.

    `model` is an optional local model folder for the benchmarks that take one (`takes_model`).
    """
    benchmark = find_benchmark(name)
    split = split or benchmark.default_split
    if split not in benchmark.splits:
        raise ConsilienceError(f"{name} has no split {split!r}: choose one of {', '.join(benchmark.splits)}.")
    if limit is not None and limit < 1:
        raise ConsilienceError(f"--limit must be at least 1, not {limit}.")
    path = check_data(benchmark, data_dir)
    if model is not None and not benchmark.takes_model:
        raise ConsilienceError(f"{name} takes no --model; only {', '.join(sorted(b.name for b in BENCHMARKS.values() if b.takes_model))} do.")
    if model is not None and not Path(model).is_dir():
        raise ConsilienceError(f"{model}: no such model folder. Point --model at {benchmark.takes_model}.")
    started = time.perf_counter()
    metrics = benchmark.run(path, split, limit, model=Path(model)) if model is not None else benchmark.run(path, split, limit)
    return {
        "dataset": name,
        "split": split,
        "data": str(data_dir),
        "limit": limit,
        "metrics": metrics,
        "seconds": round(time.perf_counter() - started, 2),
        "command": format_command(name, data_dir, split, limit, model),
        "version": __version__,
    }


def read_metric(metrics: dict, path: str) -> float | None:
    """The number at a dotted path ("relation.f1") in a metrics dict; None when absent or not a number."""
    value: object = metrics
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _call_with_limit(function: Callable[..., dict], limit: int | None, *args: object, **kwargs: object) -> dict:
    """Call an evaluation, passing `limit` only if it takes one (and refusing a limit it cannot honour)."""
    if "limit" in inspect.signature(function).parameters:
        return function(*args, limit=limit, **kwargs)
    if limit is not None:
        raise ConsilienceError(f"{function.__module__}.{function.__name__} cannot score a subset; drop --limit.")
    return function(*args, **kwargs)


def _run_tempeval(data_dir: Path, split: str, limit: int | None) -> dict:
    from .tempeval import evaluate_tempeval

    return _call_with_limit(evaluate_tempeval, limit, data_dir, split=split)


def _run_geoparsing(dataset: str) -> Runner:
    def run(data_dir: Path, split: str, limit: int | None) -> dict:
        from .geoparsing import evaluate_geoparsing

        return _call_with_limit(evaluate_geoparsing, limit, data_dir, dataset=dataset)

    return run


def _run_polnear(data_dir: Path, split: str, limit: int | None) -> dict:
    from .polnear import evaluate_polnear

    return _call_with_limit(evaluate_polnear, limit, data_dir, split=split)


def _run_verdicts(data_dir: Path, split: str, limit: int | None) -> dict:
    from .verdicts import evaluate_verdicts

    return _call_with_limit(evaluate_verdicts, limit, data_dir, split=split)


def _run_stories(data_dir: Path, split: str, limit: int | None) -> dict:
    from .stories import evaluate_stories

    return evaluate_stories(data_dir, split=split, limit=limit)


_GEO_HEADLINE = ("recognition.exact.f1", "recognition.overlap.f1", "resolution.acc_at_161km")
_GEO_MARKER = "Pragmatic-Guide-to-Geoparsing-Evaluation/data"

def _run_ecbplus(data_dir: Path, split: str, limit: int | None, model: Path | None = None) -> dict:
    """The model and the same-lemma baseline, on the same mentions in the same run (+ a cross-encoder)."""
    from .ecbplus import evaluate_ecbplus, read_split

    if limit is not None:
        raise ConsilienceError("ecbplus scores whole sub-topics only; drop --limit.")
    mentions = read_split(data_dir, split)
    result = {"model": evaluate_ecbplus(data_dir, split=split, method="model", mentions=mentions),
              "lemma_baseline": evaluate_ecbplus(data_dir, split=split, method="lemma", mentions=mentions)}
    if model is not None:
        result["cross_encoder"] = evaluate_ecbplus(data_dir, split=split, method="cross_encoder",
                                                   mentions=mentions, cross_encoder=model)
    return result


register_benchmark(Benchmark(
    "tempeval3", _run_tempeval, ("train", "test"), "test",
    ("relaxed.f1", "strict.f1", "value.f1"), "tempeval3", "data/TempEval3",
    "TIMEX3 extraction and value normalisation (annotate.times)"))
register_benchmark(Benchmark(
    "lgl", _run_geoparsing("lgl"), ("all",), "all", _GEO_HEADLINE, "geoparsing", _GEO_MARKER,
    "place recognition and resolution on LGL local news (annotate.places)"))
register_benchmark(Benchmark(
    "geowebnews", _run_geoparsing("gwn"), ("all",), "all", _GEO_HEADLINE, "geoparsing", _GEO_MARKER,
    "place recognition and resolution on GeoWebNews (annotate.places)"))
register_benchmark(Benchmark(
    "polnear", _run_polnear, ("train", "dev", "test"), "test",
    ("source.overlap.f1", "content.overlap.f1", "relation.f1"), "polnear", "data",
    "attribution source, cue, content and relations (claims.attribution)"))
register_benchmark(Benchmark(
    "verdicts", _run_verdicts, ("dev", "test"), "test",
    ("strict.disputed.precision", "strict.disputed.recall", "strict.corroborated.precision",
     "strict.corroborated.recall"), "basil", "articles/2015",
    "disputed / corroborated verdicts on hand-labelled BASIL claim pairs (verdicts)"))
register_benchmark(Benchmark(
    "ecbplus", _run_ecbplus, ("train", "dev", "test"), "test",
    ("model.conll_f1", "lemma_baseline.conll_f1"), "ecbplus", "barhom2019",
    "cross-document event coreference with gold mentions, Barhom et al. 2019 split (align.coref)",
    takes_model="a pair cross-encoder folder built by `python -m consilience.align.train_cross_encoder`"))
register_benchmark(Benchmark(
    "stories", _run_stories,
    ("ecbplus-train", "ecbplus-dev", "ecbplus-test", "basil-dev", "basil-test", "basil-all", "mixed"),
    "ecbplus-test", ("incremental.b3.f1", "batch.b3.f1", "agreement.b3_f1"), ".", "ecbplus/ECB+_LREC2014/ECB+",
    "story clustering, batch and incremental, on ECB+ seminal events, BASIL triplets and a mixed stream "
    "(stories); --data is the eval root holding ecbplus/, basil/ and polnear/"))
