"""Export a store to a file (or folder) in one of four formats, and import any of them back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConsilienceError
from ..store.base import Store
from .bundle import list_zip_names, read_bundle, write_atomically, write_bundle
from .jsondoc import decode_json_export, is_json_export, render_json_export
from .jsonld import decode_jsonld_export, is_jsonld_export, render_jsonld_export
from .snapshot import (
    ExportCounts,
    StoreSnapshot,
    count_snapshot,
    read_snapshot,
    write_snapshot,
)
from .tables import TABLES, snapshot_from_tables, tabulate_snapshot

FORMATS = ("json", "csv", "parquet", "jsonld")
TABLE_SUFFIXES = {"csv": ".csv", "parquet": ".parquet"}
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class ExportResult:
    """What an export wrote."""

    format: str
    paths: list[Path] = field(default_factory=list)
    counts: ExportCounts = field(default_factory=ExportCounts)

    @property
    def size(self) -> int:
        """Bytes written, all files together."""
        return sum(p.stat().st_size for p in self.paths)


def export_store(store: Store, fmt: str, out: str | Path) -> ExportResult:
    """Write everything `store` holds to `out` in format `fmt` (one of FORMATS).

    json and jsonld write one file; csv and parquet write a folder of six tables (articles,
    stories, claims, mentions, conflicts, origins), or one zip of them when `out` ends in .zip.
    """
    return export_snapshot(read_snapshot(store), fmt, out)


def export_snapshot(snapshot: StoreSnapshot, fmt: str, out: str | Path) -> ExportResult:
    """Write a snapshot to `out` in format `fmt`; `export_store` without the store."""
    out = Path(out)
    if fmt not in FORMATS:
        raise ConsilienceError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    if fmt in ("json", "jsonld"):
        if out.is_dir():
            raise ConsilienceError(f"{out}: is a folder; a {fmt} export is one file. Give a file name.")
        render = render_json_export if fmt == "json" else render_jsonld_export
        data = render(snapshot).encode("utf-8")
        write_atomically(out, lambda handle: handle.write(data))
        paths = [out]
    else:
        paths = write_bundle(out, encode_tables(snapshot, fmt))
    return ExportResult(format=fmt, paths=paths, counts=count_snapshot(snapshot))


def encode_tables(snapshot: StoreSnapshot, fmt: str) -> dict[str, bytes]:
    """The six tables of a snapshot as file name -> CSV or Parquet bytes."""
    if fmt == "csv":
        from .csv_tables import encode_csv_table as encode
    else:
        # Imported here: pyarrow takes a while to load and only Parquet needs it.
        from .parquet_tables import encode_parquet_table as encode
    return {f"{name}{TABLE_SUFFIXES[fmt]}": encode(name, rows) for name, rows in tabulate_snapshot(snapshot).items()}


def import_export(path: str | Path, store: Store) -> ExportCounts:
    """Load an export of any format into `store` and return what it held.

    Upserts by article and story id, so importing the same export twice stores nothing twice.
    A damaged or foreign file raises ConsilienceError before anything is written.
    """
    snapshot = read_export(path)[1]
    write_snapshot(snapshot, store)
    return count_snapshot(snapshot)


def read_export(path: str | Path) -> tuple[str, StoreSnapshot]:
    """The format of an export at `path` (file, folder or zip; detected from its content) and its snapshot."""
    path = Path(path)
    if not path.exists():
        raise ConsilienceError(f"{path}: no such file or folder. Check the path.")
    if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES.values() and path.stem in TABLES:
        path = path.parent  # one table of a folder export: read the whole folder
    fmt = detect_format(path)
    where = str(path)
    if fmt in TABLE_SUFFIXES:
        return fmt, snapshot_from_tables(_read_tables(path, fmt), where)
    document = _load_json(path)
    if fmt == "json":
        return fmt, decode_json_export(document, where)
    return fmt, decode_jsonld_export(document, where)


def detect_format(path: str | Path) -> str:
    """Which of FORMATS the export at `path` is, from its content rather than its name."""
    path = Path(path)
    if path.is_dir():
        names = {p.name for p in path.iterdir()}
    else:
        with path.open("rb") as handle:
            head = handle.read(4)
        if head != _ZIP_MAGIC:
            document = _load_json(path)
            if is_json_export(document):
                return "json"
            if is_jsonld_export(document):
                return "jsonld"
            raise ConsilienceError(
                f"{path}: JSON, but not a Consilience export (no \"format\": \"consilience-export\" "
                "and no @context/@graph). Give a file written by `consilience export`."
            )
        names = set(list_zip_names(path))
    for fmt, suffix in TABLE_SUFFIXES.items():
        if f"articles{suffix}" in names:
            return fmt
    raise ConsilienceError(
        f"{path}: holds no articles.csv or articles.parquet table. "
        "Give the folder or zip written by `consilience export --format csv|parquet`."
    )


def _read_tables(path: Path, fmt: str) -> dict[str, list[dict]]:
    if fmt == "csv":
        from .csv_tables import decode_csv_table as decode
    else:
        from .parquet_tables import decode_parquet_table as decode
    files = read_bundle(path, TABLE_SUFFIXES[fmt])
    tables = {}
    for name in ("articles", "stories", "claims"):  # the tables holding round-trip columns
        file_name = f"{name}{TABLE_SUFFIXES[fmt]}"
        if file_name not in files:
            raise ConsilienceError(f"{path}: {file_name} is missing; import needs it. Export the store again.")
        tables[name] = decode(name, files[file_name], f"{path}/{file_name}")
    return tables


def _load_json(path: Path) -> object:
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConsilienceError(
            f"{path}: not UTF-8 text ({exc}); the file is damaged or cut short, or is not an export. "
            "Export the store again."
        ) from exc
    except json.JSONDecodeError as exc:
        raise ConsilienceError(
            f"{path}: not valid JSON ({exc}); the file is damaged or cut short. Export the store again."
        ) from exc
