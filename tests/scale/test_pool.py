"""The local worker pool of the per-report stages: same output as one process, in input order."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from consilience import engine
from consilience.cli import main
from consilience.engine import analyze
from consilience.model import Analysis
from consilience.outputs import render
from consilience.scale import pool
from consilience.scale.pool import PoolRunner, WorkerPoolError, start_method
from consilience.store import open_store

REPO = Path(__file__).resolve().parents[2]
HAMA = REPO / "examples" / "hama"
OTHER = REPO / "tests" / "data" / "other-events"


def _json_without_timings(result: Analysis) -> dict:
    data = json.loads(render(result, "json"))
    data.pop("timings")
    return data


def test_pool_needs_two_workers():
    with pytest.raises(ValueError, match="at least 2 workers"):
        pool.shared_pool(1)


def test_pool_local_runner_is_in_process_for_one_worker():
    assert isinstance(engine.local_runner(1), engine.LocalRunner)


def test_pool_forks_only_a_single_threaded_process():
    assert start_method() == "fork"  # pytest runs tests on its main thread only
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert start_method() == "forkserver"
    finally:
        release.set()
        other.join()


@pytest.mark.slow
def test_pool_cli_workers_2_output_equals_workers_1():
    cli = CliRunner()
    args = ["analyze", str(HAMA), "--no-store", "--format", "json", "--quiet"]
    outputs = []
    for workers in ("1", "2"):
        result = cli.invoke(main, [*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        data.pop("timings")
        outputs.append(data)
    assert outputs[0]["stories"] and outputs[0] == outputs[1]


@pytest.mark.slow
@pytest.mark.parametrize("chunk_size", [None, 3], ids=["one-chunk", "chunks-of-3"])
def test_pool_output_and_order_equal_one_process(chunk_size, monkeypatch):
    inputs = [HAMA, OTHER]
    if chunk_size:
        monkeypatch.setattr(engine, "CHUNK", 1)  # chunk_size = CHUNK * workers: several chunks, queued ahead
        monkeypatch.setattr(pool, "POOL_SLICE", 1)  # several slices per chunk, finishing out of order
    pooled = analyze(inputs, store=False, n_process=2)
    local = analyze(inputs, store=False, n_process=1)
    assert [a.id for a in pooled.articles] == [a.id for a in local.articles]
    assert all(a.claims for a in pooled.articles)
    assert _json_without_timings(pooled) == _json_without_timings(local)


@pytest.mark.slow
def test_pool_reports_bad_input_like_one_process(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text((HAMA / "northern-wire.txt").read_text(encoding="utf-8"), encoding="utf-8")
    pooled = analyze([tmp_path, tmp_path / "missing.txt"], store=False, n_process=2)
    local = analyze([tmp_path, tmp_path / "missing.txt"], store=False, n_process=1)
    assert {p.code for p in pooled.problems} >= {"E001", "E003"}
    assert pooled.problems == local.problems
    assert [a.id for a in pooled.articles] == [a.id for a in local.articles]


@pytest.mark.slow
def test_pool_is_started_once_and_returns_plain_data():
    first = PoolRunner(2, chunk_size=8)
    part = first.run_chunk(Analysis(articles=analyze([HAMA], store=False).articles))
    assert part.docs == {} and all(a.claims for a in part.articles)
    assert pickle.loads(pickle.dumps(part.articles)) == part.articles  # no spaCy object inside
    workers = {p.pid for p in multiprocessing.active_children()}
    assert len(workers) >= 2 and os.getpid() not in workers
    PoolRunner(2, chunk_size=8).run_chunk(Analysis(articles=part.articles[:1]))
    assert workers <= {p.pid for p in multiprocessing.active_children()}  # the same processes, reused


@pytest.mark.slow
def test_pool_dead_worker_stops_the_batch_with_a_clear_error_and_recovers(tmp_path):
    runner = PoolRunner(2, chunk_size=8)
    runner.run_chunk(Analysis(articles=analyze([HAMA / "northern-wire.txt"], store=False).articles))
    # The executor's own table of its processes: kill only this pool's workers, as an OOM kill would.
    for pid in list(runner._pool._processes):
        os.kill(pid, signal.SIGKILL)
    db = tmp_path / "c.db"
    with pytest.raises(WorkerPoolError, match="worker process died.*re-run"):
        analyze([HAMA], db=db, runner=runner)
    with open_store(db) as store:
        assert store.count_articles() == 0  # nothing half-written
    assert analyze([HAMA], db=db, n_process=2).articles  # a fresh pool takes over


@pytest.mark.slow
def test_pool_ingest_aligns_touched_stories_like_one_process(tmp_path, monkeypatch):
    from consilience.engine import ingest

    aligned_on_pool = []
    original = pool.PoolAlign.__call__

    def spy(self, analysis):
        aligned_on_pool.append(len(analysis.stories))
        return original(self, analysis)

    monkeypatch.setattr(pool.PoolAlign, "__call__", spy)
    pooled = ingest([HAMA, OTHER], db=tmp_path / "pooled.db", n_process=2)
    local = ingest([HAMA, OTHER], db=tmp_path / "local.db", n_process=1)
    assert aligned_on_pool  # workers=2: the touched stories went to the pool
    assert len(pooled.stories) >= 2
    assert [(s.id, s.articles, s.claims) for s in pooled.stories] == [(s.id, s.articles, s.claims) for s in local.stories]


@pytest.mark.slow
def test_pool_workers_run_one_blas_thread():
    from concurrent.futures import wait

    from threadpoolctl import threadpool_info

    executor = pool.shared_pool(2)
    infos = [f.result() for f in wait([executor.submit(threadpool_info) for _ in range(4)]).done]
    assert all(lib["num_threads"] == 1 for info in infos for lib in info if lib["user_api"] == "blas")
