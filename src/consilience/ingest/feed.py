"""RSS and Atom feed files: one report per item, the feed's publisher or title as the outlet."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

import feedparser

from ..errors import E
from .batch import Batch, Draft
from .dates import normalise_date
from .decode import bom_encoding, load_file
from .htmltext import html_to_text
from .markup import MAX_NESTING, is_nested_too_deep

# Any "<!ENTITY", even one cut off before its name ("<!DOCTYPE rss [<!ENTITY" at the end of a file).
_ENTITY_DECLARATION = re.compile(r"<!ENTITY(?:\s+(?:%\s*)?([^\s\"'>]*))?", re.IGNORECASE)
_CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
_XML_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def read_feed_file(path: str, batch: Batch) -> None:
    """Read every item of one feed file into the batch."""
    data = load_file(path, batch, batch.options.max_file_bytes)
    if data is not None:
        parse_feed(data, path, Path(path).stem, batch)


def parse_feed(data: bytes, where: str, fallback_source: str, batch: Batch) -> None:
    """Add each item of the feed in `data` to the batch; E007 when there is no feed to read."""
    declared = declared_entities(data)
    if declared:
        batch.refuse(E.XML_ENTITIES.problem(where, detail=", ".join(declared[:3]) + (", ..." if len(declared) > 3 else "")))
        return
    data = _CHARACTER_REFERENCE.sub(_replace_impossible_character, data)
    try:
        # A file object, never a string: feedparser fetches strings that look like URLs.
        parsed = feedparser.parse(io.BytesIO(data))
    except (UnicodeError, ValueError, OverflowError) as err:
        # feedparser's lenient parser calls chr() on references it never checked (seen: &#xD800;).
        batch.refuse(E.BAD_FEED.problem(where, detail=f"the parser failed: {type(err).__name__}: {_describe_error(err)}"))
        return
    error = parsed.get("bozo_exception")
    if isinstance(error, feedparser.CharacterEncodingOverride):
        error = None  # feedparser corrected a wrong encoding declaration; the items are fine
    outlet = parsed.feed.get("publisher") or parsed.feed.get("title")
    bodies = [_entry_body(entry) for entry in parsed.entries]
    drafts = [
        _draft_from_entry(entry, body, f"{where}#item={number}", outlet, fallback_source)
        for number, (entry, body) in enumerate(zip(parsed.entries, bodies), start=1)
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
    for draft, body in zip(drafts, bodies):
        if is_nested_too_deep(body):
            batch.refuse(E.TOO_DEEP.problem(draft.path, limit=MAX_NESTING))
        else:
            batch.add(draft)


def declared_entities(data: bytes) -> list[str]:
    """Names of the XML entities a feed declares in its DOCTYPE, in any encoding feedparser may pick.

    feedparser keeps "safe" entity declarations and, when expat gives up on a document, its
    lenient parser expands them with no limit: 100 KB declared once and used 200 times gave
    20 MB of text. Real feeds never declare entities, so any declaration refuses the feed.
    """
    found: list[str] = []
    for codec in _candidate_codecs(data):
        text = data.decode(codec, errors="ignore")
        for match in _ENTITY_DECLARATION.finditer(text):
            name = match.group(1) or "?"
            if name not in found:
                found.append(name)
        if found:
            break
    return found


def _candidate_codecs(data: bytes) -> list[str]:
    """Encodings a feed's bytes could be read in: its BOM or byte pattern, its declaration, UTF-8."""
    candidates = ["utf-8"]
    bom = bom_encoding(data)
    if bom is not None:
        candidates.append(bom)
    # Without a BOM, "<?" in UTF-16/32 or EBCDIC, as XML 1.0 appendix F sniffs it.
    candidates += ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037"]
    for codec in list(candidates):
        head = data[:1024].decode(codec, errors="ignore")
        declared = _XML_ENCODING.search(head)
        if declared is not None and _is_codec(declared.group(1)) and declared.group(1) not in candidates:
            candidates.append(declared.group(1))
    return candidates


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _replace_impossible_character(match: re.Match[bytes]) -> bytes:
    """A numeric character reference, or U+FFFD's when it names no character (NUL, surrogate, > U+10FFFF)."""
    number = match.group(1).lstrip(b"xX").lstrip(b"0") or b"0"
    if len(number) > 8:
        return b"&#xFFFD;"  # far past U+10FFFF, and int() of thousands of digits is refused anyway
    code = int(number, 16) if match.group(1)[:1] in (b"x", b"X") else int(number)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    """The item's HTML body: its full content when given, else its summary."""
    contents = entry.get("content") or []
    return (contents[0].get("value", "") if contents else entry.get("summary", "")) or ""


def _draft_from_entry(entry: feedparser.FeedParserDict, body: str, where: str, outlet: str | None, fallback: str) -> Draft:
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
