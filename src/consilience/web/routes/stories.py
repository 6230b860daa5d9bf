"""JSON routes reading stories: the list, one story's document, and its matrix/diff/timeline/places/graph."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from ...store import open_store
from ..catalog import Catalog
from ..deps import StoryContext, get_catalog, get_story
from ..error_shape import ApiError
from ..schemas import Diff, ErrorOut, Graph, Matrix, Places, StoryDocument, StoryList, Timeline
from ..views.diff import build_diff
from ..views.graph import build_graph
from ..views.listing import list_stories
from ..views.matrix import build_matrix, filter_matrix
from ..views.timeline import build_timeline

router = APIRouter(prefix="/api", tags=["stories"], responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}})

Verdict = Literal["corroborated", "single-source", "disputed"]
ConflictKind = Literal["actor", "number", "date", "place", "polarity", "attribution"]
Sort = Literal["recency", "sources", "disputes"]


def search_story_rows(request: Request, catalog: Catalog, q: str | None, source: str | None,
                      disputed: bool | None, sort: str, limit: int, offset: int) -> dict[str, Any]:
    """The stories list after full-text search and filters (shared by the API and the page)."""
    matching = None
    if q and q.strip():
        with open_store(request.app.state.db_path) as store:
            matching = set(store.search_articles(q, limit=10_000))
    return list_stories(catalog, matching=matching, source=source, disputed=disputed, sort=sort,
                        limit=limit, offset=offset)


@router.get("/stories", response_model=StoryList, summary="List stories (search, filter, sort)")
def get_stories(
    request: Request,
    q: str | None = Query(None, max_length=500, description="Full-text search over report titles and texts."),
    source: str | None = Query(None, description="Only stories with a report from this outlet."),
    disputed: bool | None = Query(None, description="true: only stories with disputed claims; false: none."),
    sort: Sort = "recency",
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    catalog: Catalog = Depends(get_catalog),
) -> dict[str, Any]:
    return search_story_rows(request, catalog, q, source, disputed, sort, limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDocument, response_model_by_alias=True,
            summary="One story as the --format json document")
def get_story_document(ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return ctx.document


@router.get("/stories/{story_id}/matrix", response_model=Matrix, summary="Claim x source matrix")
def get_matrix(verdict: Verdict | None = None, kind: ConflictKind | None = None,
               ctx: StoryContext = Depends(get_story)) -> dict[str, Any]:
    return filter_matrix(build_matrix(ctx.document), verdict=verdict, kind=kind)


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
