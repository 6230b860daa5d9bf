"""CSV corpora: a header row naming the fields, then one report per record, streamed.

Row numbers count the header as row 1, as a spreadsheet shows them. Each field is capped by
the csv module's limit (131,072 characters), about 20,000 words; a longer field is an E008.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from ..errors import E
from .batch import Batch
from .corpusrow import check_corpus, draft_from_row, pick_field, too_long_detail


def read_csv_file(path: str, batch: Batch) -> None:
    """Read every record of a CSV corpus into the batch; malformed rows become E008."""
    if not check_corpus(path, batch):
        return
    with open(path, encoding="utf-8-sig", newline="") as handle:
        read_csv_rows(handle, path, Path(path).stem, batch)


def read_csv_rows(handle: TextIO, where: str, fallback_source: str, batch: Batch) -> None:
    """Add the report of each CSV record in `handle` to the batch."""
    reader = csv.reader(handle)
    header: list[str] | None = None
    number = 0
    records = 0  # non-blank records after the header
    while True:
        number += 1
        row_where = f"{where}#row={number}"
        try:
            record = next(reader)
        except StopIteration:
            if not records:
                # A header alone (or nothing) holds no report; saying so keeps the input from vanishing.
                batch.refuse(E.EMPTY_FILE.problem(where))
            break
        except csv.Error as err:
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=str(err)))
            continue
        except UnicodeDecodeError as err:
            # The stream cannot be resynchronised after bad bytes; rows read so far are kept.
            batch.refuse(E.UNDECODABLE.problem(where, detail=f"invalid UTF-8 at or after row {number}, byte {err.start} of a block"))
            return
        if header is None:
            header = [name.strip() for name in record]
            if pick_field(dict.fromkeys(header), batch.options.fields, "text") is None:
                tried = ", ".join(batch.options.fields.candidates("text"))
                batch.refuse(E.BAD_ROW.problem(where, row=1, detail=f"header has no text column; tried {tried}"))
                return
            continue
        if not any(cell.strip() for cell in record):
            continue
        records += 1
        if len(record) != len(header):
            detail = f"{len(record)} fields where the header has {len(header)}"
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=detail))
            continue
        if sum(len(cell) for cell in record) > batch.options.max_row_bytes:
            batch.refuse(E.BAD_ROW.problem(row_where, row=number, detail=too_long_detail(batch.options.max_row_bytes)))
            continue
        draft = draft_from_row(dict(zip(header, record)), row_where, number, fallback_source, batch)
        if draft is not None:
            batch.add(draft)
