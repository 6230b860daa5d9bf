"""SQLite schema v2: report profiles and story lookups for incremental clustering, and the v1 upgrade."""

from __future__ import annotations

import sqlite3

import pytest

from consilience.model import StoryChange
from consilience.store.sqlite import _SCHEMA_V1, SCHEMA_VERSION, SQLiteStore


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "c.db") as opened:
        yield opened


def dated(make_article, article_id, published):
    article = make_article(article_id)
    article.published = published
    return article


def test_sqlite_profiles_round_trip_and_replace(store, make_article):
    store.save_articles([make_article("a1"), make_article("a2")])
    store.save_report_profiles([("a1", "2024-12-05", b"\x00one"), ("a2", None, b"two")])
    store.save_report_profiles([("a1", "2024-12-06", b"uno")])
    assert store.load_report_profiles() == {"a1": b"uno", "a2": b"two"}
    assert store.load_report_profiles(["a2", "zz"]) == {"a2": b"two"}


def test_sqlite_profiles_since_keeps_window_and_undated(store, make_article):
    store.save_articles([make_article(i) for i in ("old", "new", "undated")])
    store.save_report_profiles([("old", "2024-01-01", b"o"), ("new", "2024-12-01", b"n"), ("undated", None, b"u")])
    assert set(store.load_report_profiles(since="2024-11-01")) == {"new", "undated"}


def test_sqlite_profiles_need_stored_articles(store):
    from consilience.errors import ConsilienceError

    with pytest.raises(ConsilienceError):
        store.save_report_profiles([("missing", None, b"x")])
    assert store.load_report_profiles() == {}


def test_sqlite_story_members_filter_by_window(store, make_article, make_story):
    store.save_articles([dated(make_article, "a1", "2024-01-01"), dated(make_article, "a2", "2024-01-02"),
                         dated(make_article, "b1", "2024-12-01"), dated(make_article, "b2", "2024-01-01")])
    store.save_stories([make_story("s-old", ("a1", "a2")), make_story("s-new", ("b2", "b1"))])
    assert store.load_story_members() == {"s-old": ["a1", "a2"], "s-new": ["b2", "b1"]}
    # a story stays a candidate while any of its reports is inside the window
    assert store.load_story_members(since="2024-06-01") == {"s-new": ["b2", "b1"]}


def test_sqlite_stories_by_id_keep_history(store, make_article, make_story):
    store.save_articles([make_article("a1"), make_article("a2")])
    story = make_story("s1", ("a1", "a2"))
    story.history = [StoryChange("created", None, ["a1"], 1), StoryChange("merged", "s9", ["a2"], 2)]
    store.save_stories([story])
    loaded = store.load_stories_by_id(["nope", "s1"])
    assert [s.id for s in loaded] == ["s1"]
    assert loaded[0].history == story.history


def test_sqlite_upgrades_a_version_1_file(tmp_path, make_article):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for statement in _SCHEMA_V1:
        conn.execute(statement)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [("schema_version", "1"), ("application", "consilience")])
    conn.execute("INSERT INTO articles (id, source, text, data, created_at) VALUES ('old', 'x', 'text', '{}', 'now')")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.known_articles(["old"]) == {"old"}
        store.save_report_profiles([("old", None, b"p")])
        assert store.load_report_profiles() == {"old": b"p"}
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    conn.close()
    assert SCHEMA_VERSION == 2
