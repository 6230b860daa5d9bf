"""The per-report stages (annotate, claims) and the align stage on a pool of local worker processes.

`PoolRunner` is the `engine.ChunkRunner` of `analyze(..., n_process=N)` for N > 1. Each worker
loads spaCy and the gazetteer once and runs annotate *and* claims over a slice of reports end to
end, returning the compact `Article`s (annotations and claims, never a spaCy Doc). spaCy's own
`nlp.pipe(n_process=N)`, used before, sent every Doc back to be unpickled here, left places,
times, quantities and claims to this one process, and started its workers again for each chunk:
two processes ran slower than a bare one-process spaCy pass. `PoolAlign` then aligns whole
stories on the same workers, one onnxruntime thread each.

Slices are submitted one chunk ahead, so the workers never wait while this process stores a
chunk; results are folded back in input order, so the output is the one-process output. The
pool is started on first use and kept for the life of this process (models load once).

Workers are forked from a single-threaded process (the CLI, scripts, the benchmark): they inherit
the imported libraries (and spaCy, when it is loaded already) for free, and need no
`if __name__ == "__main__"` guard in the caller's script. A threaded host (the web app) gets
forkserver workers instead: a forked child can inherit a lock held by another thread. A worker
opens its own MiniLM session, never the parent's (a copied onnxruntime session has lost its
thread pool). Workers ignore Ctrl-C; this process cancels what it queued."""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import ConsilienceError
from ..model import Analysis, Article, ClaimGroup, Story
from ..pipeline import Pipeline
from .slices import (
    SliceResult,
    SpreadAlign,
    merge_slices,
    run_slice,
    slice_reports,
    taper_slices,
)

# Reports per task; spaCy batches within a slice. Slices of 16 take about 5% less CPU per report
# than slices of 8 (BASIL, one process); the last chunk of a run is cut into tapering slices
# (slices.taper_slices), so both workers still finish together.
POOL_SLICE = 16
CHUNKS_AHEAD = 1  # chunks queued beyond the one being collected: bounds the results held in memory

_pools: dict[int, ProcessPoolExecutor] = {}
_worker_pipeline: Pipeline | None = None  # set in each worker process by _start_worker
_worker_align = None  # the align stage of a worker process, built on its first story


class WorkerPoolError(ConsilienceError):
    """A worker process of the local pool died (out of memory, killed) while analysing reports."""


