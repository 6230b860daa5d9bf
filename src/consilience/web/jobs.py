"""Adding reports from the web: analysis in a background thread, one job at a time, with progress.

A new report must land in its story, but `analyze` groups only the reports of its own run. So a
job analyses the new inputs (stored like any CLI run), then regroups every stored report and saves
the stories again: the new report joins the story it belongs to, and stories it changed are
re-aligned and re-judged.
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

from ..engine import analyze, corpus_pipeline
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


# (db path, input files, progress hook) -> (the analysis of the new inputs, ids of their stories)
ReportAdder = Callable[[str, list[Path], ProgressHook], tuple[Analysis, list[str]]]


def add_reports(db_path: str, inputs: list[Path], progress: ProgressHook) -> tuple[Analysis, list[str]]:
    """Analyse and store `inputs`, then regroup the whole store so they join their stories."""
    with open_store(db_path) as store:
        # One parse process: forking spaCy workers from inside a threaded server invites deadlocks.
        added = analyze([str(p) for p in inputs], db=store, progress=progress, n_process=1)
        if not added.articles:
            return added, []
        progress("stories", 0, 1)
        corpus = Analysis(articles=store.list_articles())
        corpus_pipeline().run(corpus)
        store.save_stories(corpus.stories)
        progress("stories", 1, 1)
    new = {a.id for a in added.articles}
    return added, [s.id for s in corpus.stories if new.intersection(s.articles)]


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
    """Runs report-adding jobs one at a time in a background thread; keeps their status in memory."""

    def __init__(self, db_path: str, adder: ReportAdder = add_reports,
                 on_change: Callable[[], None] | None = None) -> None:
        self.db_path = db_path
        self._adder = adder
        self._on_change = on_change
        # One worker: jobs write the same store and load the same models, so they queue.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="consilience-job")
        self._jobs: dict[str, JobStatus] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> Path:
        """A private temporary folder for one job's input files (removed when the job ends)."""
        return Path(tempfile.mkdtemp(prefix="consilience-job-"))

    def submit(self, folder: Path, inputs: list[Path]) -> JobStatus:
        """Queue a job over `inputs` (files inside `folder`); returns its status."""
        job = JobStatus(id=uuid.uuid4().hex[:16], total=len(inputs))
        with self._lock:
            self._jobs[job.id] = job
        self._executor.submit(self._run, job, folder, inputs)
        return job

    def get(self, job_id: str) -> JobStatus | None:
        """The status of a job, or None for an unknown id."""
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop accepting jobs and wait for the running one."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: JobStatus, folder: Path, inputs: list[Path]) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        job.state, job.stage = "running", "reports"
        try:
            added, stories = self._adder(self.db_path, inputs, progress)
            job.articles = [a.id for a in added.articles]
            job.stories = stories
            job.problems = list(added.problems)
            job.state, job.stage = ("done" if added.articles else "failed"), "done"
            if not added.articles:
                job.error = "no report could be read from the input; see the problems."
        except ConsilienceError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - the job boundary: record the failure, as a 500 would
            log.exception("job %s failed", job.id)
            job.state, job.error = "failed", f"analysis failed ({type(exc).__name__}: {exc})."
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            if self._on_change is not None:
                self._on_change()
