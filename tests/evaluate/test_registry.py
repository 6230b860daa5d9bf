"""The benchmark table behind `consilience eval`: dispatch, JSON shape and refusals (fake benchmarks, no data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from consilience import __version__
from consilience.cli import main
from consilience.errors import ConsilienceError
from consilience.evaluate import registry
from consilience.evaluate.registry import (
    BENCHMARKS,
    Benchmark,
    find_benchmark,
    format_command,
    read_metric,
    register_benchmark,
    run_benchmark,
)


@pytest.fixture
def fake(monkeypatch, tmp_path):
    """A registered benchmark `fake` that records its calls, and a data folder it accepts."""
    calls = []

    def run(data_dir: Path, split: str, limit: int | None) -> dict:
        calls.append((data_dir, split, limit))
        return {"documents": limit or 5, "scores": {"f1": 0.75 if split == "test" else 0.5}}

    monkeypatch.setattr(registry, "BENCHMARKS", dict(BENCHMARKS))
    register_benchmark(Benchmark("fake", run, ("dev", "test"), "test", ("scores.f1",), "fake", "gold"))
    (tmp_path / "gold").mkdir()
    return calls, tmp_path


def test_registry_knows_the_four_first_datasets():
    assert {"tempeval3", "lgl", "geowebnews", "polnear"} <= set(BENCHMARKS)
    for benchmark in BENCHMARKS.values():
        assert benchmark.default_split in benchmark.splits
        assert benchmark.headline


def test_registry_run_benchmark_dispatches_with_default_split(fake):
    calls, data = fake
    result = run_benchmark("fake", data)
    assert calls == [(data, "test", None)]
    assert result["metrics"] == {"documents": 5, "scores": {"f1": 0.75}}
    assert (result["dataset"], result["split"], result["limit"]) == ("fake", "test", None)


def test_registry_run_benchmark_passes_split_and_limit(fake):
    calls, data = fake
    result = run_benchmark("fake", data, "dev", 2)
    assert calls == [(data, "dev", 2)]
    assert result["metrics"]["scores"]["f1"] == 0.5
    assert result["command"] == f"consilience eval fake --data {data} --split dev --limit 2"


@pytest.mark.parametrize("args, message", [
    (("nope", "."), "unknown dataset 'nope'"),
    (("fake", "/no/such/folder"), "no such data folder"),
    (("fake", "{data}", "train"), "no split 'train'"),
    (("fake", "{data}", "test", 0), "at least 1"),
])
def test_registry_run_benchmark_refuses_bad_arguments(fake, args, message):
    calls, data = fake
    args = tuple(str(data) if a == "{data}" else a for a in args)
    with pytest.raises(ConsilienceError, match=message):
        run_benchmark(*args)
    assert calls == []


def test_registry_refuses_a_folder_without_its_marker(fake, tmp_path):
    (tmp_path / "other").mkdir()
    with pytest.raises(ConsilienceError, match="no gold inside"):
        run_benchmark("fake", tmp_path / "other")


def test_registry_unknown_dataset_lists_the_known_ones(fake):
    with pytest.raises(ConsilienceError) as info:
        find_benchmark("ecbplus-typo")
    assert "fake" in str(info.value) and "tempeval3" in str(info.value)


def test_registry_register_refuses_a_default_split_it_lacks(monkeypatch):
    monkeypatch.setattr(registry, "BENCHMARKS", dict(BENCHMARKS))
    with pytest.raises(ValueError):
        register_benchmark(Benchmark("x", lambda d, s, n: {}, ("dev",), "test", ("f1",), "x"))


def test_registry_limit_refused_where_the_evaluation_cannot_take_one():
    def whole_split_only(data_dir, split="test"):
        return {"split": split}

    assert registry._call_with_limit(whole_split_only, None, "d", split="dev") == {"split": "dev"}
    with pytest.raises(ConsilienceError, match="cannot score a subset"):
        registry._call_with_limit(whole_split_only, 3, "d", split="dev")


@pytest.mark.parametrize("path, expected", [
    ("scores.f1", 0.75), ("documents", 5.0), ("scores.missing", None), ("scores", None), ("flag", None),
])
def test_registry_read_metric_follows_dotted_paths(path, expected):
    assert read_metric({"documents": 5, "scores": {"f1": 0.75}, "flag": True}, path) == expected


def test_registry_format_command_quotes_paths():
    assert format_command("polnear", "my data", "dev", None) == "consilience eval polnear --data 'my data' --split dev"


def test_registry_cli_eval_prints_one_json_object(fake, tmp_path):
    _calls, data = fake
    out = tmp_path / "result.json"
    result = CliRunner().invoke(main, ["eval", "fake", "--data", str(data), "--limit", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert set(printed) == {"dataset", "split", "data", "limit", "metrics", "seconds", "command", "version"}
    assert printed["metrics"] == {"documents": 3, "scores": {"f1": 0.75}}
    assert printed["limit"] == 3 and printed["version"] == __version__
    assert isinstance(printed["seconds"], float)
    assert json.loads(out.read_text()) == printed


@pytest.mark.parametrize("args", [["eval", "nope", "--data", "."], ["eval", "fake", "--data", "/no/such/folder"]])
def test_registry_cli_eval_bad_dataset_or_data_exits_2(fake, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Error:" in result.output
    assert result.stdout.count("{") == 0


def test_registry_model_folder_reaches_a_benchmark_that_takes_one(monkeypatch, tmp_path):
    calls = []

    def run(data_dir: Path, split: str, limit: int | None, model: Path | None = None) -> dict:
        calls.append(model)
        return {"scores": {"f1": 0.5}}

    monkeypatch.setattr(registry, "BENCHMARKS", dict(BENCHMARKS))
    register_benchmark(Benchmark("modelled", run, ("test",), "test", ("scores.f1",), "m", "", takes_model="a folder"))
    (tmp_path / "model").mkdir()
    result = run_benchmark("modelled", tmp_path, model=tmp_path / "model")
    assert calls == [tmp_path / "model"]
    assert result["command"].endswith(f"--model {tmp_path / 'model'}")
    run_benchmark("modelled", tmp_path)
    assert calls[-1] is None
    with pytest.raises(ConsilienceError, match="no such model folder"):
        run_benchmark("modelled", tmp_path, model=tmp_path / "missing")


def test_registry_refuses_a_model_for_a_benchmark_without_one(fake):
    _, data = fake
    with pytest.raises(ConsilienceError, match="fake takes no --model"):
        run_benchmark("fake", data, model=data)


def test_registry_ecbplus_takes_a_cross_encoder_folder():
    assert "train_cross_encoder" in find_benchmark("ecbplus").takes_model


def test_registry_cli_eval_model_for_a_benchmark_without_one_exits_2(fake):
    _calls, data = fake
    result = CliRunner().invoke(main, ["eval", "fake", "--data", str(data), "--model", str(data)])
    assert result.exit_code == 2
    assert "fake takes no --model" in result.output
