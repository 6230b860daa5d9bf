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
