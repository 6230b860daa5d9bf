"""The storage contract every backend keeps (SQLite now; PostgreSQL can implement it later)."""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence, runtime_checkable

from ..model import Article, Story


@runtime_checkable
class Store(Protocol):
    """Where analysed articles and their stories persist between runs.

    Every write is one transaction: a batch lands whole or not at all. Writes are idempotent
    (keyed by the stable article and story ids), so re-running the same input stores nothing
    twice. Misuse and storage failures raise `ConsilienceError`.
    """

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (with annotations and claims)."""
        ...

    def load_articles(self, ids: Iterable[str]) -> list[Article]:
        """Stored articles with their claims, in the order asked; unknown ids are skipped."""
        ...

    def list_articles(self) -> list[Article]:
        """Every stored article with its claims, oldest stored first."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def search_articles(self, query: str, limit: int = 50) -> list[str]:
        """Ids of articles whose title or text holds every word of `query`, best match first."""
        ...

    def save_articles(self, articles: Sequence[Article]) -> None:
        """Store (or replace) these articles with their claims, in one transaction."""
        ...

    def delete_articles(self, ids: Iterable[str]) -> list[str]:
        """Delete these articles with their claims, profiles and story memberships, in one transaction.

        Returns the ids actually deleted, in the order asked (unknown ids skipped). Search no
        longer finds them. A story left with no member is deleted; a story that keeps members
        keeps its stored claim groups until the caller saves it again (`engine.delete_reports`
        re-aligns and saves it under the story lock).
        """
        ...

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store these stories and make them the only stories of the articles they hold."""
        ...

    def load_stories(self) -> list[Story]:
        """Every stored story, oldest first."""
        ...

    # --- incremental story clustering (schema v2) --------------------------------------------

    def save_report_profiles(self, profiles: Sequence[tuple[str, str | None, bytes]]) -> None:
        """Store (or replace) the story-grouping profile of each article, in one transaction.

        Each item is (article id, publication date as ISO "YYYY-MM-DD" or None, profile bytes).
        The bytes are opaque to the store (`consilience.stories.incremental.encode_profile`:
        lead vector, entities, places, date); keep them as a blob. Every article must already be
        stored; deleting an article deletes its profile.
        """
        ...

    def load_report_profiles(self, ids: Iterable[str] | None = None, since: str | None = None) -> dict[str, bytes]:
        """Profile bytes by article id: of `ids` (unknown ids skipped), or of every article when None.

        since: ISO date; keep only profiles published on or after it, plus undated ones (the
        candidate window of incremental clustering).
        """
        ...

    def load_story_members(self, since: str | None = None) -> dict[str, list[str]]:
        """Story id -> its article ids (stored order), for every story.

        since: ISO date; keep only stories with at least one article published on or after it
        or undated (stories older than the window age out of the candidate set).
        """
        ...

    def load_stories_by_id(self, ids: Iterable[str]) -> list[Story]:
        """Stored stories with these ids, in the order asked; unknown ids are skipped."""
        ...

    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> "Store": ...

    def __exit__(self, *exc_info: object) -> None: ...
