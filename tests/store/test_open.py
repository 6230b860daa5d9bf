"""Choosing a backend from a target (store.open_store)."""

from __future__ import annotations

import pytest

from consilience.errors import ConsilienceError
from consilience.store import SQLiteStore, Store, open_store


def test_open_store_defaults_to_consilience_db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert isinstance(store, SQLiteStore) and isinstance(store, Store)
    assert (tmp_path / "consilience.db").is_file()


@pytest.mark.parametrize("as_str", [True, False])
def test_open_store_opens_a_path(tmp_path, as_str):
    target = tmp_path / "runs.db"
    with open_store(str(target) if as_str else target) as store:
        assert store.count_articles() == 0
    assert target.is_file()


@pytest.mark.parametrize("url", ["postgresql://user@localhost/news", "postgres://localhost/news"])
def test_open_store_refuses_postgresql_for_now(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConsilienceError, match="PostgreSQL backend is not available yet"):
        open_store(url)
    assert list(tmp_path.iterdir()) == []  # no stray file named after the URL


def test_open_store_refuses_unknown_url_scheme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConsilienceError, match="mysql:// store"):
        open_store("mysql://localhost/news")
