"""The PostgreSQL store (psycopg 3): the SQLite store's contract, for a server several people share.

Layout (built by MIGRATIONS, each applied step recorded in `schema_migrations`):
- `articles`: one row per report; metadata as columns, annotations as JSONB in `data`, and
  `search`, a tsvector (GIN index) over title (weight A) and text (weight B).
- `claims`: one row per claim (article, text, offsets queryable), the whole claim as JSONB.
- `stories` / `story_articles`: a story's aligned claim groups as JSONB, its membership as rows.
- `report_profiles`: the opaque profile bytes of incremental story clustering, by article,
  with the publication date indexed for the candidate window.

Full-text search matches SQLite's FTS5 `unicode61 remove_diacritics` tokenizer: the words
indexed and the words asked are both `\\w+` runs, lower-cased and stripped of diacritics in
Python (whatever the server's locale), then indexed with the `simple` configuration (no
stemming, no stop words), so a query finds the same articles on both backends and no
extension (unaccent, pgvector) is needed.

Records come from `codec.py`, exactly as SQLite stores them; only the container differs.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import psycopg

from ..errors import ConsilienceError
from ..model import Article, Story
from .codec import (
    article_from_record,
    article_to_record,
    story_from_record,
    story_to_record,
)
from .sqlite import ARTICLE_COLUMNS, encode_json

# pg_advisory_xact_lock key held while migrating: two processes opening one database at once
# queue here instead of both creating the tables. Advisory locks are per database.
MIGRATION_LOCK = 0x636F6E73  # "cons"
# pg_advisory_lock key held over a story step (read stories, regroup, save): see store/lock.py.
STORY_LOCK = 0x73746F72  # "stor"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Migration:
    """One ordered schema step: applied once, inside the opening transaction, then recorded."""

    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "articles, claims, stories, full-text search",
        (
            # `seq` keeps the stored order (list_articles: oldest first); `id` is the key.
            """CREATE TABLE articles (
                seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
                id TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                title TEXT,
                published TEXT,
                url TEXT,
                path TEXT,
                language TEXT,
                text TEXT NOT NULL,
                data JSONB NOT NULL,
                search TSVECTOR NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX articles_published ON articles (published)",
            "CREATE INDEX articles_search ON articles USING GIN (search)",
            # Claim ids are only promised unique within their article, hence the composite key.
            """CREATE TABLE claims (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                position INTEGER NOT NULL,
                text TEXT NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                data JSONB NOT NULL,
                PRIMARY KEY (article_id, id)
            )""",
            """CREATE TABLE stories (
                seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                data JSONB NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )""",
            """CREATE TABLE story_articles (
                story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                PRIMARY KEY (story_id, article_id)
            )""",
            "CREATE INDEX story_articles_article ON story_articles (article_id)",
        ),
    ),
    Migration(
        "report profiles for incremental story clustering",
        (
            """CREATE TABLE report_profiles (
                article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
                published TEXT,
                profile BYTEA NOT NULL
            )""",
            "CREATE INDEX report_profiles_published ON report_profiles (published)",
        ),
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)

# The tables MIGRATIONS creates: finding one without `schema_migrations` means a foreign database.
_OUR_TABLES = ("articles", "claims", "stories", "story_articles", "report_profiles")

_SELECT_ARTICLES = (
    "SELECT a.id, a.source, a.title, a.published, a.url, a.path, a.language, a.text, a.data, "
    "COALESCE((SELECT jsonb_agg(c.data ORDER BY c.position) FROM claims c WHERE c.article_id = a.id), "
    "'[]'::jsonb) FROM articles a {where} ORDER BY a.seq"
)


