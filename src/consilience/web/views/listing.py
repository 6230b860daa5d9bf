"""The stories list: one row per story with its outlets and verdict counts; search, filter, sort."""

from __future__ import annotations

from typing import Any

from ...model import Story
from ...outputs.overview import VERDICTS
from ..catalog import Catalog

SORTS = ("recency", "sources", "disputes")


def build_story_row(story: Story, catalog: Catalog) -> dict[str, Any]:
    """The list row of one story: outlets, report count, newest date, claim groups per verdict."""
    articles = catalog.story_articles(story)
    sources = list(dict.fromkeys(a.source for a in articles))
    dates = [a.published for a in articles if a.published]
    counts = {v: sum(1 for g in story.claims if g.verdict == v) for v in VERDICTS}
    return {
        "id": story.id,
        "title": story.title,
        "sources": sources,
        "reports": len(articles),
        "latest": max(dates) if dates else None,
        "counts": counts,
    }


def list_stories(
    catalog: Catalog,
    *,
    matching: set[str] | None = None,
    source: str | None = None,
    disputed: bool | None = None,
    sort: str = "recency",
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Rows of the stories that pass the filters, sorted; `matching`: article ids found by search."""
    rows = []
    for story in catalog.stories:
        if matching is not None and not matching.intersection(story.articles):
            continue
        row = build_story_row(story, catalog)
        if source and source not in row["sources"]:
            continue
        if disputed is not None and (row["counts"]["disputed"] > 0) != disputed:
            continue
        rows.append(row)
    rows.sort(key=_sort_key(sort))
    return {
        "total": len(rows),
        "stories": rows[offset : offset + limit],
        "sources": sorted({a.source for a in catalog.articles.values()}),
    }


def _sort_key(sort: str):
    if sort == "sources":
        return lambda r: (-len(r["sources"]), -r["reports"], r["title"])
    if sort == "disputes":
        return lambda r: (-r["counts"]["disputed"], -r["reports"], r["title"])
    # recency: newest first; undated stories last
    return lambda r: (r["latest"] is None, _negate(r["latest"] or ""), r["title"])


def _negate(text: str) -> tuple[int, ...]:
    """A key that sorts ISO dates newest first."""
    return tuple(-ord(ch) for ch in text)
