"""The job's regroup step: which stored reports it regroups, and that analyze's own story save is held back."""

from __future__ import annotations

from consilience.model import Article, Story
from consilience.store import Store, open_store
from consilience.web.jobs import ArticlesOnly, is_local_file, select_regroup_articles


def test_jobs_regroup_leaves_reports_of_runs_in_progress_alone(handmade_db):
    with open_store(handmade_db) as store:
        # dddd: committed by a concurrent CLI run that has not grouped it yet; eeee: this job's report.
        store.save_articles([Article(id="dddd", text="In flight.", source="CLI"),
                             Article(id="eeee", text="Uploaded.", source="Web")])
        chosen = [a.id for a in select_regroup_articles(store, {"eeee"})]
    assert sorted(chosen) == ["aaaa", "bbbb", "cccc", "eeee"]


def test_jobs_articles_only_store_skips_the_story_save(handmade_db):
    with open_store(handmade_db) as store:
        view = ArticlesOnly(store)
        assert isinstance(view, Store)  # analyze() accepts it as an open store
        view.save_articles([Article(id="ffff", text="Kept.", source="Web")])
        view.save_stories([Story(id="s-new", title="Dropped", articles=["ffff", "aaaa"])])
        assert store.known_articles(["ffff"]) == {"ffff"}
        assert [s.id for s in store.load_stories()] == ["s-hama", "s-markets"]


def test_jobs_story_lock_only_for_local_files():
    assert is_local_file("/tmp/c.db") and is_local_file("c.db")
    assert not is_local_file("postgresql://u@h/db") and not is_local_file(":memory:")


def test_jobs_waiting_jobs_run_as_one_batch(tmp_path):
    import threading
    import time

    from consilience.model import Analysis
    from consilience.web.jobs import JobRunner

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
