"""The PostgreSQL store beyond the shared contract: rows, migrations, concurrent opens, connection errors."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import psycopg
import pytest
from click.testing import CliRunner

from consilience.cli import main
from consilience.errors import ConsilienceError
from consilience.store import open_store, postgres
from consilience.store.postgres import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    PostgresStore,
    describe_url,
    search_words,
)

pytestmark = pytest.mark.slow  # every test here talks to a PostgreSQL server the session starts

# Nothing listens on port 1: a connection there is refused at once.
REFUSED = "postgresql://consilience:s3cret@127.0.0.1:1/news"


def raw_rows(url, sql, params=()):
    """Rows read through a separate plain psycopg connection (what another process would see)."""
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def store(postgres_url):
    with PostgresStore(postgres_url) as opened:
        yield opened


# --- rows -----------------------------------------------------------------------------------


def test_postgres_claims_are_queryable_jsonb_rows(postgres_url, store, make_article):
    store.save_articles([make_article("a1", claims=2)])
    rows = raw_rows(postgres_url, 'SELECT article_id, id, position, "start", "end" FROM claims ORDER BY position')
    assert rows == [("a1", "a1:c0", 0, 0, 39), ("a1", "a1:c1", 1, 0, 39)]
    kinds = raw_rows(postgres_url, "SELECT data -> 'attribution' -> 0 ->> 'kind' FROM claims")
    assert kinds == [("military",), ("military",)]
    assert raw_rows(postgres_url, "SELECT count(*) FROM articles WHERE data @> '{\"entities\": [{\"label\": \"ORG\"}]}'") == [(1,)]


def test_postgres_resave_keeps_created_at(postgres_url, store, make_article):
    store.save_articles([make_article("a1")])
    created = raw_rows(postgres_url, "SELECT created_at FROM articles")
    store.save_articles([make_article("a1", claims=1)])
    assert raw_rows(postgres_url, "SELECT created_at FROM articles") == created


def test_postgres_search_uses_the_gin_index(postgres_url, store, make_article):
    store.save_articles([make_article(f"a{i}") for i in range(3)])
    with psycopg.connect(postgres_url) as conn:
        conn.execute("SET enable_seqscan = off")  # three rows: the planner would rightly scan
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT id FROM articles WHERE search @@ plainto_tsquery('simple', 'hama')"))
    assert "articles_search" in plan


@pytest.mark.parametrize(
    "text, words",
    [("Zürich's café, ÉTÉ!", "zurich s cafe ete"),
     ("army-said: 500 people", "army said 500 people"), ("", "")],
)
def test_postgres_search_words_are_folded_word_runs(text, words):
    assert search_words(text) == words


# --- migrations -----------------------------------------------------------------------------


def test_postgres_records_every_migration_once(postgres_url, make_article):
    with PostgresStore(postgres_url) as first:
        first.save_articles([make_article("a1")])
    PostgresStore(postgres_url).close()
    rows = raw_rows(postgres_url, "SELECT version, name FROM schema_migrations ORDER BY version")
    assert rows == [(i + 1, m.name) for i, m in enumerate(MIGRATIONS)]
    assert len(rows) == SCHEMA_VERSION


def test_postgres_concurrent_opens_migrate_once(postgres_url):
    opened, errors = [], []
    start = threading.Barrier(4)

    def open_one():
        start.wait()
        try:
            opened.append(PostgresStore(postgres_url))
        except ConsilienceError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(opened) == 4
    assert [r[0] for r in raw_rows(postgres_url, "SELECT version FROM schema_migrations ORDER BY version")] == list(
        range(1, SCHEMA_VERSION + 1))
    for store in opened:
        assert store.count_articles() == 0
        store.close()


def test_postgres_upgrades_an_older_schema_keeping_data(postgres_url, make_article, monkeypatch):
    monkeypatch.setattr(postgres, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(postgres, "SCHEMA_VERSION", 1)
    with PostgresStore(postgres_url) as old:
        old.save_articles([make_article("a1")])
    assert raw_rows(postgres_url, "SELECT to_regclass('report_profiles')") == [(None,)]
    monkeypatch.undo()
    with PostgresStore(postgres_url) as upgraded:
        assert upgraded.load_articles(["a1"]) == [make_article("a1")]
        upgraded.save_report_profiles([("a1", None, b"p")])
    assert raw_rows(postgres_url, "SELECT max(version) FROM schema_migrations") == [(SCHEMA_VERSION,)]


def test_postgres_failed_migration_step_rolls_back_whole(postgres_url, make_article, monkeypatch):
    PostgresStore(postgres_url).close()
    broken = Migration("broken step", ("CREATE TABLE half_done (x INTEGER)", "SELECT * FROM no_such_table"))
    monkeypatch.setattr(postgres, "MIGRATIONS", MIGRATIONS + (broken,))
    monkeypatch.setattr(postgres, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(ConsilienceError, match="cannot prepare the Consilience tables"):
        PostgresStore(postgres_url)
    assert raw_rows(postgres_url, "SELECT to_regclass('half_done')") == [(None,)]
    assert raw_rows(postgres_url, "SELECT max(version) FROM schema_migrations") == [(SCHEMA_VERSION,)]


def test_postgres_refuses_a_newer_schema(postgres_url):
    PostgresStore(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, 'from the future')", (SCHEMA_VERSION + 1,))
    with pytest.raises(ConsilienceError, match="newer than this Consilience"):
        PostgresStore(postgres_url)


def test_postgres_refuses_another_applications_tables(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE articles (headline TEXT)")
        conn.execute("INSERT INTO articles VALUES ('kept')")
    with pytest.raises(ConsilienceError, match="belong to another application"):
        PostgresStore(postgres_url)
    assert raw_rows(postgres_url, "SELECT headline FROM articles") == [("kept",)]
    assert raw_rows(postgres_url, "SELECT to_regclass('schema_migrations')") == [(None,)]


def test_postgres_refuses_a_foreign_schema_migrations_table(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:  # the shape Rails gives it
        conn.execute("CREATE TABLE schema_migrations (version VARCHAR PRIMARY KEY)")
        conn.execute("INSERT INTO schema_migrations VALUES ('20240101000000')")
    with pytest.raises(ConsilienceError, match="belongs to another application"):
        PostgresStore(postgres_url)
    assert raw_rows(postgres_url, "SELECT to_regclass('articles')") == [(None,)]


# --- connecting -----------------------------------------------------------------------------


def test_postgres_refused_connection_says_what_to_do_without_the_password():
    with pytest.raises(ConsilienceError) as caught:
        open_store(REFUSED)
    message = str(caught.value)
    assert "cannot connect to PostgreSQL" in message and "Connection refused" in message
    assert "server is running" in message
    assert "s3cret" not in message and "consilience:***@127.0.0.1:1/news" in message


def test_postgres_unknown_role_and_database_say_what_to_do(postgres_server):
    parts = urlsplit(postgres_server)
    with pytest.raises(ConsilienceError, match="Check the user and password"):
        open_store(f"postgresql://nobody@{parts.netloc.split('@')[-1]}/postgres")
    with pytest.raises(ConsilienceError, match="createdb"):
        open_store(parts._replace(path="/no_such_database").geturl())


@pytest.mark.parametrize("url", ["postgresql://u@127.0.0.1:notaport/db", "postgresql://u@127.0.0.1/db?bogus=1"])
def test_postgres_malformed_url_is_a_consilience_error(url):
    with pytest.raises(ConsilienceError, match="cannot connect to PostgreSQL"):
        open_store(url)


def test_postgres_describe_url_masks_the_password():
    assert describe_url("postgresql://ann:pw@db:5432/news") == "postgresql://ann:***@db:5432/news"
    assert describe_url("postgres://db/news") == "postgres://db/news"


def test_postgres_opens_by_postgres_scheme_and_environment(postgres_url, monkeypatch, make_article):
    monkeypatch.setenv("CONSILIENCE_DB", postgres_url)
    with open_store() as store:
        assert isinstance(store, PostgresStore)
        store.save_articles([make_article("a1")])
    with open_store(postgres_url.replace("postgresql://", "postgres://", 1)) as again:
        assert again.known_articles(["a1"]) == {"a1"}


@pytest.mark.parametrize("command", [["analyze", "{report}", "--db", REFUSED], ["serve", "--db", REFUSED]])
def test_postgres_cli_reports_connection_failure_without_traceback(tmp_path, command):
    report = tmp_path / "report.txt"
    report.write_text("Rebel fighters entered Hama on Thursday, the army said in a statement.\n")
    result = CliRunner().invoke(main, [part.format(report=report) for part in command])
    assert result.exit_code == 1
    assert "cannot connect to PostgreSQL" in result.output and "s3cret" not in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ConsilienceError)
