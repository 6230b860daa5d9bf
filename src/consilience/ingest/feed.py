"""RSS and Atom feed files: one report per item, the feed's publisher or title as the outlet."""

from __future__ import annotations

import io
from pathlib import Path

import feedparser

from ..errors import E
from .batch import Batch, Draft
from .dates import normalise_date
from .decode import load_file
from .htmltext import html_to_text


def read_feed_file(path: str, batch: Batch) -> None:
    """Read every item of one feed file into the batch."""
    data = load_file(path, batch, batch.options.max_file_bytes)
    if data is not None:
        parse_feed(data, path, Path(path).stem, batch)


def parse_feed(data: bytes, where: str, fallback_source: str, batch: Batch) -> None:
    """Add each item of the feed in `data` to the batch; E007 when there is no feed to read."""
    # A file object, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data))
    error = parsed.get("bozo_exception")
    if isinstance(error, feedparser.CharacterEncodingOverride):
        error = None  # feedparser corrected a wrong encoding declaration; the items are fine
    outlet = parsed.feed.get("publisher") or parsed.feed.get("title")
    drafts = [
        _draft_from_entry(entry, f"{where}#item={number}", outlet, fallback_source)
        for number, entry in enumerate(parsed.entries, start=1)
    ]
    # feedparser reads broken XML leniently; that is worth it only when text came out of it.
    if not drafts or (error is not None and not any(d.text for d in drafts)):
        reason = _describe_error(error) if error is not None else "it has no items"
        batch.refuse(E.BAD_FEED.problem(where, detail=reason))
        return
    if error is not None:
        batch.warn(E.FIELD_MISSING.problem(
            where, detail=f"feed is not well-formed ({_describe_error(error)}); its {len(drafts)} items were read leniently."
        ))
    for draft in drafts:
        batch.add(draft)


def _draft_from_entry(entry: feedparser.FeedParserDict, where: str, outlet: str | None, fallback: str) -> Draft:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    # An aggregator item names its original outlet in <source>; that is the report's source.
    item_source = (entry.get("source") or {}).get("title")
    written = entry.get("published") or entry.get("updated")
    # The date as written first; feedparser's *_parsed fields are shifted to UTC.
    published = normalise_date(written) or entry.get("published_parsed") or entry.get("updated_parsed") or written
    return Draft(
        text=html_to_text(body or ""),
        path=where,
        source=item_source or outlet,
        fallback_source=fallback,
        title=html_to_text(entry.get("title", "")) or None,
        published=published,
        url=entry.get("link"),
    )


def _describe_error(error: Exception) -> str:
    return str(error).strip().split("\n")[0] or type(error).__name__
