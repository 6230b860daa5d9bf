"""Saved article pages (.html): main text via trafilatura, title, outlet and date from metadata."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

from ..errors import E
from .batch import Batch, Draft
from .decode import decode_bytes, load_file
from .markup import MAX_ATTRIBUTE_CHARS, MAX_NESTING, drop_long_attributes, drop_scripts, is_nested_too_deep

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html_file(path: str, batch: Batch) -> None:
    """Read one saved HTML page into the batch."""
    data = load_file(path, batch, batch.options.max_file_bytes)
    if data is None:
        return
    declared = _META_CHARSET.search(data[:4096])
    text = decode_bytes(data, path, batch, declared=declared.group(1).decode("ascii") if declared else None)
    if text is not None:
        parse_html(text, path, Path(path).stem, batch)


def parse_html(page: str, where: str, fallback_source: str, batch: Batch) -> None:
    """Extract the article from an HTML page and add it to the batch."""
    if is_nested_too_deep(page):
        batch.refuse(E.TOO_DEEP.problem(where, limit=MAX_NESTING))
        return
    page, emptied = drop_long_attributes(page)
    if emptied:
        batch.warn(E.FIELD_MISSING.problem(where, detail=(
            f"{emptied} HTML attribute value{'s' if emptied > 1 else ''} over {MAX_ATTRIBUTE_CHARS:,} characters "
            "(inline data or padding) emptied before reading the page."
        )))
    document = trafilatura.bare_extraction(
        drop_scripts(page), with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    body = (document.text or "").strip() if document is not None else ""
    if not body:
        batch.refuse(E.NO_ARTICLE_TEXT.problem(where))
        return
    title = document.title
    first_line, _, rest = body.partition("\n")
    if title and first_line.strip() == title.strip():
        body = rest  # trafilatura keeps the <h1> headline in the text; the title is stored apart
    batch.add(Draft(
        text=body,
        path=where,
        source=document.sitename or _outlet_from_url(document.url),
        fallback_source=fallback_source,
        title=title,
        published=document.date,
        url=document.url,
    ))


def _outlet_from_url(url: str | None) -> str | None:
    """"www.example.co.uk" of a URL, without the "www."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
