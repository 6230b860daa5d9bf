"""Turning model dataclasses into JSON-able records and back, exactly.

A record is made of dicts, lists, strings, numbers, booleans and None only, so
`json.loads(json.dumps(record))` returns an equal record. Decoding rebuilds every nested
dataclass and the tuples the model declares (`Article.sentences`, `Conflict.values`), so
`article_from_record(article_to_record(a)) == a` holds field for field.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from ..model import (
    Article,
    Attribution,
    Claim,
    ClaimGroup,
    Conflict,
    Entity,
    Mention,
    Place,
    PlaceMention,
    Quantity,
    Story,
    StoryChange,
    StoryPlace,
    TimeMention,
)


def to_plain(obj: Any) -> Any:
    """Dicts, lists and scalars for a dataclass tree; tuples become lists as JSON would make them."""
    # Hand-rolled instead of dataclasses.asdict: asdict deep-copies every leaf and keeps tuples.
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_plain(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_plain(value) for key, value in obj.items()}
    return obj


# --- article side ---------------------------------------------------------------------------


def article_to_record(article: Article) -> dict[str, Any]:
    """The JSON-able record of an article with its annotations and claims."""
    return to_plain(article)


def article_from_record(record: dict[str, Any]) -> Article:
    """The Article a record describes (inverse of `article_to_record`)."""
    return Article(
        **{
            **record,
            "entities": [Entity(**e) for e in record.get("entities", [])],
            "places": [place_mention_from_record(p) for p in record.get("places", [])],
            "times": [TimeMention(**t) for t in record.get("times", [])],
            "quantities": [Quantity(**q) for q in record.get("quantities", [])],
            "sentences": [tuple(span) for span in record.get("sentences", [])],
            "claims": [claim_from_record(c) for c in record.get("claims", [])],
        }
    )


def claim_to_record(claim: Claim) -> dict[str, Any]:
    """The JSON-able record of one claim."""
    return to_plain(claim)


def claim_from_record(record: dict[str, Any]) -> Claim:
    """The Claim a record describes, with its places, times, quantities and attribution chain."""
    return Claim(
        **{
            **record,
            "places": [place_mention_from_record(p) for p in record.get("places", [])],
            "times": [TimeMention(**t) for t in record.get("times", [])],
            "quantities": [Quantity(**q) for q in record.get("quantities", [])],
            "attribution": [Attribution(**a) for a in record.get("attribution", [])],
        }
    )


def place_mention_from_record(record: dict[str, Any]) -> PlaceMention:
    """A PlaceMention with its resolved Place, or None where it was left unresolved."""
    place = record.get("place")
    return PlaceMention(**{**record, "place": Place(**place) if place is not None else None})


# --- story side -----------------------------------------------------------------------------


def story_to_record(story: Story) -> dict[str, Any]:
    """The JSON-able record of a story with its places and aligned claim groups."""
    return to_plain(story)


def story_from_record(record: dict[str, Any]) -> Story:
    """The Story a record describes (inverse of `story_to_record`)."""
    return Story(
        **{
            **record,
            "places": [StoryPlace(**p) for p in record.get("places", [])],
            "claims": [claim_group_from_record(g) for g in record.get("claims", [])],
            "history": [StoryChange(**h) for h in record.get("history", [])],
        }
    )


def claim_group_from_record(record: dict[str, Any]) -> ClaimGroup:
    """A ClaimGroup with its mentions and conflicts."""
    return ClaimGroup(
        **{
            **record,
            "mentions": [mention_from_record(m) for m in record.get("mentions", [])],
            "conflicts": [conflict_from_record(c) for c in record.get("conflicts", [])],
        }
    )


def mention_from_record(record: dict[str, Any]) -> Mention:
    """A Mention with its attribution chain."""
    return Mention(**{**record, "attribution": [Attribution(**a) for a in record.get("attribution", [])]})


def conflict_from_record(record: dict[str, Any]) -> Conflict:
    """A Conflict between two mentions; `values` comes back as the (a, b) tuple it was."""
    values = record.get("values")
    return Conflict(
        **{
            **record,
            "a": mention_from_record(record["a"]),
            "b": mention_from_record(record["b"]),
            "values": tuple(values) if values is not None else None,
        }
    )