class PostgresStore:
    """A `Store` in a PostgreSQL database named by a `postgresql://` URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn = connect_database(url)

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresStore({describe_url(self.url)!r})"

    # --- articles ----------------------------------------------------------------------------

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (an article row lands with its claims, never alone)."""
        rows = self._read("SELECT id FROM articles WHERE id = ANY(%s::text[])", (list(ids),))
        return {row[0] for row in rows}

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """Stored articles with their claims, in the order asked; unknown ids are skipped."""
        wanted = list(dict.fromkeys(ids))
        found = {a.id: a for a in self._select_articles("WHERE a.id = ANY(%s::text[])", (wanted,))}
        return [found[i] for i in wanted if i in found]

    def list_articles(self) -> list[Article]:
        """Every stored article with its claims, oldest stored first."""
        return self._select_articles("", ())

    def count_articles(self) -> int:
        """How many articles are stored."""
        return self._read("SELECT count(*) FROM articles", ())[0][0]

    def search_articles(self, query: str, limit: int = 50) -> list[str]:
        """Ids of articles whose title or text holds every word of `query`, best match first.

        The query is plain words, not tsquery syntax: plainto_tsquery ANDs them, so punctuation
        or operators in user input cannot make the search fail. Title words weigh more.
        """
        words = search_words(query)
        if not words:
            return []
        rows = self._read(
            "SELECT a.id FROM articles a, plainto_tsquery('simple', %s) q WHERE a.search @@ q "
            "ORDER BY ts_rank(a.search, q) DESC, a.seq LIMIT %s",
            (words, limit),
        )
        return [row[0] for row in rows]

    def save_articles(self, articles: Sequence[Article]) -> None:
        """Store (or replace) these articles with their claims, all in one transaction.

        Saving an id again replaces its row, claims and search entry (an upsert keeping
        `created_at`); a failure anywhere rolls the whole batch back.
        """
        with self._transaction("articles not saved"):
            for article in articles:
                self._write_article(article)

    def _write_article(self, article: Article) -> None:
        record = article_to_record(article)
        claims = record.pop("claims")
        columns = [record.pop(name) for name in ARTICLE_COLUMNS]
        self._conn.execute(
            "INSERT INTO articles (id, source, title, published, url, path, language, text, data, search) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')) "
            "ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, title = EXCLUDED.title, "
            "published = EXCLUDED.published, url = EXCLUDED.url, path = EXCLUDED.path, "
            "language = EXCLUDED.language, text = EXCLUDED.text, data = EXCLUDED.data, search = EXCLUDED.search",
            (*columns, encode_json(record, article.id), search_words(article.title or ""), search_words(article.text)),
        )
        self._write_claims(article.id, claims)

    def _write_claims(self, article_id: str, claims: list[dict[str, Any]]) -> None:
        self._conn.execute("DELETE FROM claims WHERE article_id = %s", (article_id,))
        with self._conn.cursor() as cursor:
            cursor.executemany(
                'INSERT INTO claims (article_id, id, position, text, "start", "end", data) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb)",
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
        with self._transaction("articles not deleted"):
            stories = [row[0] for row in self._conn.execute(
                "SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY(%s::text[])", (wanted,))]
            # Claims, profiles and memberships follow by ON DELETE CASCADE; the search vector is a column.
            found = {row[0] for row in self._conn.execute(
                "DELETE FROM articles WHERE id = ANY(%s::text[]) RETURNING id", (wanted,))}
            self._conn.execute(
                "DELETE FROM stories s WHERE s.id = ANY(%s::text[]) "
                "AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = s.id)",
                (stories,),
            )
        return [i for i in wanted if i in found]

    def _select_articles(self, where: str, params: tuple[Any, ...]) -> list[Article]:
        # One statement, so the articles and their claims come from one snapshot.
        rows = self._read(_SELECT_ARTICLES.format(where=where), params)
        return [
            article_from_record({**dict(zip(ARTICLE_COLUMNS, row[:-2])), **row[-2], "claims": row[-1]})
            for row in rows
        ]

    # --- stories -----------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store these stories and make them the only stories of the articles they hold.

        A stored story that loses a member to this batch and is not itself in the batch is
        deleted (its claim groups were computed over a membership that no longer exists).
        Every article named must already be stored (`save_articles` first).
        """
        ids = [s.id for s in stories]
        if len(set(ids)) != len(ids):
            raise ConsilienceError(
                "stories not saved: the batch holds the same story id twice. Merge those stories first."
            )
        involved = sorted({a for s in stories for a in s.articles})
        with self._transaction("stories not saved"):
            missing = [
                row[0]
                for row in self._conn.execute(
                    "SELECT x FROM unnest(%s::text[]) x WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = x) "
                    "ORDER BY x",
                    (involved,),
                )
            ]
            if missing:
                raise ConsilienceError(
                    f"stories not saved: {len(missing)} of their articles are not stored "
                    f"({', '.join(missing[:3])}). Save the articles before their stories."
                )
            self._conn.execute(
                "DELETE FROM stories WHERE id IN "
                "(SELECT story_id FROM story_articles WHERE article_id = ANY(%s::text[])) "
                "AND NOT (id = ANY(%s::text[]))",
                (involved, ids),
            )
            self._conn.execute("DELETE FROM story_articles WHERE story_id = ANY(%s::text[])", (ids,))
            with self._conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO stories (id, title, data, updated_at) VALUES (%s, %s, %s::jsonb, now()) "
                    "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, data = EXCLUDED.data, "
                    "updated_at = EXCLUDED.updated_at",
                    [(s.id, s.title, encode_json(story_to_record(s), s.id)) for s in stories],
                )
                cursor.executemany(
                    "INSERT INTO story_articles (story_id, article_id, position) VALUES (%s, %s, %s)",
                    [(s.id, article_id, position) for s in stories for position, article_id in enumerate(s.articles)],
                )

    def load_stories(self) -> list[Story]:
        """Every stored story, oldest first."""
        return [story_from_record(row[0]) for row in self._read("SELECT data FROM stories ORDER BY seq", ())]

    def load_stories_by_id(self, ids: Iterable[str]) -> list[Story]:
        """Stored stories with these ids, in the order asked; unknown ids are skipped."""
        wanted = list(dict.fromkeys(ids))
        rows = self._read("SELECT id, data FROM stories WHERE id = ANY(%s::text[])", (wanted,))
        found = {row[0]: story_from_record(row[1]) for row in rows}
        return [found[i] for i in wanted if i in found]

    # --- incremental story clustering ---------------------------------------------------------

    def save_report_profiles(self, profiles: Sequence[tuple[str, str | None, bytes]]) -> None:
        """Store (or replace) (article id, ISO date or None, profile bytes) rows in one transaction.

        The bytes stay opaque (BYTEA): nearest-neighbour search runs in-process over the profiles
        of the window (stories.incremental), so neither backend needs a vector extension.
        """
        with self._transaction("report profiles not saved"), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO report_profiles (article_id, published, profile) VALUES (%s, %s, %s) "
                "ON CONFLICT (article_id) DO UPDATE SET published = EXCLUDED.published, "
                "profile = EXCLUDED.profile",
                [(article_id, published, bytes(blob)) for article_id, published, blob in profiles],
            )

    def load_report_profiles(self, ids: Iterable[str] | None = None, since: str | None = None) -> dict[str, bytes]:
        """Profile bytes by article id, of `ids` (or all), published on/after `since` or undated."""
        clauses: list[str] = []
        params: list[Any] = []
        if ids is not None:
            clauses.append("article_id = ANY(%s::text[])")
            params.append(list(ids))
        if since is not None:
            clauses.append("(published IS NULL OR published >= %s)")
            params.append(since)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._read(f"SELECT article_id, profile FROM report_profiles {where}", tuple(params))
        return {row[0]: bytes(row[1]) for row in rows}

    def load_story_members(self, since: str | None = None) -> dict[str, list[str]]:
        """Story id -> article ids (stored order); with `since`, only stories with a member in the window."""
        where, params = "", ()
        if since is not None:
            where = (
                "WHERE sa.story_id IN (SELECT s2.story_id FROM story_articles s2 JOIN articles a "
                "ON a.id = s2.article_id WHERE a.published IS NULL OR a.published >= %s)"
            )
            params = (since,)
        members: dict[str, list[str]] = {}
        rows = self._read(
            f"SELECT sa.story_id, sa.article_id FROM story_articles sa {where} ORDER BY sa.story_id, sa.position",
            params,
        )
        for story, article in rows:
            members.setdefault(story, []).append(article)
        return members

    # --- story lock --------------------------------------------------------------------------

    @contextmanager
    def hold_story_lock(self, timeout: float = 600.0) -> Iterator[None]:
        """Hold the database's story lock (a session advisory lock), waiting up to `timeout` seconds.

        Session locks stack within one connection (re-entrant) and the server drops them when the
        connection ends, so a killed holder never leaves the lock behind.
        """
        deadline = time.monotonic() + timeout
        while not self._read("SELECT pg_try_advisory_lock(%s)", (STORY_LOCK,))[0][0]:
            if time.monotonic() > deadline:
                raise ConsilienceError(
                    f"{describe_url(self.url)}: another process has been regrouping stories for over "
                    f"{timeout:.0f} s. Retry when it is done."
                )
            time.sleep(0.05)
        try:
            yield
        finally:
            try:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (STORY_LOCK,))
            except psycopg.Error:
                pass  # the connection is gone, and with it the lock: nothing left to release

    # --- transactions ------------------------------------------------------------------------

    def _read(self, sql: str, params: Sequence[Any]) -> list[tuple]:
        """Rows of one statement (autocommit: it sees the last committed state)."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise ConsilienceError(
                f"{describe_url(self.url)}: reading failed ({first_line(exc)}). "
                "Check that the PostgreSQL server is still reachable, then retry."
            ) from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One write transaction: committed whole at the end, rolled back on any exception.

        psycopg's transaction block rolls back on every exception, KeyboardInterrupt included,
        so an interrupted batch leaves nothing half-written and the connection usable.
        """
        try:
            with self._conn.transaction():
                yield
        except psycopg.Error as exc:
            raise ConsilienceError(f"{what}: {first_line(exc)}. Nothing of this batch was stored.") from exc


def connect_database(url: str) -> psycopg.Connection:
    """An open autocommit connection to the database at `url`, its schema migrated as needed."""
    shown = describe_url(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="consilience")
    except psycopg.Error as exc:
        raise ConsilienceError(f"{shown}: cannot connect to PostgreSQL ({first_line(exc)}). {connect_advice(exc)}") from exc
    try:
        migrate_schema(conn, shown)
    except psycopg.Error as exc:
        conn.close()
        raise ConsilienceError(
            f"{shown}: cannot prepare the Consilience tables ({first_line(exc)}). "
            "Check that the user may create tables in this database, or point at a database Consilience created."
        ) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def migrate_schema(conn: psycopg.Connection, shown: str) -> None:
    """Apply the MIGRATIONS steps the database lacks, in one transaction under an advisory lock.

    Refuses a database holding Consilience-named tables without `schema_migrations` (another
    application's) and one migrated by a newer Consilience.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        applied = read_applied_migrations(conn, shown)
        if len(applied) > SCHEMA_VERSION:
            raise ConsilienceError(
                f"{shown}: database has schema version {len(applied)}, newer than this Consilience "
                f"(version {SCHEMA_VERSION}). Upgrade Consilience to read it."
            )
        for version, step in enumerate(MIGRATIONS[len(applied):], start=len(applied) + 1):
            for statement in step.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, step.name))


