"""Upload jobs: batched, and on the incremental story path (new reports join stored stories, others untouched)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from consilience.model import Analysis, Article
from consilience.store import open_store
from consilience.web.jobs import JobRunner, add_reports, broadcast_progress

FLOOD = ("Flood waters reached the centre of Ghent on Monday, city officials said. About {n} residents "
         "were moved to a school near the station, according to the fire service. The mayor said the river "
         "would fall overnight.")


def write_flood_report(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"flood{n}.txt"
    path.write_text(f"---\ntitle: Floods reach Ghent\nsource: Outlet {n}\npublished: 2024-12-05\n---\n"
                    + FLOOD.format(n=100 + n) + "\n", encoding="utf-8")
    return path


def test_jobs_broadcast_progress_reaches_every_job():
    seen: list[list[tuple]] = [[], []]
    hook = broadcast_progress([lambda *a: seen[0].append(a), lambda *a: seen[1].append(a)])
    hook("stories", 3, 7)
    assert seen == [[("stories", 3, 7)], [("stories", 3, 7)]]


@pytest.mark.slow
def test_jobs_add_reports_joins_stories_and_leaves_the_others_alone(handmade_db, tmp_path):
    with open_store(handmade_db) as store:
        before = {s.id: s.articles for s in store.load_stories()}
    jobs = [[write_flood_report(tmp_path / "j0", 0)], [write_flood_report(tmp_path / "j1", 1)],
            [write_flood_report(tmp_path / "j1", 1)]]  # the third job re-uploads the second's report
    calls: list[list[tuple]] = [[], [], []]
    results = add_reports(str(handmade_db), jobs, [lambda *a, k=k: calls[k].append(a) for k in range(3)])
    with open_store(handmade_db) as store:
        members = store.load_story_members()
    owner = {a: sid for sid, ids in members.items() for a in ids}
    new = [r.articles[0].id for r, _ in results]
    assert new[1] == new[2] and store_count(handmade_db) == 5
    # Both flood reports in one story, each job told so; the stored stories kept their members and ids.
    assert owner[new[0]] == owner[new[1]]
    assert [stories for _, stories in results] == [[owner[new[0]]]] * 3
    assert {sid: ids for sid, ids in members.items() if sid != owner[new[0]]} == before
    assert all(any(stage == "stories" for stage, *_ in hooks) for hooks in calls)


def store_count(db: Path) -> int:
    with open_store(db) as store:
        return store.count_articles()


def test_jobs_waiting_jobs_run_as_one_batch(tmp_path):
    release, calls = threading.Event(), []

    def adder(db_path, batches, progresses):
        calls.append(len(batches))
        release.wait(10)
        return [(Analysis(articles=[Article(id=f"a{len(calls)}-{i}", text="x", source="S")]), [f"s{i}"])
                for i in range(len(batches))]

    runner = JobRunner(str(tmp_path / "j.db"), adder=adder)
    try:
        jobs = [runner.submit(runner.new_folder(), [tmp_path / f"{n}.txt"]) for n in range(1)]
        deadline = time.monotonic() + 10
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
        jobs += [runner.submit(runner.new_folder(), [tmp_path / f"{n}.txt"]) for n in range(1, 4)]
        release.set()
        while any(job.state != "done" for job in jobs) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        runner.shutdown()
    assert calls == [1, 3]  # the three jobs that waited behind the first shared one run
    assert [job.state for job in jobs] == ["done"] * 4
    assert [job.stories for job in jobs] == [["s0"], ["s0"], ["s1"], ["s2"]]
