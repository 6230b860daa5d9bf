"""The plain JSON export: one document with every article and story as full nested records.

    {"format": "consilience-export", "version": 1, "counts": {...},
     "articles": [article records], "stories": [story records]}

Records are `store.codec` records (the model's field names), so claims, mentions, conflicts and
origins sit inside their stories exactly as the library sees them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..errors import ConsilienceError
from ..store.codec import article_from_record, story_from_record, to_plain
from .snapshot import EXPORT_VERSION, StoreSnapshot, count_snapshot, decode_records

FORMAT_NAME = "consilience-export"


def encode_json_export(snapshot: StoreSnapshot) -> dict[str, Any]:
    """The export document of a snapshot, as plain JSON data."""
    return {
        "format": FORMAT_NAME,
        "version": EXPORT_VERSION,
        "counts": asdict(count_snapshot(snapshot)),
        "articles": [to_plain(a) for a in snapshot.articles],
        "stories": [to_plain(s) for s in snapshot.stories],
    }


def is_json_export(document: Any) -> bool:
    """Whether parsed JSON is a plain Consilience export (and not, say, the analyze JSON)."""
    return isinstance(document, dict) and document.get("format") == FORMAT_NAME


def decode_json_export(document: dict[str, Any], where: str) -> StoreSnapshot:
    """The snapshot an export document describes (inverse of `encode_json_export`)."""
    version = document.get("version")
    if version != EXPORT_VERSION:
        raise ConsilienceError(
            f"{where}: export version {version!r}, this Consilience reads version {EXPORT_VERSION}. "
            "Export again with this version."
        )
    return StoreSnapshot(
        articles=decode_records(f"{where} articles", "article", article_from_record, document.get("articles")),
        stories=decode_records(f"{where} stories", "story", story_from_record, document.get("stories")),
    )


def render_json_export(snapshot: StoreSnapshot) -> str:
    """The export document as indented UTF-8 JSON text with a trailing newline."""
    return json.dumps(encode_json_export(snapshot), ensure_ascii=False, indent=1) + "\n"
