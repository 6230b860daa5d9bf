"""The timeline of a story: its reports' normalised dates, ordered; underspecified ones kept as written."""

from __future__ import annotations

import re
from typing import Any

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?(?:T[\d:]+)?$")
_UNDERSPECIFIED = re.compile(r"^[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?|-W[\dX]{2})?$")


def classify_value(value: str) -> str:
    """date (placeable), underspecified (a date with unknown parts: XXXX-12-05) or other (durations, refs)."""
    if _DATE.match(value):
        return "date"
    if "X" in value and _UNDERSPECIFIED.match(value):
        return "underspecified"
    return "other"


def build_timeline(document: dict[str, Any]) -> dict[str, Any]:
    """Each distinct TIMEX3 value of the story with the reports that mention it; dates in order."""
    story = document["stories"][0]
    by_value: dict[str, list[dict[str, str]]] = {}
    for article in document["articles"]:
        for time in article["times"]:
            if time["value"] is None:
                continue
            by_value.setdefault(time["value"], []).append(
                {"article": article["id"], "source": article["source"], "text": time["text"]}
            )
    entries = []
    for value, mentions in by_value.items():
        kind = classify_value(value)
        entries.append({
            "value": value,
            "kind": kind,
            "sort_key": value if kind == "date" else None,
            "mentions": mentions,
        })
    rank = {"date": 0, "underspecified": 1, "other": 2}
    entries.sort(key=lambda e: (rank[e["kind"]], e["sort_key"] or e["value"]))
    published = [
        {"article": a["id"], "source": a["source"], "published": a["published"]} for a in document["articles"]
    ]
    return {"story": story["id"], "title": story["title"], "published": published, "entries": entries}
