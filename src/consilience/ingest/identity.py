"""Stable ids for reports, so the same report read twice is stored once."""

from __future__ import annotations

import hashlib
import re

_WHITESPACE = re.compile(r"\s+")


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space; re-wrapped copies then hash the same."""
    return _WHITESPACE.sub(" ", text).strip()


def article_id(text: str, source: str, title: str | None) -> str:
    """First 16 hex chars of sha256 over the whitespace-normalised text, source and title."""
    parts = (normalise_whitespace(text), normalise_whitespace(source), normalise_whitespace(title or ""))
    # A unit separator cannot occur in normalised text, so ("ab", "c") and ("a", "bc") differ.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def text_key(text: str, title: str | None) -> str:
    """Hash of text and title alone: spots a copied file whose source is only its file name."""
    joined = normalise_whitespace(text) + "\x1f" + normalise_whitespace(title or "")
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
