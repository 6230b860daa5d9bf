"""JSON routes adding reports (paste, upload, URL) as background jobs, deleting one, and job progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Request, UploadFile

from ...engine import delete_reports
from ...errors import ConsilienceError
from ..deps import get_jobs
from ..error_shape import ApiError
from ..fetch import FetchRefused
from ..jobs import JobRunner, safe_upload_name, write_pasted
from ..schemas import DeletionOut, ErrorOut, Job, PasteIn, UrlIn

router = APIRouter(prefix="/api", tags=["reports"],
                   responses={400: {"model": ErrorOut}, 413: {"model": ErrorOut}, 422: {"model": ErrorOut}})

CHUNK = 64 * 1024


@router.post("/reports", response_model=Job, status_code=202, summary="Add a pasted report")
def post_paste(body: PasteIn, request: Request, jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
    limit = request.app.state.max_upload_bytes
    if len(body.text.encode("utf-8")) > limit:
        raise ApiError(413, "too_large", f"the text is over the {limit:,} byte limit. Split it into separate reports.")
    folder = jobs.new_folder()
    path = write_pasted(folder, body.text, _one_line(body.title), _one_line(body.source), body.published)
    return jobs.submit(folder, [path]).to_json()


@router.post("/reports/upload", response_model=Job, status_code=202, summary="Add reports from an uploaded file")
async def post_upload(request: Request, file: UploadFile = File(...),
                      jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
    try:
        name = safe_upload_name(file.filename)
    except ValueError as exc:
        raise ApiError(415, "unsupported_media_type", str(exc)) from exc
    limit = request.app.state.max_upload_bytes
    data = bytearray()
    while chunk := await file.read(CHUNK):
        data += chunk
        if len(data) > limit:
            raise ApiError(413, "too_large", f"{name}: the upload is over the {limit:,} byte limit.")
    folder = jobs.new_folder()
    path = folder / name
    path.write_bytes(bytes(data))
    return jobs.submit(folder, [path]).to_json()


@router.post("/reports/url", response_model=Job, status_code=202, summary="Add the report at a public URL")
def post_url(body: UrlIn, request: Request, jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
    try:
        fetched = request.app.state.fetcher(body.url)
    except FetchRefused as exc:
        raise ApiError(400, "url_refused", str(exc)) from exc
    is_html = "html" in fetched.content_type or not fetched.content_type.startswith("text/plain")
    folder = jobs.new_folder()
    path = folder / ("page.html" if is_html else "page.txt")
    path.write_bytes(fetched.content)
    return jobs.submit(folder, [path]).to_json()


@router.delete("/reports/{report_id}", response_model=DeletionOut, responses={404: {"model": ErrorOut},
               503: {"model": ErrorOut}}, summary="Delete a report; its story is re-judged without it")
def delete_report(report_id: str, request: Request) -> dict[str, Any]:
    # Synchronous: it waits for the story lock (a running job) and re-aligns only the report's story.
    try:
        deletion = delete_reports([report_id], db=request.app.state.db_path)
    except ConsilienceError as exc:
        raise ApiError(503, "store_unavailable", str(exc)) from exc
    request.app.state.catalog.invalidate()
    if not deletion.deleted:
        raise ApiError(404, "report_not_found", f"no report {report_id!r} in the store. "
                                                "Each story at /api/stories lists its report ids.")
    return {"deleted": deletion.deleted, "stories": [s.id for s in deletion.stories],
            "removed_stories": deletion.removed_stories}


@router.get("/jobs/{job_id}", response_model=Job, responses={404: {"model": ErrorOut}}, summary="Progress of a job")
def get_job(job_id: str, jobs: JobRunner = Depends(get_jobs)) -> dict[str, Any]:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(404, "job_not_found", f"no job {job_id!r}. Jobs are kept in memory until the server restarts.")
    return job.to_json()


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


