"""The per-report stages (annotate, claims) on Ray actors, each loading the spaCy model once.

`RayRunner` is an `engine.ChunkRunner`: `analyze()` keeps its own chunking, storing and resuming
and hands each chunk to the runner, which cuts it into slices and maps them over a pool of
`ReportWorker` actors. Only plain model data crosses process boundaries: a worker gets
`Article`s and returns them annotated with their claims (the spaCy Docs stay in the worker).
Ingest stays on the driver: it reads the caller's files and stdin, which cluster nodes cannot
see, and deduplicates across the whole batch. The corpus stages (stories, align, verdicts) need
every report at once, so they run on the driver after the chunks, as with the local engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Self

from ..engine import CHUNK, analyze, report_pipeline
from ..errors import ConsilienceError
from ..model import Analysis, Article, ClaimGroup, Story
from .slices import (
    SLICE,
    SliceResult,
    SpreadAlign,
    merge_slices,
    run_slice,
    run_stages,
    slice_reports,
)

__all__ = ["SLICE", "RayAlign", "RayEngineError", "RayRunner", "ReportWorker", "SliceResult", "analyze_on_ray",
           "merge_slices", "run_stages", "slice_reports"]

# A local instance started by this module: the chunks in flight are small, so is the object store.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


class RayEngineError(ConsilienceError):
    """Ray is missing, the cluster cannot be reached, or a worker died while analysing reports."""


class ReportWorker:
    """A Ray actor's body: builds the report pipeline and loads its models once, then runs slices."""

    def __init__(self) -> None:
        from ..annotate.nlp import load_nlp

        # One CPU per actor: MiniLM (align) runs on one onnxruntime thread, the other actors use the other cores.
        os.environ["CONSILIENCE_ONNX_THREADS"] = "1"
        load_nlp()  # load now, so the first slice does not pay for it
        self.pipeline = report_pipeline(1)
        self._align = None  # the align stage, built on the first story

    def pid(self) -> int:
        """The worker's process id: proves it started (and lets tests and operators find it)."""
        return os.getpid()

    def run(self, articles: list[Article], reference_date: str | None) -> SliceResult:
        """Annotate and extract claims from `articles`; the Docs are dropped before returning."""
        return run_slice(self.pipeline, articles, reference_date)

    def align(self, story: Story, articles: list[Article]) -> list[ClaimGroup]:
        """The claim groups of one story (the align stage with its default models)."""
        if self._align is None:
            from ..align.align import AlignClaims

            self._align = AlignClaims()
        self._align(Analysis(articles=articles, stories=[story]))
        return story.claims


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise RayEngineError(
            "--engine ray needs Ray: pip install 'consilience[ray]' (ray==2.60.0), or use --engine local."
        ) from exc
    return ray


