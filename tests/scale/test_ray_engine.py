"""The Ray engine: same output as the local engine, plain data across processes, clear failures."""

from __future__ import annotations

import json
import os
import pickle
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from consilience.cli import main
from consilience.engine import analyze, runner_align_stage
from consilience.model import Analysis, Article, Problem
from consilience.outputs import render
from consilience.pipeline import Pipeline
from consilience.scale import RayEngineError, RayRunner
from consilience.scale.ray_engine import (
    SLICE,
    RayAlign,
    SliceResult,
    merge_slices,
    run_stages,
    slice_reports,
)
from consilience.store import open_store

REPO = Path(__file__).resolve().parents[2]
HAMA = REPO / "examples" / "hama"
OTHER = REPO / "tests" / "data" / "other-events"


def _article(n: int) -> Article:
    return Article(id=f"a{n}", text=f"report {n}", source="wire", path=f"r{n}.txt")


def _json_without_timings(result: Analysis) -> dict:
    data = json.loads(render(result, "json"))
    data.pop("timings")
    return data


# --- slicing and merging: plain logic, no Ray ----------------------------------------------------


@pytest.mark.parametrize("reports, workers, sizes", [
    (4, 2, [2, 2]),
    (5, 2, [3, 2]),
    (1, 4, [1]),
    (0, 2, []),
    (40, 1, [SLICE, SLICE, 40 - 2 * SLICE]),
])
def test_ray_engine_slices_cover_every_report_in_order(reports, workers, sizes):
    articles = [_article(i) for i in range(reports)]
    slices = slice_reports(articles, workers)
    assert [len(s) for s in slices] == sizes
    assert [a for s in slices for a in s] == articles


def test_ray_engine_merge_orders_problems_like_one_local_run():
    def problem(stage: str, n: int) -> Problem:
        return Problem(code="E013", input=f"r{n}.txt", message=stage)

    first = SliceResult([_article(0)], [[problem("annotate", 1)], [problem("claims", 0)]], {"annotate": 1.0})
    second = SliceResult([_article(2)], [[problem("annotate", 3)], [problem("claims", 2)]], {"annotate": 2.0})
    part = merge_slices(Analysis(articles=[_article(n) for n in range(4)]), [first, second])
    assert [a.id for a in part.articles] == ["a0", "a2"]
    # Locally a chunk reports every annotate failure before any claims failure.
    assert [(p.message, p.input) for p in part.problems] == [
        ("annotate", "r1.txt"), ("annotate", "r3.txt"), ("claims", "r0.txt"), ("claims", "r2.txt")]
    assert part.timings == {"annotate": 3.0}


def test_ray_engine_run_stages_keeps_each_stage_problems_apart():
    class Flag:
        requires = assigns = ()

        def __init__(self, name: str, bad: str) -> None:
            self.name, self.bad = name, bad

        def __call__(self, analysis: Analysis) -> Analysis:
            analysis.problems.append(Problem(code="E013", input=self.bad, message=self.name))
            return analysis

    part = Analysis(articles=[_article(0)])
    by_stage = run_stages(Pipeline([Flag("annotate", "x"), Flag("claims", "y")]), part)
    assert [[p.input for p in ps] for ps in by_stage] == [["x"], ["y"]]
    assert set(part.timings) == {"annotate", "claims"}


def test_ray_engine_unstarted_runner_refuses_to_run():
    with pytest.raises(RayEngineError, match="not started"):
        RayRunner(workers=1).run_chunk(Analysis(articles=[_article(0)]))


def test_ray_engine_address_needs_the_ray_engine():
    result = CliRunner().invoke(main, ["analyze", str(HAMA), "--address", "auto", "--no-store"])
    assert result.exit_code == 2
    assert "--address needs --engine ray" in result.output


# --- on a local Ray instance started here -------------------------------------------------------


@pytest.fixture(scope="module")
def ray_instance():
    """One small local Ray instance for every test below (startup takes 10-20 s on 2 cores)."""
    ray = pytest.importorskip("ray")
    # 3 logical CPUs: the shared runner's 2 workers plus 1 for the CLI test; idle actors use no CPU.
    ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False, object_store_memory=128 * 1024 * 1024)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def ray_runner(ray_instance):
    with RayRunner(workers=2) as runner:
        yield runner