def _start_worker() -> None:
    """Worker initializer: load the models of the per-report stages once."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.environ["CONSILIENCE_ONNX_THREADS"] = "1"  # MiniLM (align): the sibling workers use the other cores
    from threadpoolctl import threadpool_limits

    # One BLAS thread too: OpenBLAS threads spin between calls, and the align stage's many small
    # products (claims x claims of one story) cost a quarter more CPU with them than without.
    threadpool_limits(limits=1)
    from ..annotate.gazetteer import load_gazetteer
    from ..annotate.nlp import load_nlp
    from ..engine import report_pipeline

    load_nlp()
    load_gazetteer()
    _worker_pipeline = report_pipeline()


def _analyse_slice(articles: list[Article], reference_date: str | None) -> SliceResult:
    """Run in a worker: annotate and extract claims from one slice of reports."""
    assert _worker_pipeline is not None, "worker started without _start_worker"
    return run_slice(_worker_pipeline, articles, reference_date)


def _align_story(story: Story, articles: list[Article]) -> list[ClaimGroup]:
    """Run in a worker: the claim groups of one story (the align stage with its default models)."""
    global _worker_align
    if _worker_align is None:
        from ..align.align import AlignClaims
        from ..stories.embed import load_embedder, load_minilm

        # A MiniLM of its own: an onnxruntime session inherited from a forking parent (the
        # process-wide load_embedder cache) has lost its thread pool and would hang.
        _worker_align = AlignClaims(embedder=load_minilm(), blocker=load_embedder("wordllama"))
    _worker_align(Analysis(articles=articles, stories=[story]))
    return story.claims


def start_method() -> str:
    """'fork' for a single-threaded process, else 'forkserver' (see the module doc)."""
    return "fork" if threading.active_count() == 1 else "forkserver"


def shared_pool(workers: int) -> ProcessPoolExecutor:
    """The pool of `workers` processes of this process, started on first use and reused afterwards."""
    if workers < 2:
        raise ValueError(f"a worker pool needs at least 2 workers, got {workers}")
    pool = _pools.get(workers)
    if pool is None:
        context = multiprocessing.get_context(start_method())
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
        _pools[workers] = pool
    return pool


def close_pools() -> None:
    """Stop every worker pool of this process (also run at exit)."""
    while _pools:
        _, pool = _pools.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(close_pools)


class PoolRunner:
    """Runs the per-report stages of `analyze()` on a shared pool of `workers` local processes."""

    def __init__(self, workers: int, chunk_size: int) -> None:
        self.workers = workers
        self.chunk_size = chunk_size
        self._pool = shared_pool(workers)

    def run_chunk(self, part: Analysis) -> Analysis:
        """Annotate and extract claims from the reports of `part`; the same result as in one process."""
        return next(iter(self.run_chunks([part])))

    def run_chunks(self, parts: Iterable[Analysis]) -> Iterator[Analysis]:
        """`run_chunk` over each part, in order, with the next chunk's slices already queued."""
        pending: deque[tuple[Analysis, list[Future]]] = deque()
        parts = iter(parts)
        part = next(parts, None)
        try:
            while part is not None:
                following = next(parts, None)  # known before submitting: the last chunk is sliced tapering
                pending.append((part, self._submit(part, last=following is None)))
                part = following
                if len(pending) > CHUNKS_AHEAD:
                    yield self._collect(*pending.popleft())
            while pending:
                yield self._collect(*pending.popleft())
        finally:
            # Interrupted (Ctrl-C, a failed store): queued slices are dropped, running ones finish.
            for _, futures in pending:
                for future in futures:
                    future.cancel()

    def _submit(self, part: Analysis, last: bool = False) -> list[Future]:
        cut = taper_slices if last else slice_reports
        try:
            return [self._pool.submit(_analyse_slice, s, part.reference_date)
                    for s in cut(part.articles, self.workers, POOL_SLICE)]
        except BrokenProcessPool as exc:
            raise self._broken(part, exc) from exc

    def _collect(self, part: Analysis, futures: list[Future]) -> Analysis:
        try:
            results = [f.result() for f in futures]
        except BrokenProcessPool as exc:
            raise self._broken(part, exc) from exc
        return merge_slices(part, results)

    def _broken(self, part: Analysis, exc: BaseException) -> WorkerPoolError:
        # The next call starts a fresh pool rather than failing on this broken one.
        if _pools.get(self.workers) is self._pool:
            del _pools[self.workers]
        self._pool.shutdown(wait=False, cancel_futures=True)
        first = part.articles[0].path or part.articles[0].id if part.articles else "?"
        return WorkerPoolError(f"a worker process died while analysing reports from {first} ({exc}). "
                               "Reports of earlier chunks were stored; re-run the same command to resume, "
                               "or use --workers 1.")


class PoolAlign(SpreadAlign):
    """Pipeline stage: the align stage with its stories spread over the worker pool (SpreadAlign)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def align_in_order(self, jobs: list[tuple[Story, list[Article]]]) -> list[list[ClaimGroup]]:
        executor = shared_pool(self.workers)
        futures: list[Future] = []
        try:
            for story, articles in jobs:
                futures.append(executor.submit(_align_story, story, articles))
            return [future.result() for future in futures]
        except BrokenProcessPool as exc:
            if _pools.get(self.workers) is executor:
                del _pools[self.workers]
            executor.shutdown(wait=False, cancel_futures=True)
            raise WorkerPoolError(f"a worker process died while aligning claims ({exc}); "
                                  "nothing of this run's stories was saved. Re-run, or use --workers 1.") from exc
        finally:
            for future in futures:
                future.cancel()
