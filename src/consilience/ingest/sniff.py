"""Which reader a file needs: by extension, or by its first characters when that says nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

EXTENSION_KINDS: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_MARK = re.compile(r"<(?:!doctype html|html|head|body|article|p|div)[\s>]")


def kind_from_extension(path: str) -> str | None:
    """Reader kind for a file name, or None when its extension is not a known one."""
    return EXTENSION_KINDS.get(Path(path).suffix.lower())


def sniff_kind(head: str) -> str | None:
    """Reader kind for content starting with `head`: html, feed, jsonl or text.

    None for content that is structured but not a report format we read (a JSON document).
    """
    start = head.lstrip("\ufeff \t\r\n")
    lowered = start[:4096].lower()
    if lowered.startswith("<"):
        if _FEED_ROOT.search(lowered):
            return "feed"
        if _HTML_MARK.search(lowered):
            return "html"
        return "feed" if lowered.startswith("<?xml") else "html"
    if start.startswith("{"):
        first_line = start.split("\n", 1)[0]
        try:
            return "jsonl" if isinstance(json.loads(first_line), dict) else None
        except json.JSONDecodeError:
            return None
    if start.startswith("["):
        return None
    return "text"