@pytest.mark.slow
@pytest.mark.parametrize("inputs, chunk_size", [([HAMA], None), ([OTHER], None), ([HAMA, OTHER], 3)],
                         ids=["hama", "other-events", "both-in-chunks-of-3"])
def test_ray_engine_output_is_identical_to_local(ray_runner, inputs, chunk_size, monkeypatch):
    if chunk_size:
        monkeypatch.setattr(ray_runner, "chunk_size", chunk_size)  # several chunks, several slices each
    remote = analyze(inputs, store=False, runner=ray_runner)
    local = analyze(inputs, store=False)
    assert remote.articles and all(a.claims for a in remote.articles)
    assert _json_without_timings(remote) == _json_without_timings(local)


@pytest.mark.slow
def test_ray_engine_stores_complete_reports_and_resumes_locally(ray_runner, tmp_path):
    db = tmp_path / "c.db"
    remote = analyze([HAMA], db=db, runner=ray_runner)
    with open_store(db) as store:
        stored = store.list_articles()
    assert len(stored) == 4 and all(a.claims for a in stored)
    again = analyze([HAMA], db=db)  # everything is known: loaded from the store, nothing re-analysed
    assert "annotate" not in again.timings
    assert _json_without_timings(again) == _json_without_timings(remote)


@pytest.mark.slow
def test_ray_engine_reports_bad_input_like_local(ray_runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text((HAMA / "northern-wire.txt").read_text(encoding="utf-8"), encoding="utf-8")
    remote = analyze([tmp_path, tmp_path / "missing.txt"], store=False, runner=ray_runner)
    local = analyze([tmp_path, tmp_path / "missing.txt"], store=False)
    assert {p.code for p in remote.problems} >= {"E001", "E003"}
    assert remote.problems == local.problems
    assert [a.id for a in remote.articles] == [a.id for a in local.articles]


@pytest.mark.slow
def test_ray_engine_workers_are_separate_processes_returning_plain_data(ray_runner):
    pids = ray_runner.worker_pids()
    assert len(set(pids)) == 2 and os.getpid() not in pids
    part = ray_runner.run_chunk(Analysis(articles=[a for a in analyze([HAMA], store=False).articles]))
    assert part.docs == {}
    assert pickle.loads(pickle.dumps(part.articles)) == part.articles  # no spaCy object inside


@pytest.mark.slow
def test_ray_engine_aligns_stories_on_its_workers_like_the_local_stage(ray_runner):
    stage = runner_align_stage(ray_runner)
    assert isinstance(stage, RayAlign)
    grouped = analyze([HAMA, OTHER], store=False)  # three stories, aligned locally
    local = [[[m.claim for m in g.mentions] for g in s.claims] for s in grouped.stories]
    for story in grouped.stories:
        story.claims = []
    stage(grouped)
    assert len(grouped.stories) == 3 and any(s.claims for s in grouped.stories)
    assert [[[m.claim for m in g.mentions] for g in s.claims] for s in grouped.stories] == local


@pytest.mark.slow
def test_ray_engine_cli_output_matches_local(ray_runner):
    cli = CliRunner()
    args = ["analyze", str(HAMA), "--no-store", "--format", "json", "--quiet"]
    remote = cli.invoke(main, [*args, "--engine", "ray", "--workers", "1"])
    local = cli.invoke(main, args)
    assert remote.exit_code == 0, remote.output
    for result in (remote, local):
        result.data = json.loads(result.stdout)
        result.data.pop("timings")
    assert remote.data == local.data


@pytest.mark.slow
def test_ray_engine_dead_worker_stops_the_batch_with_a_clear_error(ray_instance, tmp_path):
    db = tmp_path / "c.db"
    with RayRunner(workers=1) as runner:
        os.kill(runner.worker_pids()[0], signal.SIGKILL)  # the worker dies, as in an OOM kill
        with pytest.raises(RayEngineError, match=r"Ray worker failed on 4 report\(s\) from .*Re-run"):
            analyze([HAMA], db=db, runner=runner)
    with open_store(db) as store:
        assert store.count_articles() == 0  # nothing half-written
