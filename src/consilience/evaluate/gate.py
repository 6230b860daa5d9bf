"""The quality gate: rerun pinned benchmarks and refuse any headline score below its recorded floor.

Floors live in quality/floors.json, one entry per (benchmark, subset, metric), each with the value
measured when the floor was set and the command that measured it. Lowering a floor is an edit that
shows in review; a score that falls without one fails the gate (exit 1). Entries whose data folder
is absent are skipped, so the gate still runs on a machine without ../shared/eval.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import ConsilienceError
from .registry import check_data, find_benchmark, read_metric, run_benchmark

FLOOR_FIELDS = {"name": str, "dataset": str, "split": str, "metric": str, "floor": (int, float),
                "measured": (int, float), "command": str}


@dataclass(frozen=True)
class Floor:
    """One pinned score: `metric` of `dataset`/`split` (first `limit` documents) must stay >= `floor`."""

    name: str
    dataset: str
    split: str
    limit: int | None
    metric: str
    floor: float
    measured: float
    command: str


@dataclass(frozen=True)
class GateResult:
    """What the gate found for one floor: passed, failed (with why) or skipped (with why)."""

    name: str
    dataset: str
    split: str
    limit: int | None
    metric: str
    floor: float
    measured: float
    score: float | None
    passed: bool
    skipped: bool
    reason: str


def load_floors(path: str | Path) -> list[Floor]:
    """The floors of a floors.json file; ConsilienceError naming the entry when one is malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConsilienceError(f"{path}: no such floors file. Pass --floors quality/floors.json.") from None
    except json.JSONDecodeError as exc:
        raise ConsilienceError(f"{path}: not valid JSON ({exc}). Fix the file.") from None
    entries = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConsilienceError(f"{path}: expected an object with a \"floors\" list. Fix the file.")
    floors = []
    for index, entry in enumerate(entries):
        where = f"{path} entry {index} ({entry.get('name', '?') if isinstance(entry, dict) else '?'})"
        if not isinstance(entry, dict):
            raise ConsilienceError(f"{where}: not an object. Fix the file.")
        for field, kind in FLOOR_FIELDS.items():
            if not isinstance(entry.get(field), kind) or isinstance(entry.get(field), bool):
                raise ConsilienceError(f"{where}: field {field!r} missing or not a {getattr(kind, '__name__', 'number')}.")
        limit = entry.get("limit")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise ConsilienceError(f"{where}: field 'limit' must be null or a positive integer.")
        floors.append(Floor(entry["name"], entry["dataset"], entry["split"], limit, entry["metric"],
                            float(entry["floor"]), float(entry["measured"]), entry["command"]))
    names = [f.name for f in floors]
    if len(set(names)) != len(names):
        raise ConsilienceError(f"{path}: floor names repeat ({sorted({n for n in names if names.count(n) > 1})}).")
    return floors


def default_eval_root(floors_path: str | Path) -> Path:
    """../shared/eval beside the repository that holds quality/floors.json."""
    return Path(floors_path).resolve().parent.parent.parent / "shared" / "eval"


def select_floors(floors: list[Floor], only: Iterable[str]) -> list[Floor]:
    """The floors named in `only` (by floor name or dataset); all of them when `only` is empty."""
    wanted = set(only)
    if not wanted:
        return floors
    known = {f.name for f in floors} | {f.dataset for f in floors}
    unknown = sorted(wanted - known)
    if unknown:
        raise ConsilienceError(f"no floor or dataset named {', '.join(unknown)}: choose from {', '.join(sorted(known))}.")
    return [f for f in floors if f.name in wanted or f.dataset in wanted]


Evaluate = Callable[[str, Path, str, "int | None"], dict]


