"""A cross-process lock for the story step of one database file (read stories, regroup, save them).

SQLite serialises single transactions, but regrouping is read-compute-write over many seconds:
two processes regrouping the same file at once would each save stories computed without the
other's reports, and the later save would drop the earlier one's members. Holding this lock
around the whole step makes the second writer wait for the first.

For an SQLite file it is an advisory `flock` on a sidecar file (`<db>.stories-lock`): the
kernel releases it when the holder exits, even on kill -9, so a crash never leaves a stale lock
behind. For PostgreSQL it is a session advisory lock (`PostgresStore.hold_story_lock`), which the
server releases when the connection ends. `lock_stories(store)` picks the one the store needs.

The lock is re-entrant within one thread (a web job holds it and calls `engine` functions that
take it again); other threads and processes wait.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from ..errors import ConsilienceError
from .base import Store
from .sqlite import SQLiteStore

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; one writer at a time is then up to the user
    fcntl = None  # type: ignore[assignment]

# Lock files this thread holds, with how deep: flock would make a thread wait for itself.
_held = threading.local()


def lock_stories(store: Store, timeout: float = 600.0) -> AbstractContextManager[None]:
    """The story lock of `store`: a file lock for an SQLite file, an advisory lock for PostgreSQL.

    A store with neither (an in-memory database, a test double) needs none: nothing else sees it.
    """
    if isinstance(store, SQLiteStore):
        return hold_story_lock(store.path, timeout)
    own = getattr(store, "hold_story_lock", None)  # PostgresStore; not imported, psycopg is optional
    return own(timeout) if callable(own) else nullcontext()


@contextmanager
def hold_story_lock(db_path: str | Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold the story lock of the database at `db_path` (waiting up to `timeout` seconds for it)."""
    if fcntl is None or str(db_path) == ":memory:":
        yield
        return
    lock_path = Path(f"{db_path}.stories-lock")
    key = os.path.realpath(lock_path)
    depth: dict[str, int] = _held.__dict__.setdefault("depth", {})
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    with lock_path.open("a+b") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConsilienceError(
                        f"{db_path}: another process has been regrouping stories for over {timeout:.0f} s. "
                        "Retry when it is done."
                    ) from None
                time.sleep(0.05)
        depth[key] = 1
        try:
            yield
        finally:
            depth.pop(key, None)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["hold_story_lock", "lock_stories"]
