"""Dependencies the routes share: the store snapshot, one story and its document, the job runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request

from ..model import Story
from .catalog import Catalog
from .error_shape import ApiError
from .jobs import JobRunner


def get_catalog(request: Request) -> Catalog:
    """The store as last read (re-read when the database changed)."""
    return request.app.state.catalog.get()


def get_jobs(request: Request) -> JobRunner:
    """The app's background job runner."""
    return request.app.state.jobs


@dataclass
class StoryContext:
    """One story with its snapshot and its `--format json` document."""

    catalog: Catalog
    story: Story
    document: dict[str, Any]


def get_story(story_id: str, catalog: Catalog = Depends(get_catalog)) -> StoryContext:
    """The story named in the path, or a 404 in the error shape."""
    story = catalog.find_story(story_id)
    if story is None:
        raise ApiError(404, "story_not_found", f"no story {story_id!r} in the store. List stories at /api/stories.")
    return StoryContext(catalog=catalog, story=story, document=catalog.story_document(story))
