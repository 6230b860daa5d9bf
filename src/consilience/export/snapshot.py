"""What an export carries: every stored article (with its claims) and every stored story.

A snapshot is the store's content as `list_articles()` and `load_stories()` return it; every
format encodes one and decodes back to an equal one, which is what "round trip" means here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConsilienceError
from ..model import Article, Story
from ..store.base import Store

EXPORT_VERSION = 1


@dataclass
class StoreSnapshot:
    """The content of a store: articles in stored order, stories oldest first."""

    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)


@dataclass
class ExportCounts:
    """How much an export (or an import) carried."""

    articles: int = 0
    extracted_claims: int = 0  # Article.claims: one per proposition per report
    stories: int = 0
    claims: int = 0  # claim groups: the aligned claims with verdicts
    mentions: int = 0
    conflicts: int = 0


def read_snapshot(store: Store) -> StoreSnapshot:
    """Everything `store` holds, as the store returns it."""
    return StoreSnapshot(articles=store.list_articles(), stories=store.load_stories())


def write_snapshot(snapshot: StoreSnapshot, store: Store) -> None:
    """Save a snapshot's articles, then its stories, into `store` (upserts: idempotent).

    Checks first that every story member is in the snapshot or already stored, so a broken
    export is refused before anything is written.
    """
    imported = {a.id for a in snapshot.articles}
    members = {a for s in snapshot.stories for a in s.articles}
    missing = sorted(members - imported - store.known_articles(members - imported))
    if missing:
        raise ConsilienceError(
            f"import refused: {len(missing)} story member(s) are neither in the export nor in the store "
            f"({', '.join(missing[:3])}). Export the whole store again and import that file."
        )
    store.save_articles(snapshot.articles)
    store.save_stories(snapshot.stories)


def count_snapshot(snapshot: StoreSnapshot) -> ExportCounts:
    """The counts of a snapshot, for the summary line and the JSON header."""
    groups = [g for s in snapshot.stories for g in s.claims]
    return ExportCounts(
        articles=len(snapshot.articles),
        extracted_claims=sum(len(a.claims) for a in snapshot.articles),
        stories=len(snapshot.stories),
        claims=len(groups),
        mentions=sum(len(g.mentions) for g in groups),
        conflicts=sum(len(g.conflicts) for g in groups),
    )


def decode_records(where: str, noun: str, decode: Callable[[dict[str, Any]], Any], records: Any) -> list[Any]:
    """Each record decoded to its dataclass; a record of the wrong shape is a clear error, not a traceback."""
    if not isinstance(records, list):
        raise ConsilienceError(
            f"{where}: the {noun}s are {type(records).__name__}, not a list. "
            "The file is damaged: export the store again."
        )
    decoded = []
    for position, record in enumerate(records):
        if not isinstance(record, dict):
            raise ConsilienceError(
                f"{where}: item {position} is {type(record).__name__}, not a {noun} record. "
                "The file is damaged: export the store again."
            )
        try:
            decoded.append(decode(record))
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            # Missing keys, unknown fields (an export from another version) or wrong nesting.
            raise ConsilienceError(
                f"{where}: item {position} does not describe a {noun} ({exc}). "
                "The file is damaged or from an incompatible version: export the store again."
            ) from exc
    return decoded