def read_applied_migrations(conn: psycopg.Connection, shown: str) -> list[str]:
    """Names of the applied steps in order; creates `schema_migrations` in a database without our tables."""
    existing = {
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name = ANY(%s::text[])",
            (["schema_migrations", *_OUR_TABLES],),
        )
    }
    if "schema_migrations" not in existing:
        if existing:
            raise ConsilienceError(
                f"{shown}: database already holds tables named {', '.join(sorted(existing))} but no "
                "schema_migrations: they belong to another application. Use a separate database for Consilience."
            )
        conn.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        return []
    try:
        # A savepoint: a foreign schema_migrations (another tool's columns) must not abort the
        # transaction before we can say so.
        with conn.transaction():
            rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    except psycopg.errors.UndefinedColumn as exc:
        raise ConsilienceError(
            f"{shown}: its schema_migrations table belongs to another application ({first_line(exc)}). "
            "Use a separate database for Consilience."
        ) from exc
    names = [name for _, name in rows]
    known = [m.name for m in MIGRATIONS]
    if [version for version, _ in rows] != list(range(1, len(rows) + 1)) or names[: len(known)] != known[: len(names)]:
        raise ConsilienceError(
            f"{shown}: schema_migrations does not list Consilience's steps in order. "
            "Use a separate database for Consilience, or one Consilience created."
        )
    return names


