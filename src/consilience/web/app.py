"""`create_app`: the FastAPI app over a Consilience store (pages, JSON API, local API docs)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator, Callable

from fastapi import Depends, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..store import open_store
from .access import AccessPolicy, guard_writes
from .catalog import CatalogCache
from .error_shape import install_error_handlers, render_error
from .fetch import Fetched, fetch_url
from .jobs import JobRunner, ReportAdder, add_reports
from .routes import pages, reports, stories

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
MAX_UPLOAD_BYTES = 2_000_000

# Everything comes from this server: no inline scripts or styles, no framing, no plugins.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI (the /docs page only) sets style attributes from JavaScript; scripts stay strict.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


@asynccontextmanager
async def _stop_jobs_on_shutdown(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.jobs.shutdown()


def create_app(
    db_path: str | Path = "consilience.db",
    *,
    adder: ReportAdder = add_reports,
    fetcher: Callable[[str], Fetched] = fetch_url,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    token: str | None = None,
    read_only: bool = False,
) -> FastAPI:
    """The web app over the store at `db_path` (created when missing).

    adder: how a job analyses new inputs (tests pass a fake to avoid loading models);
    fetcher: how a URL is fetched (default: public addresses only, size and time limits);
    token: when set, every write (POST/PUT/PATCH/DELETE) needs `Authorization: Bearer <token>`;
    read_only: every write answers 403 and the pages hide the forms that add reports.
    """
    db_path = str(db_path)
    open_store(db_path).close()  # create or migrate now: a bad path fails at start, not per request
    app = FastAPI(
        title="Consilience",
        version=__version__,
        description="Cross-checked news stories: claims, verdicts, diffs, timelines, places and actors.",
        docs_url=None,  # FastAPI's /docs loads Swagger UI from a CDN; ours serves the vendored copy
        redoc_url=None,
        lifespan=_stop_jobs_on_shutdown,
        dependencies=[Depends(guard_writes)],  # app-wide: a write route added later is guarded too
    )
    catalog = CatalogCache(db_path)
    app.state.db_path = db_path
    app.state.access = AccessPolicy(token=token or None, read_only=read_only)
    app.state.catalog = catalog
    app.state.jobs = JobRunner(db_path, adder=adder, on_change=catalog.invalidate)
    app.state.fetcher = fetcher
    app.state.max_upload_bytes = max_upload_bytes
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.vendored = (VENDOR / "d3-geo.min.js").exists()
    install_error_handlers(app)

    @app.middleware("http")
    async def add_security_headers(request: Request, call_next):
        length = request.headers.get("content-length")
        if request.method == "POST" and length and length.isdigit() and int(length) > max_upload_bytes + 64_000:
            response = render_error(request, 413, "too_large",
                                    f"the request is over the {max_upload_bytes:,} byte limit.")
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.include_router(stories.router)
    app.include_router(reports.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    return app


__all__ = ["create_app"]
