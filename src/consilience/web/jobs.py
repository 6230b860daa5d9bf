"""Adding reports from the web: analysis in a background thread, waiting jobs batched, with progress.

A job takes the same incremental path as `consilience ingest`: its reports are analysed and
stored (engine.store_reports), then each joins the stored story it belongs to or starts one
(engine.assign_stories); only the stories that changed are re-aligned and re-judged, so a job
costs the same however big the store is. Jobs that queued while another ran are taken together:
each is analysed on its own, then one story step serves them all.

Concurrency: the story step holds the store's story lock (store.lock: a file lock beside an
SQLite file, an advisory lock in PostgreSQL), as CLI `analyze` and `ingest` runs do, so writers of
one database take turns there. The per-report analysis runs outside the lock. A concurrent CLI run
commits its reports chunk by chunk and groups them at its end; until then they are in no story,
and a job's story step leaves them to that run.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ..engine import assign_stories, store_reports
from ..errors import ConsilienceError
from ..model import Analysis, Problem
from ..pipeline import ProgressHook
from ..store import open_store

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".csv")


@dataclass
class JobStatus:
    """What the progress endpoint shows about one job."""

    id: str
    state: str = "queued"  # queued | running | done | failed
    stage: str = "queued"
    done: int = 0
    total: int = 0
    articles: list[str] = field(default_factory=list)  # ids of the reports this job added
    stories: list[str] = field(default_factory=list)  # the stories they are in now
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


# Jobs waiting together are run as one batch: each job's inputs are analysed on their own, then
# one story step serves them all (it rebuilds the index of the stories in the window once).
MAX_BATCH = 32

# (db path, each job's input files, each job's progress hook) -> each job's (analysis, ids of its stories)
ReportAdder = Callable[[str, list[list[Path]], list[ProgressHook]], list[tuple[Analysis, list[str]]]]


def add_reports(db_path: str, batches: list[list[Path]],
                progresses: list[ProgressHook]) -> list[tuple[Analysis, list[str]]]:
    """Analyse and store each job's inputs, then put all their reports into stories in one locked step."""
    with open_store(db_path) as store:
        # One parse process: forking spaCy workers from inside a threaded server invites deadlocks.
        results = [store_reports([str(p) for p in inputs], store=store, progress=progress, n_process=1)
                   for inputs, progress in zip(batches, progresses)]
        # Two jobs may upload the same report: it joins its story once.
        added = Analysis(articles=list({a.id: a for r in results for a in r.articles}.values()))
        assign_stories(added, store, progress=broadcast_progress(progresses))
    return [(result, [s.id for s in added.stories if {a.id for a in result.articles}.intersection(s.articles)])
            for result in results]


def broadcast_progress(progresses: list[ProgressHook]) -> ProgressHook:
    """One progress hook reporting to every job of a batch (their shared story step)."""
    def progress(stage: str, done: int, total: int) -> None:
        for hook in progresses:
            hook(stage, done, total)

    return progress


def write_pasted(folder: Path, text: str, title: str | None, source: str | None, published: str | None) -> Path:
    """A text file holding a pasted report, its metadata as YAML front matter (safely quoted)."""
    fields = {k: v for k, v in (("title", title), ("source", source), ("published", published)) if v}
    header = f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n" if fields else ""
    path = folder / "pasted.txt"
    path.write_text(header + text, encoding="utf-8")
    return path


def safe_upload_name(filename: str | None) -> str:
    """A harmless local file name keeping the upload's suffix, which tells ingest its format."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValueError(
            f"{filename!r}: unsupported file type. Upload one of {', '.join(UPLOAD_SUFFIXES)}."
        )
    stem = "".join(ch for ch in Path(filename or "upload").stem if ch.isalnum() or ch in "-_")[:60]
    return (stem or "upload") + suffix


class JobRunner:
    """Runs report-adding jobs in one background thread (waiting jobs as one batch); keeps their status in memory."""

    def __init__(self, db_path: str, adder: ReportAdder = add_reports,
                 on_change: Callable[[], None] | None = None) -> None:
        self.db_path = db_path
        self._adder = adder
        self._on_change = on_change
        # One worker: jobs write the same store and load the same models, so they queue.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="consilience-job")
        self._jobs: dict[str, JobStatus] = {}
        self._waiting: list[tuple[JobStatus, Path, list[Path]]] = []
        self._lock = threading.Lock()

    def new_folder(self) -> Path:
        """A private temporary folder for one job's input files (removed when the job ends)."""
        return Path(tempfile.mkdtemp(prefix="consilience-job-"))

    def submit(self, folder: Path, inputs: list[Path]) -> JobStatus:
        """Queue a job over `inputs` (files inside `folder`); returns its status."""
        job = JobStatus(id=uuid.uuid4().hex[:16], total=len(inputs))
        with self._lock:
            self._jobs[job.id] = job
            self._waiting.append((job, folder, inputs))
        self._executor.submit(self._run_waiting)
        return job

    def get(self, job_id: str) -> JobStatus | None:
        """The status of a job, or None for an unknown id."""
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop accepting jobs and wait for the running one."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run_waiting(self) -> None:
        # Each submit queues one call; a call finding the jobs already taken by an earlier batch does nothing.
        with self._lock:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
        if not batch:
            return
        jobs = [job for job, _, _ in batch]
        for job in jobs:
            job.state, job.stage = "running", "reports"
        try:
            results = self._adder(self.db_path, [inputs for _, _, inputs in batch], [track_progress(j) for j in jobs])
            for job, (added, stories) in zip(jobs, results):
                finish_job(job, added, stories)
        except ConsilienceError as exc:
            for job in jobs:
                job.state, job.error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - the job boundary: record the failure, as a 500 would
            log.exception("jobs %s failed", ", ".join(job.id for job in jobs))
            for job in jobs:
                job.state, job.error = "failed", f"analysis failed ({type(exc).__name__}: {exc})."
        finally:
            for _, folder, _ in batch:
                shutil.rmtree(folder, ignore_errors=True)
            if self._on_change is not None:
                self._on_change()


def track_progress(job: JobStatus) -> ProgressHook:
    """A progress hook writing into `job`."""
    def progress(stage: str, done: int, total: int) -> None:
        job.stage, job.done, job.total = stage, done, total

    return progress


def finish_job(job: JobStatus, added: Analysis, stories: list[str]) -> None:
    """Record a job's outcome: done with its reports and stories, or failed when no report could be read."""
    job.articles = [a.id for a in added.articles]
    job.stories = stories
    job.problems = list(added.problems)
    job.state, job.stage = ("done" if added.articles else "failed"), "done"
    if not added.articles:
        job.error = "no report could be read from the input; see the problems."
