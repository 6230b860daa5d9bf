"""Reports piped on standard input ("-"): plain text, or sniffed HTML, feed or JSONL."""

from __future__ import annotations

import io
import re
from typing import TextIO

from ..errors import E
from .batch import Batch
from .corpusrow import iter_limited_lines
from .decode import format_size
from .feed import parse_feed
from .jsonl import read_jsonl_lines
from .plaintext import parse_text
from .sniff import sniff_kind
from .webpage import parse_html

WHERE = "-"
SOURCE = "stdin"
_SURROGATE = re.compile("[\udc80-\udcff]")
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def read_stdin(stream: TextIO, batch: Batch) -> None:
    """Read what is on `stream` (at most max_file_bytes characters) into the batch."""
    limit = batch.options.max_file_bytes
    try:
        content = stream.read(limit + 1)
    except UnicodeDecodeError as err:
        batch.refuse(E.UNDECODABLE.problem(WHERE, detail=f"invalid {err.encoding} at byte {err.start}"))
        return
    if len(content) > limit:
        batch.refuse(E.TOO_LARGE.problem(WHERE, detail=f"more than {format_size(limit)}", limit=format_size(limit)))
        return
    if not content.strip():
        batch.refuse(E.EMPTY_FILE.problem(WHERE))
        return
    if "\x00" in content:
        batch.refuse(E.BINARY_FILE.problem(WHERE, detail="it contains NUL characters"))
        return
    if _SURROGATE.search(content):
        # sys.stdin under a C locale turns undecodable bytes into lone surrogates.
        batch.refuse(E.UNDECODABLE.problem(WHERE, detail="not UTF-8"))
        return
    kind = sniff_kind(content[:4096]) or "text"
    if kind == "html":
        parse_html(content, WHERE, SOURCE, batch)
    elif kind == "feed":
        # The text is decoded already: its bytes are UTF-8 now, whatever the declaration said.
        declared_utf8 = _XML_ENCODING.sub(r'\1"utf-8"', content, count=1)
        parse_feed(declared_utf8.encode("utf-8"), WHERE, SOURCE, batch)
    elif kind == "jsonl":
        lines = iter_limited_lines(io.StringIO(content), batch.options.max_row_bytes)
        read_jsonl_lines(lines, WHERE, SOURCE, batch)
    else:
        parse_text(content, WHERE, SOURCE, batch)
