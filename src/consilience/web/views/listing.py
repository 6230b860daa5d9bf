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
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    sort: str = "recency",
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Rows of the stories that pass the filters, sorted.

    matching: article ids found by search; date_from/date_to: ISO dates, inclusive, that at least
    one report's publication date must fall between; place: a place name or GeoNames id of the story.
    """
    rows = []
    for story in catalog.stories:
        if matching is not None and not matching.intersection(story.articles):
            continue
        if place and not has_place(story, place):
            continue
        if (date_from or date_to) and not has_report_between(story, catalog, date_from, date_to):
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
        "places": sorted({p.name for s in catalog.stories for p in s.places}, key=str.casefold),
    }


def has_place(story: Story, place: str) -> bool:
    """Whether the story names this place: a GeoNames id (all digits) or a name, case-insensitive."""
    wanted = place.strip()
    if wanted.isdigit():
        return any(p.geonameid == int(wanted) for p in story.places)
    wanted = wanted.casefold()
    return any(p.name.casefold() == wanted for p in story.places)


def has_report_between(story: Story, catalog: Catalog, date_from: str | None, date_to: str | None) -> bool:
    """Whether one of the story's reports was published between the two ISO dates (inclusive; None = open)."""
    for article in catalog.story_articles(story):
        if not article.published:
            continue  # an undated report cannot be placed in any range
        day = article.published[:10]  # a timestamp compares by its day
        if (not date_from or day >= date_from) and (not date_to or day <= date_to):
            return True
    return False


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
