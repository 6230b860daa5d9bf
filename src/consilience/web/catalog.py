"""The stored stories and reports as the web app reads them, reloaded when the store file changes."""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Analysis, Article, Story
from ..outputs.json_report import to_json
from ..store import open_store


@dataclass
class Catalog:
    """One consistent snapshot of the store: every story and every report, indexed by id."""

    stories: list[Story] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)

    def find_story(self, story_id: str) -> Story | None:
        """The story with this id, or None."""
        for story in self.stories:
            if story.id == story_id:
                return story
        return None

    def story_articles(self, story: Story) -> list[Article]:
        """The story's reports in the story's order (missing ones skipped)."""
        return [self.articles[a] for a in story.articles if a in self.articles]

    def story_analysis(self, story: Story) -> Analysis:
        """An Analysis holding just this story and its reports, for the shared output code."""
        return Analysis(articles=self.story_articles(story), stories=[story], inputs_read=len(story.articles))

    def story_document(self, story: Story) -> dict[str, Any]:
        """The `--format json` document of this story alone."""
        return to_json(self.story_analysis(story))


def load_catalog(db_path: str | Path) -> Catalog:
    """Read every story and report from the store at `db_path`."""
    with open_store(db_path) as store:
        stories = store.load_stories()
        articles = {a.id: a for a in store.list_articles()}
    return Catalog(stories=stories, articles=articles)


def exempt_from_gc() -> None:
    """Move every live object (chiefly the new snapshot) out of the cyclic collector's sight.

    A snapshot of a large store is hundreds of thousands of long-lived objects; a big response
    (a 200-report matrix allocates ~30,000 cell dicts) triggers full collections that walk all of
    them, which made /api/stories/{id}/matrix about three times slower in the web benchmark.
    Unfreezing first hands the previous snapshot back to the collector; no collection is forced
    here, as that would cost a full pass on every reload (garbage frozen with the snapshot waits
    for the next reload).
    """
    gc.unfreeze()
    gc.freeze()


class CatalogCache:
    """The last Catalog read, reused while the database files are unchanged.

    The store is written by this app's jobs and by the CLI alike, so the cache cannot rely on
    being told about writes; the size and mtime of the file and its WAL change on every commit.
    """

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = str(db_path)
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._fingerprint: tuple | None = None

    def get(self) -> Catalog:
        """The current Catalog, read again when the database changed since the last read."""
        with self._lock:
            fingerprint = self._fingerprint_files()
            if self._catalog is None or fingerprint != self._fingerprint:
                self._catalog = load_catalog(self.db_path)
                exempt_from_gc()
                # Fingerprint taken before the read: a commit during the read forces another read.
                self._fingerprint = fingerprint
            return self._catalog

    def invalidate(self) -> None:
        """Forget the cached Catalog (after this app wrote to the store)."""
        with self._lock:
            self._catalog = None

    def _fingerprint_files(self) -> tuple:
        parts = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db_path + suffix)
                parts.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                parts.append(None)
        return tuple(parts)
