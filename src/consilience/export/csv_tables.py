"""Export tables as CSV: UTF-8, a header row of `TABLES` column names, empty cell for None."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..errors import ConsilienceError
from .tables import TABLES

# The `data` and `text` cells can outgrow csv's default 128 KiB field limit (a long report with
# all its annotations); the reader must accept any cell the writer produced.
_FIELD_LIMIT = 2**31 - 1


def encode_csv_table(name: str, rows: list[dict[str, Any]]) -> bytes:
    """One table as CSV bytes, columns in `TABLES` order."""
    columns = [c.name for c in TABLES[name]]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([["" if row[c] is None else row[c] for c in columns] for row in rows])
    return buffer.getvalue().encode("utf-8")


def decode_csv_table(name: str, data: bytes, where: str) -> list[dict[str, Any]]:
    """The rows of one CSV table, round-trip columns typed; a damaged file raises ConsilienceError."""
    try:
        text = data.decode("utf-8-sig")  # -sig: a spreadsheet that re-saved the file may add a BOM
    except UnicodeDecodeError as exc:
        raise ConsilienceError(f"{where}: not UTF-8 text ({exc}). Export the store again.") from exc
    # The limit is process-wide: lift it only while reading, so corpus CSV reading keeps its own guard.
    previous = csv.field_size_limit(_FIELD_LIMIT)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = list(reader)
    except csv.Error as exc:
        raise ConsilienceError(f"{where}: not readable as CSV ({exc}). Export the store again.") from exc
    finally:
        csv.field_size_limit(previous)
    wanted = [c for c in TABLES[name] if c.round_trip]
    missing = [c.name for c in wanted if c.name not in (reader.fieldnames or [])]
    if missing:
        raise ConsilienceError(
            f"{where}: the {name} table has no {', '.join(missing)} column. "
            "It is not a Consilience export, or was cut short: export the store again."
        )
    for n, row in enumerate(rows):
        if None in row or any(row.get(c.name) is None for c in wanted):
            # DictReader files surplus cells under None and fills short rows with None.
            raise ConsilienceError(
                f"{where}: row {n + 2} has {'too many' if None in row else 'too few'} cells. "
                "The file was cut short or edited: export the store again."
            )
        for column in wanted:
            if column.type == "int":
                try:
                    row[column.name] = int(row[column.name])
                except ValueError as exc:
                    raise ConsilienceError(
                        f"{where}: row {n + 2}: {column.name} is not a whole number ({row[column.name]!r}). "
                        "Export the store again."
                    ) from exc
    return rows
