"""JSON routes reading stories: the list, one story's document, and its matrix/diff/timeline/places/graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from ...store import open_store
from ..catalog import Catalog
from ..deps import StoryContext, get_catalog, get_story
from ..error_shape import ApiError
from ..schemas import (
    Diff,
    ErrorOut,
    Graph,
    Matrix,
    Places,
    StoryDocument,
    StoryList,
    Timeline,
)
from ..views.diff import build_diff
from ..views.graph import build_graph
from ..views.listing import list_stories
from ..views.matrix import build_matrix
from ..views.timeline import build_timeline

router = APIRouter(prefix="/api", tags=["stories"], responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}})

Verdict = Literal["corroborated", "single-source", "disputed"]
ConflictKind = Literal["actor", "number", "date", "place", "polarity", "attribution"]
Sort = Literal["recency", "sources", "disputes"]


@dataclass
class StoryFilters:
    """What the stories list is narrowed to (the API's query parameters and the page's form alike)."""

    q: str | None = None
    source: str | None = None
    disputed: bool | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None


def search_story_rows(request: Request, catalog: Catalog, filters: StoryFilters, sort: str,
                      limit: int, offset: int) -> dict[str, Any]:
    """The stories list after full-text search and filters (shared by the API and the page)."""
    matching = None
    if filters.q and filters.q.strip():
        with open_store(request.app.state.db_path) as store:
            matching = set(store.search_articles(filters.q, limit=10_000))
    return list_stories(
        catalog, matching=matching, source=filters.source, disputed=filters.disputed,
        date_from=filters.date_from.isoformat() if filters.date_from else None,
        date_to=filters.date_to.isoformat() if filters.date_to else None,
        place=filters.place, sort=sort, limit=limit, offset=offset,
    )


@router.get("/stories", response_model=StoryList, summary="List stories (search, filter, sort)")
def get_stories(
    request: Request,
    q: str | None = Query(None, max_length=500, description="Full-text search over report titles and texts."),
    source: str | None = Query(None, description="Only stories with a report from this outlet."),
    disputed: bool | None = Query(None, description="true: only stories with disputed claims; false: none."),
    date_from: date | None = Query(None, alias="from", description=(
        "Only stories with a report published on or after this ISO date (YYYY-MM-DD). "
        "Undated reports never match a date range.")),
    date_to: date | None = Query(None, alias="to", description=(
        "Only stories with a report published on or before this ISO date (YYYY-MM-DD); "
        "with `from`, one report must fall between the two.")),
    place: str | None = Query(None, max_length=200, description=(
        "Only stories whose resolved places include this place: a name (case-insensitive, e.g. Hama) "
        "or a GeoNames id (digits, e.g. 170017).")),
    sort: Sort = Query("recency", description="recency: newest report first; sources: most outlets; "
                                              "disputes: most disputed claim groups."),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    catalog: Catalog = Depends(get_catalog),
) -> dict[str, Any]:
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, "bad_date_range",
                       f"from ({date_from}) is after to ({date_to}). Swap them or leave one out.")
    filters = StoryFilters(q=q, source=source, disputed=disputed, date_from=date_from, date_to=date_to, place=place)
    return search_story_rows(request, catalog, filters, sort, limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDocument, response_model_by_alias=True,
            summary="One story as the --format json document")
def get_story_document(ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return ctx.document


@router.get("/stories/{story_id}/matrix", response_model=Matrix, summary="Claim x source matrix")
def get_matrix(verdict: Verdict | None = Query(None, description="Only claim groups with this verdict."),
               kind: ConflictKind | None = Query(None, description="Only claim groups with a conflict of this kind."),
               offset: int = Query(0, ge=0, description="Rows to skip (after the filters)."),
               limit: int | None = Query(None, ge=1, le=10_000,
                                         description="Most rows to return (default: all); see total_rows."),
               ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return build_matrix(ctx.document, verdict=verdict, kind=kind, offset=offset, limit=limit)


@router.get("/stories/{story_id}/diff", response_model=Diff, summary="Side-by-side diff of the story's reports")
def get_diff(articles: str | None = Query(None, description="Comma-separated article ids (default: all)."),
             ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    only = parse_article_ids(articles, ctx)
    return build_diff(ctx.document, ctx.catalog.articles, only)


@router.get("/stories/{story_id}/timeline", response_model=Timeline, summary="The story's normalised dates")
def get_timeline(ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return build_timeline(ctx.document)


@router.get("/stories/{story_id}/places", response_model=Places, summary="The story's resolved places")
def get_places(ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    story = ctx.document["stories"][0]
    return {"story": story["id"], "title": story["title"], "places": story["places"]}


@router.get("/stories/{story_id}/graph", response_model=Graph, summary="Actor graph of the story")
def get_graph(ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return build_graph(ctx.document)


def parse_article_ids(articles: str | None, ctx: StoryContext) -> list[str] | None:
    """The article ids asked for, each checked to belong to the story."""
    if not articles:
        return None
    ids = [a.strip() for a in articles.split(",") if a.strip()]
    unknown = [a for a in ids if a not in ctx.story.articles]
    if unknown:
        raise ApiError(404, "article_not_in_story",
                       f"{', '.join(unknown[:3])}: not a report of story {ctx.story.id}. See /api/stories/{ctx.story.id}.")
    return ids