class RayRunner:
    """Runs the per-report stages of `analyze()` on `workers` Ray actors; use it as a context manager.

    address: None starts a private local Ray instance (or reuses one already initialised in this
    process); "auto" joins the cluster this machine belongs to; "ray://head:10001" connects
    through Ray Client. workers: actors to start, 0 for one per CPU the cluster offers.
    """

    def __init__(self, address: str | None = None, workers: int = 0) -> None:
        if workers < 0:
            raise ValueError(f"workers must be 0 (one per CPU) or more, got {workers}")
        self.address = address
        self.workers = workers
        self.chunk_size = CHUNK * max(workers, 1)
        self._ray: Any = None
        self._started_ray = False
        self._actors: list[Any] = []

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.close()  # a half-started runner must not leave workers or a Ray instance behind
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Connect to (or start) Ray and start the workers; each loads its models before this returns."""
        ray = self._ray = _import_ray()
        if not ray.is_initialized():
            self._started_ray = True
            try:
                if self.address is None:
                    ray.init(num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False,
                             log_to_driver=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES)
                else:
                    ray.init(address=self.address, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise RayEngineError(f"cannot start or reach Ray at {self.address or 'a new local instance'}: "
                                     f"{exc}. Check --address (e.g. auto or ray://HEAD:10001).") from exc
        workers = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.chunk_size = CHUNK * workers
        actor = ray.remote(num_cpus=1, max_restarts=0)(ReportWorker)
        self._actors = [actor.remote() for _ in range(workers)]
        self._get([a.pid.remote() for a in self._actors], "starting the workers")

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers."""
        return self._get([a.pid.remote() for a in self._actors], "asking the workers")

    def run_chunk(self, part: Analysis) -> Analysis:
        """Annotate and extract claims from the reports of `part` on the workers; same result as locally."""
        if not self._actors:
            raise RayEngineError("RayRunner is not started: use it as `with RayRunner(...) as runner:`.")
        from ray.util import ActorPool

        slices = slice_reports(part.articles, len(self._actors))
        pool = ActorPool(self._actors)
        mapped = pool.map(lambda actor, s: actor.run.remote(s, part.reference_date), slices)
        where = f"{len(part.articles)} report(s) from {_where(part.articles[0])} to {_where(part.articles[-1])}"
        results = self._collect(mapped, where)
        return merge_slices(part, results)

    def run_chunks(self, parts: Iterable[Analysis]) -> Iterator[Analysis]:
        """`run_chunk` over each part, in order."""
        return (self.run_chunk(part) for part in parts)

    def align_stage(self) -> RayAlign:
        """The align stage for `analyze`: stories aligned on this runner's workers (engine.runner_align_stage)."""
        return RayAlign(self)

    def align_in_order(self, jobs: list[tuple[Story, list[Article]]]) -> list[list[ClaimGroup]]:
        """The claim groups of each (story, its reports) of `jobs`, in that order, aligned on the workers."""
        if not self._actors:
            raise RayEngineError("RayRunner is not started: use it as `with RayRunner(...) as runner:`.")
        from ray.util import ActorPool

        mapped = ActorPool(self._actors).map(lambda actor, job: actor.align.remote(*job), jobs)
        try:
            return list(mapped)
        except self._ray.exceptions.RayError as exc:
            raise RayEngineError(f"a Ray worker failed while aligning claims: {_first_line(exc)}. "
                                 "Nothing of this run's stories was saved; re-run, or use --engine local.") from exc

    def close(self) -> None:
        """Stop the workers, and the local Ray instance when this runner started it."""
        if self._ray is None:
            return
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._started_ray:
            self._ray.shutdown()
            self._started_ray = False

    def _get(self, refs: list[Any], doing: str) -> list[Any]:
        try:
            return self._ray.get(refs)
        except self._ray.exceptions.RayError as exc:
            raise RayEngineError(f"a Ray worker failed while {doing}: {_first_line(exc)}") from exc

    def _collect(self, mapped: Any, where: str) -> list[SliceResult]:
        try:
            return list(mapped)
        except self._ray.exceptions.RayError as exc:
            # Chunks stored before this one are kept; this one is not half-written, so a re-run resumes.
            raise RayEngineError(
                f"a Ray worker failed on {where}: {_first_line(exc)}. Nothing of this chunk was stored; "
                "reports of earlier chunks were. Re-run the same command to resume."
            ) from exc


class RayAlign(SpreadAlign):
    """Pipeline stage: the align stage with its stories spread over a RayRunner's actors (SpreadAlign)."""

    def __init__(self, runner: RayRunner) -> None:
        self.runner = runner

    def align_in_order(self, jobs: list[tuple[Story, list[Article]]]) -> list[list[ClaimGroup]]:
        return self.runner.align_in_order(jobs)


def _where(article: Article) -> str:
    return article.path or article.id


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0].rstrip('.') if text else ''}"


def analyze_on_ray(inputs: Sequence[str | Path], *, address: str | None = None, workers: int = 0,
                   **options: Any) -> Analysis:
    """`engine.analyze` with the per-report stages on Ray; `options` are analyze()'s keyword arguments."""
    with RayRunner(address, workers) as runner:
        return analyze(inputs, runner=runner, **options)
