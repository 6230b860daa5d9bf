"""Plain-text reports (.txt, .md), with optional front matter for title, outlet, URL and date."""

from __future__ import annotations

from pathlib import Path

from ..errors import E
from .batch import Batch, Draft
from .decode import decode_bytes, load_file
from .frontmatter import split_front_matter


def read_text_file(path: str, batch: Batch) -> None:
    """Read one plain-text report file into the batch."""
    data = load_file(path, batch, batch.options.max_file_bytes)
    if data is None:
        return
    text = decode_bytes(data, path, batch)
    if text is not None:
        parse_text(text, path, Path(path).stem, batch)


def parse_text(text: str, where: str, fallback_source: str, batch: Batch) -> None:
    """Split front matter off `text` and add the report to the batch."""
    found = split_front_matter(text)
    for warning in found.warnings:
        batch.warn(E.FIELD_MISSING.problem(where, detail=warning))
    batch.add(Draft(
        text=found.body,
        path=where,
        source=_as_text(found.fields.get("source")),
        fallback_source=fallback_source,
        title=_as_text(found.fields.get("title")),
        published=found.fields.get("published"),
        url=_as_text(found.fields.get("url")),
    ))


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)
