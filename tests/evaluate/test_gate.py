"""The quality gate: floors.json schema, pass/fail/skip logic on fake benchmarks, and the real gate (slow)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from consilience.cli import main
from consilience.errors import ConsilienceError
from consilience.evaluate import registry
from consilience.evaluate.gate import check_gate, load_floors, run_gate, select_floors
from consilience.evaluate.registry import (
    BENCHMARKS,
    Benchmark,
    format_command,
    register_benchmark,
)

REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "quality" / "floors.json"
EVAL_ROOT = REPO.parent / "shared" / "eval"


def _entry(name: str, metric: str = "scores.f1", floor: float = 0.7, dataset: str = "fake", limit: int | None = 4) -> dict:
    return {"name": name, "dataset": dataset, "split": "test", "limit": limit, "metric": metric,
            "floor": floor, "measured": floor + 0.01, "command": f"consilience eval {dataset}"}


@pytest.fixture
def fake(monkeypatch, tmp_path):
    """A registered benchmark scoring f1 0.75, its data folder under an eval root, and a call log."""
    calls = []

    def run(data_dir: Path, split: str, limit: int | None) -> dict:
        calls.append((split, limit))
        return {"scores": {"f1": 0.75, "recall": 0.5}}

    monkeypatch.setattr(registry, "BENCHMARKS", dict(BENCHMARKS))
    register_benchmark(Benchmark("fake", run, ("test",), "test", ("scores.f1", "scores.recall"), "fakedata"))
    root = tmp_path / "eval"
    (root / "fakedata").mkdir(parents=True)
    return calls, root


def _write_floors(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"floors": list(entries)}), encoding="utf-8")
    return path


def test_gate_floor_below_score_passes(fake, tmp_path):
    _calls, root = fake
    report = check_gate(_write_floors(tmp_path, _entry("f1")), root)
    assert report["passed"] is True
    assert report["results"][0]["score"] == 0.75 and report["results"][0]["passed"] is True
    assert report["counts"] == {"passed": 1, "failed": 0, "skipped": 0}


def test_gate_floor_above_score_fails_and_says_from_what_to_what(fake, tmp_path):
    _calls, root = fake
    report = check_gate(_write_floors(tmp_path, _entry("f1", floor=0.8)), root)
    assert report["passed"] is False
    result = report["results"][0]
    assert result["passed"] is False and result["score"] == 0.75
    assert "scores.f1" in result["reason"] and "0.8000" in result["reason"] and "0.7500" in result["reason"]


def test_gate_score_equal_to_floor_passes(fake, tmp_path):
    _calls, root = fake
    assert check_gate(_write_floors(tmp_path, _entry("f1", floor=0.75)), root)["passed"] is True


def test_gate_missing_metric_fails(fake, tmp_path):
    _calls, root = fake
    report = check_gate(_write_floors(tmp_path, _entry("gone", metric="scores.precision")), root)
    assert report["passed"] is False
    assert "missing" in report["results"][0]["reason"]


def test_gate_missing_data_skips_without_failing(fake, tmp_path):
    calls, root = fake
    (root / "fakedata").rmdir()
    report = check_gate(_write_floors(tmp_path, _entry("f1", floor=0.99)), root)
    assert report["passed"] is True and calls == []
    assert report["results"][0]["skipped"] is True
    assert report["counts"] == {"passed": 0, "failed": 0, "skipped": 1}


def test_gate_unregistered_dataset_fails(fake, tmp_path):
    _calls, root = fake
    report = check_gate(_write_floors(tmp_path, _entry("ghost", dataset="ghost")), root)
    assert report["passed"] is False and "unknown dataset" in report["results"][0]["reason"]


def test_gate_runs_each_evaluation_once(fake, tmp_path):
    calls, root = fake
    floors = load_floors(_write_floors(tmp_path, _entry("a"), _entry("b", metric="scores.recall", floor=0.4),
                                       _entry("c", limit=8)))
    results = run_gate(floors, root)
    assert [r.passed for r in results] == [True, True, True]
    assert calls == [("test", 4), ("test", 8)]


def test_gate_select_floors_by_name_or_dataset(fake, tmp_path):
    floors = load_floors(_write_floors(tmp_path, _entry("a"), _entry("b", dataset="other")))
    assert [f.name for f in select_floors(floors, ["a"])] == ["a"]
    assert [f.name for f in select_floors(floors, ["other"])] == ["b"]
    assert [f.name for f in select_floors(floors, [])] == ["a", "b"]
    with pytest.raises(ConsilienceError, match="no floor or dataset named zzz"):
        select_floors(floors, ["zzz"])


@pytest.mark.parametrize("content, message", [
    ("not json", "not valid JSON"),
    ('{"entries": []}', "\"floors\" list"),
    ('{"floors": [{"name": "x"}]}', "'dataset' missing"),
    (json.dumps({"floors": [_entry("x") | {"floor": "high"}]}), "'floor'"),
    (json.dumps({"floors": [_entry("x") | {"limit": 0}]}), "'limit'"),
    (json.dumps({"floors": [_entry("x"), _entry("x")]}), "repeat"),
])
def test_gate_load_floors_refuses_malformed_files(tmp_path, content, message):
    path = tmp_path / "floors.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConsilienceError, match=message):
        load_floors(path)


def test_gate_cli_exits_1_with_a_line_per_failure(fake, tmp_path):
    _calls, root = fake
    floors = _write_floors(tmp_path, _entry("ok"), _entry("too-high", floor=0.9))
    result = CliRunner().invoke(main, ["gate", "--floors", str(floors), "--eval-root", str(root)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [r["passed"] for r in report["results"]] == [True, False]
    assert result.stderr.strip().splitlines() == [
        "FAILED too-high: scores.f1 fell below its floor 0.9000 (measured 0.9100 when set, now 0.7500)"]


def test_gate_cli_passes_with_only(fake, tmp_path):
    _calls, root = fake
    floors = _write_floors(tmp_path, _entry("ok"), _entry("too-high", floor=0.9))
    result = CliRunner().invoke(main, ["gate", "--floors", str(floors), "--eval-root", str(root), "--only", "ok"])
    assert result.exit_code == 0, result.output
    assert [r["name"] for r in json.loads(result.stdout)["results"]] == ["ok"]


def test_gate_cli_pin_rewrites_floors_from_the_scores(fake, tmp_path):
    _calls, root = fake
    floors = _write_floors(tmp_path, _entry("f1", floor=0.9), _entry("recall", metric="scores.recall", floor=0.1))
    result = CliRunner().invoke(main, ["gate", "--floors", str(floors), "--eval-root", str(root), "--pin"])
    assert result.exit_code == 0, result.output
    pinned = {f.name: (f.floor, f.measured) for f in load_floors(floors)}
    assert pinned == {"f1": (0.74, 0.75), "recall": (0.49, 0.5)}
    again = CliRunner().invoke(main, ["gate", "--floors", str(floors), "--eval-root", str(root)])
    assert again.exit_code == 0


def test_gate_cli_bad_floors_file_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["gate", "--floors", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "no such floors file" in result.output


def test_gate_floors_file_names_registered_datasets_and_headline_metrics():
    floors = load_floors(FLOORS)
    assert floors, "quality/floors.json pins no score"
    for floor in floors:
        benchmark = BENCHMARKS[floor.dataset]
        assert floor.split in benchmark.splits, floor.name
        assert floor.metric in benchmark.headline, floor.name
        assert 0 < floor.floor <= floor.measured, floor.name
        assert floor.command == format_command(floor.dataset, f"../shared/eval/{benchmark.folder}", floor.split,
                                               floor.limit), floor.name
    for name, benchmark in BENCHMARKS.items():
        if name in {f.dataset for f in floors}:
            pinned = {f.metric for f in floors if f.dataset == name}
            assert pinned == set(benchmark.headline), f"{name}: headline metrics without a floor"


@pytest.mark.slow
def test_gate_real_scores_hold_their_floors():
    if not EVAL_ROOT.is_dir():
        pytest.skip(f"evaluation data not found at {EVAL_ROOT}")
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1")
    result = subprocess.run([sys.executable, "-m", "consilience.cli", "gate", "--floors", str(FLOORS),
                             "--eval-root", str(EVAL_ROOT)],
                            check=False, cwd=REPO, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] and report["counts"]["failed"] == 0
