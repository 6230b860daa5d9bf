"""The story lock: one holder at a time across processes, released when the holder is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from consilience.errors import ConsilienceError
from consilience.store.lock import hold_story_lock

HOLD = """
import sys, time
from consilience.store.lock import hold_story_lock
with hold_story_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def start_holder(db) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


@pytest.mark.slow
def test_lock_waits_for_another_process_and_is_freed_by_kill_9(tmp_path):
    db = tmp_path / "x.db"
    holder = start_holder(db)
    try:
        with pytest.raises(ConsilienceError, match="regrouping"), hold_story_lock(db, timeout=0.3):
            pass
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        start = time.monotonic()
        with hold_story_lock(db, timeout=10):
            assert time.monotonic() - start < 10
    finally:
        if holder.poll() is None:
            holder.kill()


def test_lock_can_be_taken_again_after_release(tmp_path):
    db = tmp_path / "y.db"
    for _ in range(3):
        with hold_story_lock(db, timeout=1):
            pass
    with hold_story_lock(":memory:"):
        pass


def test_lock_is_reentrant_in_one_thread_and_excludes_other_threads(tmp_path):
    import threading

    db, order = tmp_path / "r.db", []

    def other() -> None:
        with hold_story_lock(db, timeout=10):
            order.append("other")

    with hold_story_lock(db, timeout=1):
        with hold_story_lock(db, timeout=1):  # a web job holding it calls an engine step that takes it again
            order.append("inner")
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(0.3)
        order.append("outer")  # the other thread is still waiting: this thread holds the lock
    thread.join(10)
    assert order == ["inner", "outer", "other"]


def test_lock_stories_picks_the_lock_of_the_store(tmp_path):
    from consilience.store import SQLiteStore
    from consilience.store.lock import lock_stories

    db = tmp_path / "s.db"
    holder = start_holder(db)
    try:
        with SQLiteStore(db) as store:
            with pytest.raises(ConsilienceError, match="regrouping"), lock_stories(store, timeout=0.3):
                pass
        with SQLiteStore(":memory:") as memory, lock_stories(memory, timeout=0.3):
            pass  # a private database: nothing else can see it, no lock needed
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_lock_postgres_advisory_lock_excludes_another_connection(postgres_url):
    from consilience.store import open_store
    from consilience.store.lock import lock_stories

    with open_store(postgres_url) as first, open_store(postgres_url) as second:
        with lock_stories(first, timeout=1):
            with lock_stories(first, timeout=1):  # session locks stack: re-entrant on one connection
                pass
            with pytest.raises(ConsilienceError, match="regrouping"), lock_stories(second, timeout=0.3):
                pass
        with lock_stories(second, timeout=1):  # released by the holder: free again
            pass
        held = lock_stories(first, timeout=1)
        held.__enter__()
        first.close()  # the holder's connection ends (a killed process): the server drops its lock
        with lock_stories(second, timeout=5):
            pass
