"""JSON Lines corpora (.jsonl, .ndjson): one report per line, streamed line by line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import E
from .batch import Batch
from .corpusrow import check_corpus, draft_from_row, iter_limited_lines, too_long_detail


def read_jsonl_file(path: str, batch: Batch) -> None:
    """Read every row of a JSONL corpus into the batch; malformed rows become E008."""
    if not check_corpus(path, batch):
        return
    with open(path, "rb") as handle:
        read_jsonl_lines(iter_limited_lines(handle, batch.options.max_row_bytes), path, Path(path).stem, batch)


def read_jsonl_lines(
    lines: Iterable[tuple[int, bytes | str | None]], where: str, fallback_source: str, batch: Batch
) -> None:
    """Add the report of each numbered JSONL line to the batch; blank lines are skipped."""
    rows = 0
    for number, line in lines:
        rows += 1
        row_where = f"{where}#row={number}"
        if line is None:
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=too_long_detail(batch.options.max_row_bytes)))
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=f"not UTF-8 at byte {err.start}"))
                continue
        if not line.strip():
            rows -= 1
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=f"bad JSON: {err.msg} at column {err.colno}"))
            continue
        if not isinstance(row, dict):
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=f"expected a JSON object, got {type(row).__name__}"))
            continue
        draft = draft_from_row(row, row_where, number, fallback_source, batch)
        if draft is not None:
            batch.add(draft)
    if not rows:
        batch.refuse(E.EMPTY_FILE.problem(where))  # only blank lines: the input must not vanish
