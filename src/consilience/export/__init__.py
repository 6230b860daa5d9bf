"""Exports a newsroom can use: JSON, CSV, Parquet and schema.org ClaimReview JSON-LD, and back.

Not a pipeline stage: an export reads a store (`Store.list_articles`, `Store.load_stories`)
and writes a file; an import reads any of the four formats and upserts into a store, so that
`import_export(export_store(a, ...))` into an empty store gives it the same content as `a`.
"""

from __future__ import annotations

from .snapshot import ExportCounts, StoreSnapshot, read_snapshot, write_snapshot
from .tables import TABLES, Column
from .transfer import (
    FORMATS,
    ExportResult,
    detect_format,
    export_snapshot,
    export_store,
    import_export,
    read_export,
)

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "ExportCounts",
    "ExportResult",
    "StoreSnapshot",
    "detect_format",
    "export_snapshot",
    "export_store",
    "import_export",
    "read_export",
    "read_snapshot",
    "write_snapshot",
]
