"""Choosing a backend from a target (store.open_store)."""

from __future__ import annotations

import pytest

from consilience.errors import ConsilienceError
from consilience.store import SQLiteStore, Store, open_store, resolve_target


def test_open_store_defaults_to_consilience_db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONSILIENCE_DB", raising=False)
    with open_store(None) as store:
        assert isinstance(store, SQLiteStore) and isinstance(store, Store)
    assert (tmp_path / "consilience.db").is_file()


@pytest.mark.parametrize("as_str", [True, False])
def test_open_store_opens_a_path(tmp_path, as_str):
    target = tmp_path / "runs.db"
    with open_store(str(target) if as_str else target) as store:
        assert store.count_articles() == 0
    assert target.is_file()


@pytest.mark.parametrize("url", ["postgresql://user@127.0.0.1:1/news", "postgres://127.0.0.1:1/news"])
def test_open_store_takes_postgresql_urls_and_creates_no_file(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConsilienceError, match="cannot connect to PostgreSQL"):  # nothing listens on port 1
        open_store(url)
    assert list(tmp_path.iterdir()) == []  # no stray file named after the URL


def test_open_store_reads_the_environment_when_no_target(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONSILIENCE_DB", str(tmp_path / "from-env.db"))
    with open_store(None) as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / "from-env.db").is_file() and not (tmp_path / "consilience.db").exists()
    with open_store(tmp_path / "given.db"):  # an explicit target wins over the environment
        pass
    assert (tmp_path / "given.db").is_file()


@pytest.mark.parametrize("target, env, expected", [
    (None, None, "consilience.db"), ("", None, "consilience.db"), (None, "", "consilience.db"),
    (None, "postgresql://h/db", "postgresql://h/db"), ("x.db", "postgresql://h/db", "x.db"),
])
def test_open_store_resolve_target_order(monkeypatch, target, env, expected):
    if env is None:
        monkeypatch.delenv("CONSILIENCE_DB", raising=False)
    else:
        monkeypatch.setenv("CONSILIENCE_DB", env)
    assert str(resolve_target(target)) == expected


def test_open_store_refuses_unknown_url_scheme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConsilienceError, match="mysql:// store"):
        open_store("mysql://localhost/news")
