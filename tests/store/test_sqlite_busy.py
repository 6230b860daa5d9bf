"""Opening a store while another process writes: no waiting for its transaction, no misleading error."""

from __future__ import annotations

import sqlite3

from consilience.model import Article
from consilience.store import open_store


def test_sqlite_open_does_not_wait_for_another_writer(tmp_path):
    db = tmp_path / "busy.db"
    with open_store(db) as store:
        store.save_articles([Article(id="a1", text="Committed.", source="S")])
    writer = sqlite3.connect(db, isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write transaction
        writer.execute("DELETE FROM claims")
        with open_store(db) as store:  # took the write lock before: waited 10 s, then "not a Consilience database"
            assert store.known_articles(["a1"]) == {"a1"}  # the last committed state
    finally:
        writer.execute("ROLLBACK")
        writer.close()
