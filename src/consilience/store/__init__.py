"""Persistence of analysed articles and stories: one `Store` contract, SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConsilienceError
from .base import Store
from .sqlite import DEFAULT_PATH, SQLiteStore

__all__ = ["DEFAULT_PATH", "ENV_VAR", "SQLiteStore", "Store", "open_store", "resolve_target"]

# Names the store when no target is given (the CLI's --db, the library's db=): a path or a URL.
ENV_VAR = "CONSILIENCE_DB"

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def resolve_target(target: str | Path | None = None) -> str | Path:
    """The store to open: `target`, else $CONSILIENCE_DB, else ./consilience.db."""
    if target is not None and str(target) != "":
        return target
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


def open_store(target: str | Path | None = None) -> Store:
    """The store at `target` (see resolve_target): a PostgreSQL URL -> PostgresStore, a path -> SQLite file."""
    target = resolve_target(target)
    if isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES):
        return _open_postgres(target)
    if isinstance(target, str) and "://" in target:
        raise ConsilienceError(
            f"{target.split('://')[0]}:// store: unknown database URL scheme. Give a postgresql:// URL "
            f"or a file path (default {DEFAULT_PATH}) for the built-in SQLite store."
        )
    return SQLiteStore(target)


def _open_postgres(url: str) -> Store:
    # Imported here: SQLite users should not pay for (or need) the PostgreSQL driver.
    try:
        from .postgres import PostgresStore
    except ImportError as exc:
        raise ConsilienceError(
            f"PostgreSQL store: the psycopg driver is not installed ({exc}). "
            "Install it with pip install 'psycopg[binary]', or give a file path for the SQLite store."
        ) from exc
    return PostgresStore(url)
