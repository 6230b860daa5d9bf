"""Persistence of analysed articles and stories: one `Store` contract, SQLite by default."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConsilienceError
from .base import Store
from .sqlite import DEFAULT_PATH, SQLiteStore

__all__ = ["DEFAULT_PATH", "SQLiteStore", "Store", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: str | Path | None = None) -> Store:
    """The store at `target`: None -> ./consilience.db, a path -> SQLite file, a PostgreSQL URL -> refused."""
    if target is None:
        return SQLiteStore(DEFAULT_PATH)
    if isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES):
        raise ConsilienceError(
            "PostgreSQL store: the PostgreSQL backend is not available yet. "
            f"Give a file path (default {DEFAULT_PATH}) to use the built-in SQLite store."
        )
    if isinstance(target, str) and "://" in target:
        raise ConsilienceError(
            f"{target.split('://')[0]}:// store: unknown database URL scheme. "
            f"Give a file path (default {DEFAULT_PATH}) to use the built-in SQLite store."
        )
    return SQLiteStore(target)
