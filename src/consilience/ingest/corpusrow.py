"""One corpus row (a JSONL object or a CSV record) turned into a draft report."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import IO, AnyStr

from ..errors import E
from .batch import Batch, Draft
from .decode import binary_reason, format_size, read_head, SNIFF_BYTES
from .options import CorpusFields

PARTS = ("title", "source", "published", "url")


def draft_from_row(row: Mapping[str, object], where: str, number: int, fallback: str, batch: Batch) -> Draft | None:
    """Draft of a row's text and metadata, or None after recording E008 for a malformed row."""
    fields: CorpusFields = batch.options.fields
    text_name = pick_field(row, fields, "text")
    if text_name is None:
        tried = ", ".join(fields.candidates("text"))
        batch.refuse(E.BAD_ROW.problem(where, row=number, detail=f"no text field; tried {tried}"))
        return None
    values: dict[str, str | None] = {}
    for part in ("text", *PARTS):
        name = text_name if part == "text" else pick_field(row, fields, part)
        value = row.get(name) if name is not None else None
        if value is not None and not isinstance(value, str):
            detail = f"field {name!r} is {_json_type(value)}, expected a string"
            batch.refuse(E.BAD_ROW.problem(where, row=number, detail=detail))
            return None
        values[part] = value or None
    return Draft(
        text=values["text"] or "",
        path=where,
        source=values["source"],
        fallback_source=fallback,
        title=values["title"],
        published=values["published"],
        url=values["url"],
    )


def pick_field(row: Mapping[str, object], fields: CorpusFields, part: str) -> str | None:
    """The first of the configured name and its aliases that the row has."""
    return next((name for name in fields.candidates(part) if name in row), None)


def check_corpus(path: str, batch: Batch) -> bool:
    """Whether a corpus file can be streamed; records E001/E003/E004/E010 when it cannot."""
    head = read_head(path, SNIFF_BYTES)
    if head is None:
        batch.refuse(E.MISSING_PATH.problem(path))
        return False
    size = os.path.getsize(path)
    limit = batch.options.max_corpus_bytes
    if size > limit:
        # Checked before reading: streaming a 1 GB sparse file row by row would take minutes for nothing.
        batch.refuse(E.TOO_LARGE.problem(path, detail=format_size(size), limit=format_size(limit)))
        return False
    if not head.strip():
        batch.refuse(E.EMPTY_FILE.problem(path))
        return False
    reason = binary_reason(head)
    if reason is not None:
        batch.refuse(E.BINARY_FILE.problem(path, detail=reason))
        return False
    return True


def iter_limited_lines(handle: IO[AnyStr], limit: int) -> Iterator[tuple[int, AnyStr | None]]:
    """(line number, line) pairs; the line is None when longer than `limit`, which is never held whole."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit:
            yield number, line
            continue
        while line and line[-1:] not in ("\n", b"\n"):
            line = handle.readline(64 * 1024)  # skip the rest of the long line in chunks
        yield number, None


def too_long_detail(limit: int) -> str:
    """E008 detail for a row over the per-row limit."""
    return f"longer than the {format_size(limit)} row limit"


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
