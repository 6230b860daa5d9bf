"""HTML pages: server-rendered from the same views as the API (Jinja2 autoescapes all report text)."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..catalog import Catalog
from ..deps import StoryContext, get_catalog, get_story
from ..views.diff import build_diff
from ..views.graph import build_graph
from ..views.matrix import build_matrix, list_conflict_kinds, select_groups
from ..views.timeline import build_timeline
from .stories import (
    ConflictKind,
    Sort,
    StoryFilters,
    Verdict,
    parse_article_ids,
    search_story_rows,
)

router = APIRouter(include_in_schema=False)

# Rows of the claim matrix per page: a 200-report story has 200 cells per row, and a page of every
# row took about 2 s to first paint (docs/benchmarks.md, "Web app").
MATRIX_PAGE_ROWS = 25


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A page from `template` with `context`."""
    return request.app.state.templates.TemplateResponse(request, template, context)


def parse_form_date(value: str | None) -> date | None:
    """A date from the filter form; empty or malformed means no bound (the form sends "" for none)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, q: str | None = Query(None, max_length=500), source: str | None = None,
                 disputed: str | None = None, date_from: str | None = Query(None, alias="from"),
                 date_to: str | None = Query(None, alias="to"), place: str | None = Query(None, max_length=200),
                 sort: Sort = "recency", catalog: Catalog = Depends(get_catalog)) -> HTMLResponse:
    filters = StoryFilters(q=q, source=source or None, disputed={"yes": True, "no": False}.get(disputed or ""),
                           date_from=parse_form_date(date_from), date_to=parse_form_date(date_to),
                           place=(place or "").strip() or None)
    listing = search_story_rows(request, catalog, filters, sort, 200, 0)
    return render(request, "stories.html", listing=listing, q=q or "", source=source or "",
                  disputed=disputed or "", sort=sort, place=filters.place or "",
                  date_from=filters.date_from.isoformat() if filters.date_from else "",
                  date_to=filters.date_to.isoformat() if filters.date_to else "")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, verdict: str | None = None, kind: str | None = None, page: str | None = None,
               ctx: StoryContext = Depends(get_story)) -> HTMLResponse:
    # The filter form sends empty values for "any"; unknown values are ignored rather than refused.
    verdict = verdict if verdict in get_args(Verdict) else None
    kind = kind if kind in get_args(ConflictKind) else None
    pager = build_pager(request, len(select_groups(ctx.document, verdict, kind)), page)
    matrix = build_matrix(ctx.document, verdict, kind, offset=pager["first"] - 1, limit=MATRIX_PAGE_ROWS)
    return render(request, "story.html", tab="matrix", story=ctx.story, summary=ctx.document["summary"],
                  matrix=matrix, pager=pager, verdict=verdict or "", kind=kind or "",
                  kinds=list_conflict_kinds(ctx.document))


def build_pager(request: Request, total: int, page: str | None) -> dict[str, Any]:
    """Which page of matrix rows to show and the links to its neighbours (bad page numbers: the nearest page)."""
    pages = max(1, -(-total // MATRIX_PAGE_ROWS))
    number = min(max(int(page), 1), pages) if page and page.isdigit() else 1

    def link(n: int) -> str | None:
        if not 1 <= n <= pages:
            return None
        url = request.url.include_query_params(page=n)
        return f"{url.path}?{url.query}"  # relative: the page never names its own host

    return {"page": number, "pages": pages, "total": total, "first": (number - 1) * MATRIX_PAGE_ROWS + 1,
            "last": min(number * MATRIX_PAGE_ROWS, total), "prev": link(number - 1), "next": link(number + 1)}


@router.get("/stories/{story_id}/diff", response_class=HTMLResponse)
def diff_page(request: Request, articles: str | None = None, ctx: StoryContext = Depends(get_story)) -> HTMLResponse:
    diff = build_diff(ctx.document, ctx.catalog.articles, parse_article_ids(articles, ctx))
    return render(request, "diff.html", tab="diff", story=ctx.story, diff=diff)


@router.get("/stories/{story_id}/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, ctx: StoryContext = Depends(get_story)) -> HTMLResponse:
    return render(request, "timeline.html", tab="timeline", story=ctx.story, timeline=build_timeline(ctx.document))


@router.get("/stories/{story_id}/map", response_class=HTMLResponse)
def map_page(request: Request, ctx: StoryContext = Depends(get_story)) -> HTMLResponse:
    places = ctx.document["stories"][0]["places"]
    return render(request, "map.html", tab="map", story=ctx.story, places=places,
                  vendored=request.app.state.vendored)


@router.get("/stories/{story_id}/graph", response_class=HTMLResponse)
def graph_page(request: Request, ctx: StoryContext = Depends(get_story)) -> HTMLResponse:
    return render(request, "graph.html", tab="graph", story=ctx.story, graph=build_graph(ctx.document))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    access = request.app.state.access
    return render(request, "add.html", limit=request.app.state.max_upload_bytes, read_only=access.read_only,
                  needs_token=access.needs_token)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API reference: Swagger UI from the vendored swagger-ui-dist, reading /openapi.json."""
    return render(request, "docs.html", vendored=request.app.state.vendored)