def run_gate(floors: list[Floor], eval_root: str | Path, evaluate: Evaluate = run_benchmark) -> list[GateResult]:
    """Score every floor, running each (dataset, split, limit) evaluation once."""
    eval_root = Path(eval_root)
    runs: dict[tuple[str, str, int | None], dict | str] = {}
    results = []
    for floor in floors:
        key = (floor.dataset, floor.split, floor.limit)
        if key not in runs:
            runs[key] = _evaluate_once(floor, eval_root, evaluate)
        results.append(_judge(floor, runs[key]))
    return results


def _evaluate_once(floor: Floor, eval_root: Path, evaluate: Evaluate) -> dict | str:
    """The metrics of one evaluation, or a string "skip: why" / "fail: why" when it cannot run."""
    try:
        benchmark = find_benchmark(floor.dataset)
    except ConsilienceError as exc:
        return f"fail: {exc}"
    data_dir = eval_root / benchmark.folder
    try:
        check_data(benchmark, data_dir)
    except ConsilienceError as exc:
        return f"skip: {exc}"
    try:
        return evaluate(floor.dataset, data_dir, floor.split, floor.limit)["metrics"]
    except ConsilienceError as exc:
        return f"fail: {exc}"


def _judge(floor: Floor, run: dict | str) -> GateResult:
    common = {**asdict(floor)}
    del common["command"]
    if isinstance(run, str):
        outcome, _, why = run.partition(": ")
        return GateResult(**common, score=None, passed=outcome == "skip", skipped=outcome == "skip", reason=why)
    score = read_metric(run, floor.metric)
    if score is None:
        return GateResult(**common, score=None, passed=False, skipped=False,
                          reason=f"metric {floor.metric} is missing from the {floor.dataset} results")
    if score < floor.floor:
        return GateResult(**common, score=score, passed=False, skipped=False,
                          reason=f"{floor.metric} fell below its floor {floor.floor:.4f} "
                                 f"(measured {floor.measured:.4f} when set, now {score:.4f})")
    return GateResult(**common, score=score, passed=True, skipped=False, reason="")


def gate_report(results: list[GateResult], floors_path: str | Path, eval_root: str | Path, seconds: float) -> dict:
    """The JSON report of one gate run."""
    return {
        "floors": str(floors_path),
        "eval_root": str(eval_root),
        "passed": all(r.passed for r in results),
        "counts": {"passed": sum(r.passed and not r.skipped for r in results),
                   "failed": sum(not r.passed for r in results),
                   "skipped": sum(r.skipped for r in results)},
        "seconds": round(seconds, 2),
        "results": [asdict(r) for r in results],
    }


def check_gate(floors_path: str | Path, eval_root: str | Path | None = None, only: Iterable[str] = (),
               evaluate: Evaluate = run_benchmark) -> dict:
    """Load the floors, run the selected ones and return the gate report."""
    root = Path(eval_root) if eval_root is not None else default_eval_root(floors_path)
    floors = select_floors(load_floors(floors_path), only)
    started = time.perf_counter()
    results = run_gate(floors, root, evaluate)
    return gate_report(results, floors_path, root, time.perf_counter() - started)


def failure_line(result: dict) -> str:
    """One stderr line for a failed or skipped floor of a gate report."""
    kind = "skipped" if result["skipped"] else "FAILED"
    return f"{kind} {result['name']}: {result['reason']}"


def pin_floors(floors_path: str | Path, report: dict) -> list[str]:
    """Rewrite floors.json from a gate report: measured = score, floor = score - tolerance.

    Only floors that were scored move; skipped or broken ones keep their values. Returns the names
    pinned. The new file is a reviewable diff, which is the point: a floor never drops silently.
    """
    path = Path(floors_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    tolerance = float(data.get("tolerance", 0.01))
    scores = {r["name"]: r["score"] for r in report["results"] if r["score"] is not None}
    for entry in data["floors"]:
        if entry["name"] in scores:
            entry["measured"] = scores[entry["name"]]
            entry["floor"] = round(scores[entry["name"]] - tolerance, 4)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return sorted(scores)
