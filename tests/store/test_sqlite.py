"""The SQLite store beyond the shared contract (test_base.py): rows, WAL, files, schema checks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from consilience.errors import ConsilienceError
from consilience.store.sqlite import SCHEMA_VERSION, SQLiteStore


@pytest.fixture
def db(tmp_path):
    return tmp_path / "consilience.db"


@pytest.fixture
def store(db):
    with SQLiteStore(db) as opened:
        yield opened


def raw_rows(db, sql, params=()):
    """Rows read through a separate plain sqlite3 connection (what another process would see)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- articles -------------------------------------------------------------------------------


def test_sqlite_claims_are_queryable_rows(db, store, make_article):
    store.save_articles([make_article("a1", claims=2)])
    rows = raw_rows(db, 'SELECT article_id, id, position, "start", "end" FROM claims ORDER BY position')
    assert rows == [("a1", "a1:c0", 0, 0, 39), ("a1", "a1:c1", 1, 0, 39)]
    kinds = raw_rows(db, "SELECT json_extract(data, '$.attribution[0].kind') FROM claims")
    assert kinds == [("military",), ("military",)]


def test_sqlite_save_is_idempotent(db, store, make_article):
    batch = [make_article("a1", claims=2), make_article("a2", claims=1)]
    store.save_articles(batch)
    created = raw_rows(db, "SELECT id, created_at FROM articles ORDER BY id")
    store.save_articles(batch)
    store.save_articles(batch[:1] + batch[:1])  # the same id twice in one batch
    assert store.count_articles() == 2
    assert raw_rows(db, "SELECT count(*) FROM claims") == [(3,)]
    assert raw_rows(db, "SELECT id, created_at FROM articles ORDER BY id") == created
    assert store.search_articles("Hama") == ["a1", "a2"]  # the index holds each article once


# --- transactions ---------------------------------------------------------------------------


def test_sqlite_unserialisable_article_rolls_back_whole_batch(db, store, make_article):
    store.save_articles([make_article("a0")])
    broken = make_article("a2")
    broken.entities[0].label = {"GPE"}  # a set: JSON cannot hold it
    with pytest.raises(ConsilienceError, match="a2: cannot be stored as JSON"):
        store.save_articles([make_article("a1"), broken, make_article("a3")])
    assert store.known_articles(["a1", "a2", "a3"]) == set()
    assert raw_rows(db, "SELECT DISTINCT article_id FROM claims") == [("a0",)]
    assert store.search_articles("Hama") == ["a0"]


def test_sqlite_other_process_reads_committed_articles(db, store, make_article):
    store.save_articles([make_article("a1", claims=2)])
    # Plain sqlite3 in the child: importing the consilience package would load the NLP models.
    script = textwrap.dedent(
        f"""
        import sqlite3
        conn = sqlite3.connect({str(db)!r})
        [(articles,)] = conn.execute("SELECT count(*) FROM articles")
        [(claims,)] = conn.execute("SELECT count(*) FROM claims WHERE article_id = 'a1'")
        [(place,)] = conn.execute("SELECT json_extract(data, '$.places[0].place.name') FROM claims LIMIT 1")
        print(articles, claims, place)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "2", "Hama"]


# --- files and schema -----------------------------------------------------------------------


def test_sqlite_reopens_an_existing_file(db, make_article, make_story):
    with SQLiteStore(db) as first:
        first.save_articles([make_article("a1"), make_article("a2")])
        first.save_stories([make_story()])
    with SQLiteStore(db) as again:
        assert again.list_articles() == [make_article("a1"), make_article("a2")]
        assert again.load_stories() == [make_story()]
    assert raw_rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_sqlite_uses_wal_and_foreign_keys(db, store):
    assert raw_rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert store._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_sqlite_refuses_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.db"
    content = b"These are my notes, not a database. " * 200
    notes.write_bytes(content)
    with pytest.raises(ConsilienceError, match="not a Consilience database"):
        SQLiteStore(notes)
    assert notes.read_bytes() == content


def test_sqlite_refuses_a_foreign_sqlite_database(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ConsilienceError, match="not a Consilience one"):
        SQLiteStore(other)
    assert raw_rows(other, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("people",)]


def test_sqlite_refuses_a_newer_schema(db):
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(ConsilienceError, match="newer than this Consilience"):
        SQLiteStore(db)


@pytest.mark.parametrize("where", ["folder", "missing/parent/x.db"])
def test_sqlite_refuses_unusable_paths(tmp_path, where):
    (tmp_path / "folder").mkdir()
    with pytest.raises(ConsilienceError, match="folder"):
        SQLiteStore(tmp_path / where)


def test_sqlite_in_memory_database_works(make_article):
    with SQLiteStore(":memory:") as memory:
        memory.save_articles([make_article("a1")])
        assert memory.known_articles(["a1"]) == {"a1"}


# --- stories --------------------------------------------------------------------------------


def test_sqlite_round_trips_stories(db, store, make_article, make_story):
    store.save_articles([make_article("a1"), make_article("a2"), make_article("a3")])
    stories = [make_story("s1", ("a1", "a2")), make_story("s2", ("a3",))]
    store.save_stories(stories)
    assert store.load_stories() == stories
    assert raw_rows(db, "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position") == [
        ("s1", "a1"), ("s1", "a2"), ("s2", "a3"),
    ]


def test_sqlite_save_stories_replaces_membership(db, store, make_article, make_story):
    store.save_articles([make_article(i) for i in ("a1", "a2", "a3", "a4")])
    store.save_stories([make_story("s1", ("a1", "a2")), make_story("s9", ("a4",))])
    store.save_stories([make_story("s2", ("a2", "a3"))])  # a2 moves: s1 is superseded
    assert [s.id for s in store.load_stories()] == ["s9", "s2"]
    store.save_stories([make_story("s2", ("a3",))])  # s2 re-saved without a2
    assert raw_rows(db, "SELECT story_id, article_id FROM story_articles ORDER BY story_id") == [("s2", "a3"), ("s9", "a4")]
    store.save_stories([make_story("s2", ("a3",))])
    assert [s.articles for s in store.load_stories()] == [["a4"], ["a3"]]