def search_words(text: str) -> str:
    """The `\\w+` words of `text`, lower-cased, without diacritics, space-separated: what gets indexed and asked.

    Folding here, not in the server, keeps search the same whatever the database's locale.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join(_WORD.findall("".join(ch for ch in decomposed if not unicodedata.combining(ch))))


def describe_url(url: str) -> str:
    """`url` with its password masked, for messages and logs."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return url.split("@")[-1]  # unparseable: keep only what cannot hold credentials
    return url.replace(f":{password}@", ":***@", 1) if password else url


def first_line(exc: BaseException) -> str:
    """The first line of a psycopg error, without libpq's "connection failed:" prefixes."""
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return re.sub(r"^(connection (failed|is bad): )+", "", line)


def connect_advice(exc: psycopg.Error) -> str:
    """What to do about a failed connection, from libpq's reason."""
    text = str(exc)
    if "password" in text or "authentication" in text or ("role" in text and "does not exist" in text):
        return "Check the user and password in the URL (or PGPASSWORD / ~/.pgpass) and the server's pg_hba.conf."
    if "database" in text and "does not exist" in text:
        return "Create the database first (createdb NAME) or point the URL at an existing one."
    if "refused" in text or "No such file" in text or "timeout" in text or "could not translate host" in text:
        return "Check that the PostgreSQL server is running and that the URL's host and port are right."
    return "Check the URL: postgresql://USER:PASSWORD@HOST:5432/DATABASE."
