"""The embedded default store: one SQLite file (stdlib sqlite3), WAL mode, full-text search.

Layout (schema version 1):
- `articles`: one row per report; the metadata as columns, the annotations as JSON in `data`.
- `claims`: one row per claim (queryable: article, text, offsets), the whole claim as JSON.
- `stories` / `story_articles`: a story's aligned claim groups as JSON, its membership as rows.
- `articles_fts`: FTS5 index over article title and text, kept in sync by triggers, so it
  changes inside the same transaction as the rows it indexes.
- `meta`: `schema_version` (and `application`, to tell a Consilience file from other SQLite files).

Schema version 2 adds `report_profiles`: one row per article with the opaque profile bytes of
incremental story clustering (lead vector, entities, places) and its publication date, indexed
by date so the candidate window is one range scan. A version 1 file is upgraded on open.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import ConsilienceError
from ..model import Article, Story
from .codec import article_from_record, article_to_record, story_from_record, story_to_record

SCHEMA_VERSION = 2
APPLICATION = "consilience"
DEFAULT_PATH = "consilience.db"

# Article fields kept as columns; every other field except `claims` goes into `data`.
ARTICLE_COLUMNS = ("id", "source", "title", "published", "url", "path", "language", "text")

_SCHEMA_V1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # `seq` is the rowid alias the FTS index points at: an implicit rowid may change on VACUUM,
    # an INTEGER PRIMARY KEY never does. `id` is the key everything else references.
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        published TEXT,
        url TEXT,
        path TEXT,
        language TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_published ON articles (published)",
    # Claim ids are only promised unique within their article, hence the composite key.
    """CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (article_id, id)
    )""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id)
    )""",
    "CREATE INDEX story_articles_article ON story_articles (article_id)",
    """CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
)

_SCHEMA_V2 = (
    """CREATE TABLE report_profiles (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        published TEXT,
        profile BLOB NOT NULL
    )""",
    "CREATE INDEX report_profiles_published ON report_profiles (published)",
)

# MIGRATIONS[n] takes a database from schema version n to n + 1 (0 = empty file).
MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_V1, _SCHEMA_V2)

_WORD = re.compile(r"\w+")


