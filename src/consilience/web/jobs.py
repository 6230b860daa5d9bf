"""Adding reports from the web: analysis in a background thread, waiting jobs batched, with progress.

A new report must land in its story, but `analyze` groups only the reports of its own run. So a
job analyses the new inputs (stored like any CLI run), then regroups the stored reports and saves
the stories again: the new report joins the story it belongs to, and stories it changed are
re-aligned and re-judged. Jobs that queued while another ran are taken together: each is
analysed on its own, then one regroup serves them all.

Concurrency: the whole job holds the database's story lock (store.lock), so jobs of several
servers on one file queue. A concurrent CLI run commits its reports chunk by chunk and groups
them at its end; until then they are in no story, and the regroup leaves them to that run
(including them would let the run's own story save drop the regrouped stories' other members).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ..engine import analyze, corpus_pipeline
from ..errors import ConsilienceError
from ..model import Analysis, Article, Problem
from ..pipeline import ProgressHook
from ..store import Store, open_store
from ..store.lock import hold_story_lock

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
# one regroup serves them all (regrouping costs the same for one new report as for thirty).
MAX_BATCH = 32

# (db path, each job's input files, each job's progress hook) -> each job's (analysis, ids of its stories)
ReportAdder = Callable[[str, list[list[Path]], list[ProgressHook]], list[tuple[Analysis, list[str]]]]


def add_reports(db_path: str, batches: list[list[Path]],
                progresses: list[ProgressHook]) -> list[tuple[Analysis, list[str]]]:
    """Analyse and store each job's inputs, then regroup once so every new report joins its story."""
    with open_store(db_path) as store, lock_stories(db_path):
        # One parse process: forking spaCy workers from inside a threaded server invites deadlocks.
        results = [analyze([str(p) for p in inputs], db=ArticlesOnly(store), progress=progress, n_process=1)
                   for inputs, progress in zip(batches, progresses)]
        new = {a.id for added in results for a in added.articles}
        if not new:
            return [(added, []) for added in results]
        for progress in progresses:
            progress("stories", 0, 1)
        corpus = Analysis(articles=select_regroup_articles(store, new))
        corpus_pipeline().run(corpus)
        store.save_stories(corpus.stories)  # one transaction: readers see the old stories or the new
        for progress in progresses:
            progress("stories", 1, 1)
    return [(added, [s.id for s in corpus.stories if {a.id for a in added.articles}.intersection(s.articles)])
            for added in results]


def select_regroup_articles(store: Store, added: set[str]) -> list[Article]:
    """The reports a job regroups: those already in a story, and the job's own.

    A stored report in no story belongs to a run still in progress (or one that was killed,
    whose re-run groups it); that run saves its own stories.
    """
    grouped = {a for members in store.load_story_members().values() for a in members}
    return [a for a in store.list_articles() if a.id in grouped or a.id in added]


def is_local_file(db_path: str) -> bool:
    """True for an SQLite file path (the story lock is a file beside it), False for a database URL."""
    return "://" not in db_path and db_path != ":memory:"


def lock_stories(db_path: str) -> AbstractContextManager[None]:
    """The story lock of a local database file; none for a database URL (a server serialises itself)."""
    return hold_story_lock(db_path) if is_local_file(db_path) else nullcontext()


class ArticlesOnly:
    """The store as `analyze` sees it inside a job: reports are saved, the run's own stories are not.

    The job saves stories once, after regrouping; letting `analyze` save its partial grouping first
    would briefly drop the stories a re-uploaded report was in, with their other members.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def save_stories(self, stories) -> None:
        """Skipped on purpose: see the class docstring."""

    def __getattr__(self, name: str):
        return getattr(self._store, name)


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
