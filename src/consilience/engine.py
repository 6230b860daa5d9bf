"""`analyze`: the library call behind `consilience analyze` — reports in, stories and verdicts out.

Per-report stages (annotate, claims) run over chunks of reports, and each chunk is stored in one
transaction, so an interrupted run keeps every finished chunk and a re-run resumes without
duplicates: reports already stored complete are loaded instead of re-analysed. Corpus stages
(stories, align, verdicts) then run over all the reports of this run.

The story step reads stored stories, computes and saves new ones: with a store it runs under the
store's story lock (store.lock), so a CLI run, an `ingest` and a web job on one database take
turns there instead of saving stories computed without each other's reports. The per-report
stages, the slow part, run outside it. `delete_reports` takes the same lock to remove reports
and re-judge the stories they leave behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from .align.align import AlignClaims
from .annotate.stage import Annotate
from .claims.stage import ExtractClaims
from .ingest import Ingest, IngestOptions
from .model import Analysis, Story, StoryChange
from .pipeline import Pipeline, ProgressHook
from .store import open_store
from .store.base import Store
from .store.lock import lock_stories
from .stories.group import GroupStories, build_story
from .stories.incremental import AssignStories, IncrementalParams
from .verdicts.judge import JudgeClaims

CHUNK = 64
STORY_CHUNK = 256  # reports per incremental story-assignment transaction (ingest)
# Below this many reports to parse, starting worker processes (and loading spaCy in them) costs more than it saves.
PARALLEL_MIN = 48


def choose_workers(requested: int, reports: int) -> int:
    """Processes for the per-report stages: `requested`, or with 0 ("auto") one per core for big batches."""
    if requested > 0:
        return requested
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 and reports >= PARALLEL_MIN else 1


def report_pipeline(n_process: int = 1) -> Pipeline:
    """The stages that work on one report at a time."""
    return Pipeline([Annotate(n_process=n_process), ExtractClaims()])


def corpus_pipeline(workers: int = 1, align=None) -> Pipeline:
    """The stages that compare reports (workers > 1: stories are aligned on the worker pool).

    align: the align stage to use instead (a runner's own, see `runner_align_stage`).
    """
    return Pipeline([GroupStories(), align or _align_stage(workers), JudgeClaims()])


def _align_stage(workers: int):
    """The align stage: in this process, or on the worker pool for workers > 1."""
    if workers > 1:
        from .scale.pool import PoolAlign

        return PoolAlign(workers)
    return AlignClaims()


def runner_align_stage(runner) -> object | None:
    """The align stage a runner offers for its own workers (Ray's aligns stories on its actors), else None."""
    make = getattr(runner, "align_stage", None)
    return make() if callable(make) else None


class ChunkRunner(Protocol):
    """Runs the per-report stages over chunks of reports: in this process, a local pool, or a cluster."""

    chunk_size: int  # reports per chunk (each chunk is stored in one transaction)

    def run_chunk(self, part: Analysis) -> Analysis: ...

    def run_chunks(self, parts: Iterable[Analysis]) -> Iterator[Analysis]:
        """The finished chunks, in order (a runner may work on the next while one is being stored)."""
        ...


class LocalRunner:
    """The per-report stages in this process (`n_process` > 1: spaCy forks parse workers per chunk)."""

    def __init__(self, n_process: int = 1) -> None:
        self.pipeline = report_pipeline(n_process)
        self.chunk_size = CHUNK * n_process  # worker processes start once per chunk: give each enough to do

    def run_chunk(self, part: Analysis) -> Analysis:
        return self.pipeline.run(part)

    def run_chunks(self, parts: Iterable[Analysis]) -> Iterator[Analysis]:
        return (self.run_chunk(part) for part in parts)


def local_runner(workers: int) -> ChunkRunner:
    """This process for one worker; for more, the process pool of scale.pool, started once per process."""
    if workers <= 1:
        return LocalRunner(1)
    from .scale.pool import PoolRunner

    return PoolRunner(workers, chunk_size=CHUNK * workers)


def analyze(
    inputs: Sequence[str | Path],
    *,
    db: str | Path | Store | None = None,
    store: bool = True,
    published: str | None = None,
    options: IngestOptions | None = None,
    stdin: TextIO | None = None,
    n_process: int = 0,
    progress: ProgressHook | None = None,
    runner: ChunkRunner | None = None,
) -> Analysis:
    """Cross-check the reports at `inputs` (files, folders, "-" for stdin).

    db: the store file (default consilience.db) or an open Store; store=False keeps nothing on disk.
    published: ISO date used as every report's publication date (the reference for relative dates).
    n_process: processes for the per-report stages; 0 chooses one per core for batches of PARALLEL_MIN
        reports or more (more than one: a pool of worker processes kept for this process, scale.pool).
    runner: where the per-report stages run (default: `local_runner(n_process)`; consilience.scale has Ray's).

    With a store, the stored reports that already share a story with this run's reports (grouped
    there by a web upload or an `ingest`) are regrouped with them and returned with them: saving
    the run's stories replaces those stories, so leaving their other members out would leave
    them in no story at all.
    """
    opened = None
    if store:
        opened = db if isinstance(db, Store) else open_store(db)
    try:
        analysis = store_reports(inputs, store=opened, published=published, options=options, stdin=stdin,
                                 n_process=n_process, progress=progress, runner=runner)
        # Stories are aligned where the per-report stages ran: the local worker pool, or the runner's workers.
        workers = 1 if runner is not None else choose_workers(n_process, len(analysis.articles))
        align = runner_align_stage(runner)
        if opened is None:
            corpus_pipeline(workers, align).run(analysis)
        else:
            with lock_stories(opened):
                regroup_stories(analysis, opened, workers=workers, align=align)
    finally:
        if opened is not None and not isinstance(db, Store):
            opened.close()
    return analysis


def store_reports(
    inputs: Sequence[str | Path],
    *,
    store: Store | None,
    published: str | None = None,
    options: IngestOptions | None = None,
    stdin: TextIO | None = None,
    n_process: int = 0,
    progress: ProgressHook | None = None,
    runner: ChunkRunner | None = None,
) -> Analysis:
    """Read the reports at `inputs` and run the per-report stages, saving each chunk to `store` (if any).

    No story is computed: `regroup_stories` (batch) or `assign_stories` (incremental) does that.
    Reports already stored complete are loaded, not re-analysed. Arguments as for `analyze`.
    """
    options = options or IngestOptions()
    if published:
        options.published = published
    analysis = Analysis(reference_date=published)
    Pipeline([Ingest([str(p) for p in inputs], options, stdin=stdin)]).run(analysis)
    _run_reports(analysis, store, n_process, progress, runner)
    return analysis


def regroup_stories(analysis: Analysis, store: Store, *, workers: int = 1, align=None) -> Analysis:
    """Group `analysis.articles` with their stored story co-members, align, judge and save the stories.

    The caller holds the story lock (`lock_stories(store)`): the co-members read here must still
    be the stories' members when the new stories replace them. workers > 1: align on the worker pool;
    align: an align stage to use instead (`runner_align_stage`).
    """
    ids = {a.id for a in analysis.articles}
    mates = sorted({m for members in store.load_story_members().values() if ids.intersection(members)
                    for m in members} - ids)
    if mates:
        analysis.articles = analysis.articles + store.load_articles(mates)
    corpus_pipeline(workers, align).run(analysis)
    if analysis.stories:
        # A regrouped story keeping its id keeps its history (an `ingest` may have recorded one).
        previous = {s.id: s for s in store.load_stories_by_id([s.id for s in analysis.stories])}
        for story in analysis.stories:
            if story.id in previous and not story.history:
                story.history = previous[story.id].history
        store.save_stories(analysis.stories)
    return analysis


def ingest(
    inputs: Sequence[str | Path],
    *,
    db: str | Path | Store | None = None,
    published: str | None = None,
    options: IngestOptions | None = None,
    stdin: TextIO | None = None,
    n_process: int = 0,
    progress: ProgressHook | None = None,
    runner: ChunkRunner | None = None,
    params: IncrementalParams | None = None,
) -> Analysis:
    """Add the reports at `inputs` to the store: each joins a stored story or starts one.

    Unlike `analyze`, the stories of earlier runs are kept and extended (stories.incremental);
    only the stories that changed are re-aligned and re-judged. Both phases go chunk by chunk,
    each chunk stored in one transaction, so an interrupted run resumes without duplicates.
    Returns this run's reports and the stories they are in now.
    """
    opened = db if isinstance(db, Store) else open_store(db)
    try:
        analysis = store_reports(inputs, store=opened, published=published, options=options, stdin=stdin,
                                 n_process=n_process, progress=progress, runner=runner)
        # Touched stories are aligned where the per-report stages ran: the local pool, or the runner's workers.
        workers = 1 if runner is not None else choose_workers(n_process, len(analysis.articles))
        assign_stories(analysis, opened, params=params, progress=progress, workers=workers,
                       align=runner_align_stage(runner))
    finally:
        if not isinstance(db, Store):
            opened.close()
    return analysis


def assign_stories(analysis: Analysis, store: Store, *, params: IncrementalParams | None = None,
                   progress: ProgressHook | None = None, workers: int = 1, align=None) -> Analysis:
    """Put the stored reports of `analysis` into the stored stories (incremental), under the story lock.

    Sets `analysis.stories` to the stories its reports are in now (they may hold stored reports
    from earlier runs, not in `analysis.articles`); only changed stories are re-aligned and saved.
    workers > 1: the changed stories are aligned on the local worker pool (scale.pool); align: an
    align stage to use instead (`runner_align_stage`).
    """
    if not analysis.articles:
        analysis.stories = []
        return analysis
    with lock_stories(store):
        _run_stories_incremental(analysis, store, params, progress, workers, align)
    return analysis


def _run_stories_incremental(analysis: Analysis, store: Store, params: IncrementalParams | None,
                             progress: ProgressHook | None, workers: int = 1, align=None) -> None:
    assign = AssignStories(store, params)
    assign.open(analysis.articles)
    stages = Pipeline([assign, align or _align_stage(workers), JudgeClaims()])
    touched: set[str] = set()
    for offset in range(0, len(analysis.articles), STORY_CHUNK):
        part = Analysis(articles=analysis.articles[offset : offset + STORY_CHUNK],
                        reference_date=analysis.reference_date)
        stages.run(part)
        for name, seconds in part.timings.items():
            analysis.timings[name] = analysis.timings.get(name, 0.0) + seconds
        if part.stories:
            store.save_stories(part.stories)  # one transaction: membership, claims and history together
        touched |= {s.id for s in part.stories}
        if progress:
            progress("stories", min(offset + STORY_CHUNK, len(analysis.articles)), len(analysis.articles))
    ids = {a.id for a in analysis.articles}
    current = store.load_stories_by_id(sorted(touched - assign.removed))
    # The stories this run's reports are in, including ones stored complete by an interrupted run.
    missing = ids - {m for s in current for m in s.articles}
    if missing:
        owners = [sid for sid, members in store.load_story_members().items() if missing & set(members)]
        current += store.load_stories_by_id(owners)
    analysis.stories = sorted({s.id: s for s in current}.values(), key=lambda s: (-len(s.articles), s.id))


@dataclass
class Deletion:
    """What `delete_reports` did."""

    deleted: list[str] = field(default_factory=list)  # report ids deleted (unknown ids are not here)
    stories: list[Story] = field(default_factory=list)  # stories that lost a report, re-aligned and re-judged
    removed_stories: list[str] = field(default_factory=list)  # ids of stories whose last report was deleted


def delete_reports(ids: Iterable[str], *, db: str | Path | Store | None = None) -> Deletion:
    """Delete stored reports; the stories they were in are re-aligned and re-judged without them.

    A story keeps its id and gets a "removed" history entry; a story left with no report is
    deleted. Runs under the story lock, so no regrouping saves stories that still hold them.
    Unknown ids are skipped (`Deletion.deleted` lists what was deleted).
    """
    if isinstance(ids, str):
        raise TypeError("ids: give a list of report ids, not one string")
    opened = db if isinstance(db, Store) else open_store(db)
    try:
        with lock_stories(opened):
            return _delete_locked(list(dict.fromkeys(ids)), opened)
    finally:
        if not isinstance(db, Store):
            opened.close()


def _delete_locked(ids: list[str], store: Store) -> Deletion:
    gone = store.known_articles(ids)
    if not gone:
        return Deletion()
    touched = {sid: members for sid, members in store.load_story_members().items() if gone.intersection(members)}
    # Re-judge before deleting: if that fails (a model cannot load), nothing is deleted.
    kept = rejudge_without(touched, gone, store)
    deleted = store.delete_articles(ids)
    if kept:
        store.save_stories(kept)
    emptied = sorted(sid for sid, members in touched.items() if gone.issuperset(members))
    return Deletion(deleted=deleted, stories=kept, removed_stories=emptied)


def rejudge_without(members: dict[str, list[str]], gone: set[str], store: Store) -> list[Story]:
    """The stories in `members` (id -> report ids) rebuilt without the reports in `gone`, aligned and judged.

    Each keeps its id and history, plus a "removed" entry naming the reports it lost; a story
    left with no report is not returned.
    """
    left = {sid: [m for m in ids if m not in gone] for sid, ids in members.items()}
    left = {sid: ids for sid, ids in left.items() if ids}
    if not left:
        return []
    articles = {a.id: a for a in store.load_articles(sorted({m for ids in left.values() for m in ids}))}
    previous = {s.id: s for s in store.load_stories_by_id(sorted(left))}
    seen = store.count_articles()  # the history clock: reports the store had seen when it happened
    stories = []
    for sid, ids in sorted(left.items()):
        story = build_story([articles[m] for m in ids])
        story.id = sid
        lost = [m for m in members[sid] if m in gone]
        story.history = (previous[sid].history if sid in previous else []) + [StoryChange("removed", None, lost, seen)]
        stories.append(story)
    analysis = Analysis(articles=list(articles.values()), stories=stories)
    Pipeline([AlignClaims(), JudgeClaims()]).run(analysis)
    return analysis.stories


def _run_reports(analysis: Analysis, store: Store | None, n_process: int, progress: ProgressHook | None,
                 runner: ChunkRunner | None = None) -> None:
    known: set[str] = set()
    if store is not None:
        known = store.known_articles(a.id for a in analysis.articles)
        if known:
            stored = {a.id: a for a in store.load_articles(known)}
            analysis.articles = [stored.get(a.id, a) for a in analysis.articles]
    todo = [a for a in analysis.articles if a.id not in known]
    done = len(analysis.articles) - len(todo)
    runner = runner or local_runner(choose_workers(n_process, len(todo)))
    size = runner.chunk_size
    chunks = [todo[offset : offset + size] for offset in range(0, len(todo), size)]
    parts = (Analysis(articles=chunk, reference_date=analysis.reference_date) for chunk in chunks)
    for chunk, part in zip(chunks, runner.run_chunks(parts)):
        for name, seconds in part.timings.items():
            analysis.timings[name] = analysis.timings.get(name, 0.0) + seconds
        analysis.problems += part.problems
        kept = {a.id: a for a in part.articles}
        if store is not None:
            store.save_articles(part.articles)
        dropped = {a.id for a in chunk} - kept.keys()
        # A worker process returns copies of the reports: put them where the originals were.
        analysis.articles = [kept.get(a.id, a) for a in analysis.articles if a.id not in dropped]
        done += len(chunk)
        if progress:
            progress("reports", done, len(analysis.articles))
