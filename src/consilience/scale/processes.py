"""The per-report stages (annotate, claims) on a pool of local worker processes.

spaCy's own `n_process` parallelises only the parse and starts its workers again for every
`nlp.pipe` call (every chunk), each reloading the model; places, times and claims then run in the
parent alone. `ProcessRunner` keeps `workers` processes for the whole run, each holding the report
pipeline (and its models) once, and ships them slices of plain `Article`s, so everything
per-report runs in parallel. Workers are started with "spawn": no state of a threaded parent
(the web server, an open SQLite connection) is inherited by a fork.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Self

from ..engine import CHUNK
from ..errors import ConsilienceError
from ..model import Analysis, Article
from .ray_engine import ReportWorker, SliceResult, merge_slices, slice_reports

_worker: ReportWorker | None = None


class WorkerPoolError(ConsilienceError):
    """A worker process died (killed, out of memory) while analysing reports."""


def _start_worker() -> None:
    global _worker
    _worker = ReportWorker()


def _run_slice(articles: list[Article], reference_date: str | None) -> SliceResult:
    assert _worker is not None, "worker initializer did not run"
    return _worker.run(articles, reference_date)


class ProcessRunner:
    """Runs the per-report stages of `analyze()` on `workers` local processes; a context manager."""

    def __init__(self, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"workers must be 1 or more, got {workers}")
        self.workers = workers
        self.chunk_size = CHUNK * workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_worker)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run_chunk(self, part: Analysis) -> Analysis:
        """Annotate and extract claims from the reports of `part` on the workers; same result as in-process."""
        if self._pool is None:
            raise WorkerPoolError("ProcessRunner is not started: use it as `with ProcessRunner(n) as runner:`.")
        slices = slice_reports(part.articles, self.workers)
        try:
            results = list(self._pool.map(_run_slice, slices, [part.reference_date] * len(slices)))
        except BrokenProcessPool as exc:
            raise WorkerPoolError(
                f"a worker process died while analysing {len(part.articles)} report(s): {exc}. Nothing of "
                "this chunk was stored; reports of earlier chunks were. Re-run the same command to resume."
            ) from exc
        return merge_slices(part, results)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
