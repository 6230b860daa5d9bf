"""Export tables as Apache Parquet (pyarrow): typed columns, None kept as null."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ConsilienceError
from .tables import TABLES

_TYPES = {"str": pa.string(), "int": pa.int64()}


def encode_parquet_table(name: str, rows: list[dict[str, Any]]) -> bytes:
    """One table as Parquet bytes with the `TABLES` schema (so an empty table keeps its columns)."""
    schema = pa.schema([pa.field(c.name, _TYPES[c.type]) for c in TABLES[name]])
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def decode_parquet_table(name: str, data: bytes, where: str) -> list[dict[str, Any]]:
    """The rows of one Parquet table; a damaged file raises ConsilienceError."""
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise ConsilienceError(f"{where}: not a readable Parquet file ({exc}). Export the store again.") from exc
    missing = [c.name for c in TABLES[name] if c.round_trip and c.name not in table.column_names]
    if missing:
        raise ConsilienceError(
            f"{where}: the {name} table has no {', '.join(missing)} column. "
            "It is not a Consilience export: export the store again."
        )
    return table.to_pylist()