class SQLiteStore:
    """A `Store` in one SQLite file; `":memory:"` gives a private in-memory database."""

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        self.path = str(path)
        self._conn = connect_database(self.path)

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # --- articles ----------------------------------------------------------------------------

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored.

        An article row only ever lands in the same transaction as its claims, so a stored id is
        a complete article.
        """
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return {row[0] for row in rows}

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """Stored articles with their claims, in the order asked; unknown ids are skipped."""
        wanted = list(dict.fromkeys(ids))
        selected = self._select_articles("WHERE a.id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))
        found = {a.id: a for a in selected}
        return [found[i] for i in wanted if i in found]

    def list_articles(self) -> list[Article]:
        """Every stored article with its claims, oldest stored first."""
        return self._select_articles("", ())

    def count_articles(self) -> int:
        """How many articles are stored."""
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search_articles(self, query: str, limit: int = 50) -> list[str]:
        """Ids of articles whose title or text holds every word of `query`, best match first.

        The query is plain words, not FTS5 syntax: each word is quoted, so punctuation or an
        unbalanced quote in user input cannot make the search fail.
        """
        words = _WORD.findall(query)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)  # \w+ words never hold a quote to escape
        rows = self._conn.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.seq LIMIT ?",
            (match, limit),
        )
        return [row[0] for row in rows]

    def save_articles(self, articles: Sequence[Article]) -> None:
        """Store (or replace) these articles with their claims, all in one transaction.

        Saving an id again replaces its row and claims (an upsert, keeping `created_at`), so
        re-running the same input leaves one copy; a failure anywhere rolls the whole batch back.
        """
        now = _utc_now()
        with self._transaction("articles not saved"):
            for article in articles:
                self._write_article(article, now)

    def _write_article(self, article: Article, now: str) -> None:
        record = article_to_record(article)
        claims = record.pop("claims")
        columns = [record.pop(name) for name in ARTICLE_COLUMNS]
        self._conn.execute(
            "INSERT INTO articles (id, source, title, published, url, path, language, text, data, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET source = excluded.source, title = excluded.title, "
            "published = excluded.published, url = excluded.url, path = excluded.path, "
            "language = excluded.language, text = excluded.text, data = excluded.data",
            (*columns, encode_json(record, article.id), now),
        )
        self._write_claims(article.id, claims)

    def _write_claims(self, article_id: str, claims: list[dict[str, Any]]) -> None:
        self._conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        self._conn.executemany(
            'INSERT INTO claims (article_id, id, position, text, "start", "end", data) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, c["id"], position, c["text"], c["start"], c["end"], encode_json(c, article_id))
                for position, c in enumerate(claims)
            ],
        )

    def delete_articles(self, ids: Iterable[str]) -> list[str]:
        """Delete these articles (claims, profile, memberships, search entry) in one transaction.

        Returns the ids deleted, in the order asked; a story left with no member goes too.
        """
        wanted = list(dict.fromkeys(ids))
        asked = (json.dumps(wanted),)
        with self._transaction("articles not deleted"):
            found = {row[0] for row in self._conn.execute(
                "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))", asked)}
            stories = [row[0] for row in self._conn.execute(
                "SELECT DISTINCT story_id FROM story_articles WHERE article_id IN (SELECT value FROM json_each(?))",
                asked)]
            # Claims, profiles and memberships follow by ON DELETE CASCADE (foreign_keys is on
            # for every connection), the FTS index by the articles_fts_delete trigger.
            self._conn.execute("DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))", asked)
            self._conn.execute(
                "DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?)) "
                "AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id)",
                (json.dumps(stories),),
            )
        return [i for i in wanted if i in found]

    def _select_articles(self, where: str, params: tuple[Any, ...]) -> list[Article]:
        with self._snapshot():
            rows, claim_rows = self._select_article_rows(where, params)
        claims: dict[str, list[dict[str, Any]]] = {row[0]: [] for row in rows}
        for article_id, data in claim_rows:
            claims[article_id].append(json.loads(data))
        return [
            article_from_record(
                {**dict(zip(ARTICLE_COLUMNS, row[:-1])), **json.loads(row[-1]), "claims": claims[row[0]]}
            )
            for row in rows
        ]

    def _select_article_rows(self, where: str, params: tuple[Any, ...]) -> tuple[list[tuple], list[tuple]]:
        rows = self._conn.execute(
            f"SELECT a.id, a.source, a.title, a.published, a.url, a.path, a.language, a.text, a.data "
            f"FROM articles a {where} ORDER BY a.seq",
            params,
        ).fetchall()
        claim_rows = self._conn.execute(
            "SELECT article_id, data FROM claims WHERE article_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY article_id, position",
            (json.dumps([row[0] for row in rows]),),
        ).fetchall()
        return rows, claim_rows

    # --- stories -----------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store these stories and make them the only stories of the articles they hold.

        A stored story that loses a member to this batch and is not itself in the batch is
        deleted: its claim groups and verdicts were computed over a membership that no longer
        exists. Every article named must already be stored (`save_articles` first).
        """
        ids = [s.id for s in stories]
        if len(set(ids)) != len(ids):
            raise ConsilienceError(
                "stories not saved: the batch holds the same story id twice. Merge those stories first."
            )
        involved = json.dumps(sorted({a for s in stories for a in s.articles}))
        now = _utc_now()
        with self._transaction("stories not saved"):
            missing = [
                row[0]
                for row in self._conn.execute(
                    "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM articles)", (involved,)
                )
            ]
            if missing:
                raise ConsilienceError(
                    f"stories not saved: {len(missing)} of their articles are not stored "
                    f"({', '.join(missing[:3])}). "
                    "Save the articles before their stories."
                )
            self._conn.execute(
                "DELETE FROM stories WHERE id IN ("
                " SELECT story_id FROM story_articles WHERE article_id IN (SELECT value FROM json_each(?))"
                ") AND id NOT IN (SELECT value FROM json_each(?))",
                (involved, json.dumps(ids)),
            )
            self._conn.execute(
                "DELETE FROM story_articles WHERE story_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
            )
            for story in stories:
                self._conn.execute(
                    "INSERT INTO stories (id, title, data, updated_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data, "
                    "updated_at = excluded.updated_at",
                    (story.id, story.title, encode_json(story_to_record(story), story.id), now),
                )
                self._conn.executemany(
                    "INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                    [(story.id, article_id, position) for position, article_id in enumerate(story.articles)],
                )

    def load_stories(self) -> list[Story]:
        """Every stored story, oldest first."""
        rows = self._conn.execute("SELECT data FROM stories ORDER BY rowid")
        return [story_from_record(json.loads(row[0])) for row in rows]

    # --- incremental story clustering ---------------------------------------------------------

    def save_report_profiles(self, profiles: Sequence[tuple[str, str | None, bytes]]) -> None:
        """Store (or replace) (article id, ISO date or None, profile bytes) rows in one transaction."""
        with self._transaction("report profiles not saved"):
            self._conn.executemany(
                "INSERT INTO report_profiles (article_id, published, profile) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, profile = excluded.profile",
                [(article_id, published, sqlite3.Binary(blob)) for article_id, published, blob in profiles],
            )

    def load_report_profiles(self, ids: Iterable[str] | None = None, since: str | None = None) -> dict[str, bytes]:
        """Profile bytes by article id, of `ids` (or all), published on/after `since` or undated."""
        clauses, params = [], []
        if ids is not None:
            clauses.append("article_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(ids)))
        if since is not None:
            clauses.append("(published IS NULL OR published >= ?)")
            params.append(since)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._conn.execute(f"SELECT article_id, profile FROM report_profiles {where}", params)
        return {row[0]: bytes(row[1]) for row in rows}

    def load_story_members(self, since: str | None = None) -> dict[str, list[str]]:
        """Story id -> article ids (stored order); with `since`, only stories with a member in the window."""
        where, params = "", ()
        if since is not None:
            where = ("WHERE sa.story_id IN (SELECT s2.story_id FROM story_articles s2 JOIN articles a "
                     "ON a.id = s2.article_id WHERE a.published IS NULL OR a.published >= ?)")
            params = (since,)
        members: dict[str, list[str]] = {}
        rows = self._conn.execute(
            f"SELECT sa.story_id, sa.article_id FROM story_articles sa {where} ORDER BY sa.story_id, sa.position",
            params,
        )
        for story, article in rows:
            members.setdefault(story, []).append(article)
        return members

    def load_stories_by_id(self, ids: Iterable[str]) -> list[Story]:
        """Stored stories with these ids, in the order asked; unknown ids are skipped."""
        wanted = list(dict.fromkeys(ids))
        rows = self._conn.execute(
            "SELECT id, data FROM stories WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),)
        )
        found = {row[0]: story_from_record(json.loads(row[1])) for row in rows}
        return [found[i] for i in wanted if i in found]

    # --- transactions ------------------------------------------------------------------------

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """A read transaction, so several SELECTs see one committed state even while others write."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One write transaction: committed whole at the end, rolled back on any exception."""
        try:
            # IMMEDIATE takes the write lock up front, so two writers queue (busy timeout)
            # instead of one failing when it upgrades a read lock mid-batch.
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ConsilienceError(
                f"{what}: {self.path} is busy or read-only ({exc}). Retry when other writers are done."
            ) from exc
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # BaseException on purpose: a KeyboardInterrupt mid-batch must not leave it half-written.
            # SQLite itself may already have rolled back (disk full), hence the in_transaction test.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise ConsilienceError(f"{what}: {exc}. Nothing of this batch was stored.") from exc
            raise


def connect_database(path: str) -> sqlite3.Connection:
    """An open connection to a Consilience database at `path`, created or migrated as needed."""
    if path != ":memory:" and Path(path).is_dir():
        raise ConsilienceError(
            f"{path}: is a folder, not a database file. Give a file name such as {DEFAULT_PATH}."
        )
    try:
        # Autocommit mode (isolation_level=None): transactions are opened explicitly, never implicitly.
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.OperationalError as exc:
        raise ConsilienceError(
            f"{path}: cannot open the database ({exc}). Check that its folder exists and is writable."
        ) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: readers see the last committed state while a writer works; NORMAL sync is durable
        # against a crash of the process (not of the machine), which suits a re-runnable batch.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate_schema(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise ConsilienceError(
                f"{path}: another process held the database locked for over 10 s ({exc}). Retry when it is done."
            ) from exc
        raise ConsilienceError(
            f"{path}: not a Consilience database ({exc}). Point at a Consilience database or a new file name."
        ) from exc
    except ConsilienceError:
        conn.close()
        raise
    return conn


