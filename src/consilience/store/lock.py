"""A cross-process lock for the story step of one database file (read stories, regroup, save them).

SQLite serialises single transactions, but regrouping is read-compute-write over many seconds:
two processes regrouping the same file at once would each save stories computed without the
other's reports, and the later save would drop the earlier one's members. Holding this lock
around the whole step makes the second writer wait for the first.

It is an advisory `flock` on a sidecar file (`<db>.stories-lock`): the kernel releases it when
the holder exits, even on kill -9, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConsilienceError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; one writer at a time is then up to the user
    fcntl = None  # type: ignore[assignment]


@contextmanager
def hold_story_lock(db_path: str | Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold the story lock of the database at `db_path` (waiting up to `timeout` seconds for it)."""
    if fcntl is None or str(db_path) == ":memory:":
        yield
        return
    lock_path = Path(f"{db_path}.stories-lock")
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
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["hold_story_lock"]
