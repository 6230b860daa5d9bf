"""One input argument (a file, a folder or "-") sent to the reader it needs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TextIO

from ..errors import E
from .batch import Batch
from .csvrows import read_csv_file
from .decode import binary_reason, read_head
from .feed import read_feed_file
from .folder import list_reports
from .jsonl import read_jsonl_file
from .plaintext import read_text_file
from .sniff import kind_from_extension, sniff_kind
from .stdin import read_stdin
from .webpage import read_html_file

READERS: dict[str, Callable[[str, Batch], None]] = {
    "text": read_text_file,
    "html": read_html_file,
    "feed": read_feed_file,
    "jsonl": read_jsonl_file,
    "csv": read_csv_file,
}


def read_input(item: str, batch: Batch, stdin: TextIO | None = None) -> None:
    """Read every report of one input argument into the batch."""
    if item == "-":
        read_stdin(stdin if stdin is not None else sys.stdin, batch)
    elif os.path.isdir(item):
        read_folder(item, batch)
    elif os.path.exists(item):
        read_file(item, batch)
    else:
        batch.refuse(E.MISSING_PATH.problem(item))


def read_folder(folder: str, batch: Batch) -> None:
    """Read the report files of a folder, recursively, in sorted order."""
    listing = list_reports(folder)
    if not listing.reports:
        if listing.skipped:
            detail = f"{len(listing.skipped)} other file{'s' if len(listing.skipped) > 1 else ''} skipped"
        else:
            detail = "no files"
        batch.refuse(E.EMPTY_FOLDER.problem(folder, detail=detail))
        return
    for path, kind in listing.reports:
        READERS[kind](path, batch)


def read_file(path: str, batch: Batch) -> None:
    """Read one file with the reader its extension, or else its content, calls for."""
    kind = kind_from_extension(path)
    if kind is None:
        head = read_head(path) or b""
        reason = binary_reason(head)
        if reason is not None:
            batch.refuse(E.BINARY_FILE.problem(path, detail=reason))
            return
        # Given by name, a file is meant as a report: unrecognised content is tried as text.
        kind = sniff_kind(head.decode("utf-8", errors="replace")) or "text"
    READERS[kind](path, batch)