def migrate_schema(conn: sqlite3.Connection, path: str) -> None:
    """Bring the schema to SCHEMA_VERSION: create it in an empty file, refuse foreign or newer files."""
    # Read first, lock only to migrate: opening a current file (every reader, a server restart)
    # must not queue behind another process's write transaction.
    if read_schema_version(conn, path) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = read_schema_version(conn, path)  # again under the lock: another process may have migrated
        if version > SCHEMA_VERSION:
            raise ConsilienceError(
                f"{path}: database has schema version {version}, newer than this Consilience "
                f"(version {SCHEMA_VERSION}). Upgrade Consilience to read it."
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("application", APPLICATION)],
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def read_schema_version(conn: sqlite3.Connection, path: str) -> int:
    """The schema version stored in the file: 0 for an empty database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise ConsilienceError(
            f"{path}: is an SQLite database but not a Consilience one (no meta table). "
            "Give a new file name or a database Consilience created."
        )
    values = dict(conn.execute("SELECT key, value FROM meta"))
    if values.get("application") != APPLICATION or not values.get("schema_version", "").isdigit():
        raise ConsilienceError(
            f"{path}: is an SQLite database but not a Consilience one (meta table without a schema version). "
            "Give a new file name or a database Consilience created."
        )
    return int(values["schema_version"])


def encode_json(record: Any, owner: str) -> str:
    """Strict JSON text for a record; a value JSON cannot hold raises ConsilienceError naming its owner."""
    try:
        # allow_nan=False: NaN/Infinity are not JSON and would break SQLite's json_extract queries.
        return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ConsilienceError(
            f"{owner}: cannot be stored as JSON ({exc}). This is a bug in the stage that set it."
        ) from exc


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
