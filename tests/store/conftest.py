"""Hand-built model objects with every nested type filled, for the store tests."""

from __future__ import annotations

import pytest

from consilience.model import (
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
    StoryPlace,
    TimeMention,
)

TEXT = (
    "Rebel fighters entered Hama on Thursday, the army said. "
    "More than 500 people fled the city, according to Reuters."
)


def build_claim(article_id: str, number: int) -> Claim:
    """A claim with every nested list filled and no field left at its default."""
    hama = Place("Hama", 170017, 35.13, 36.75, "SY", feature="city", population=460602)
    return Claim(
        id=f"{article_id}:c{number}",
        article_id=article_id,
        text="Rebel fighters entered Hama on Thursday",
        start=0,
        end=39,
        sentence=0,
        actors=["rebel fighters"],
        action="enter",
        action_text="entered",
        targets=["Hama"],
        places=[PlaceMention("Hama", 23, 27, hama), PlaceMention("the north", 0, 0, None, reason="not in gazetteer")],
        times=[TimeMention("Thursday", 31, 39, "DATE", "2024-12-05"), TimeMention("lately", 0, 6, "DATE", None, reason="vague")],
        quantities=[Quantity("more than 500 people", 61, 81, 500.0, None, unit="people", approx=True)],
        polarity="negative",
        hedges=["reportedly"],
        quote="we entered",
        attribution=[Attribution("the army", "said", "syrian army", kind="military", start=42, end=50)],
        event_type="SEIZE",
        lead=True,
    )


def build_article(article_id: str = "a1", text: str = TEXT, claims: int = 2, title: str | None = "Rebels enter Hama") -> Article:
    """A fully annotated article with `claims` claims."""
    return Article(
        id=article_id,
        text=text,
        source="Example Wire",
        title=title,
        published="2024-12-05",
        url=f"https://example.org/{article_id}",
        path=f"reports/{article_id}.txt",
        language="en",
        entities=[Entity("Hama", "GPE", 23, 27), Entity("Reuters", "ORG", 104, 111)],
        places=[PlaceMention("Hama", 23, 27, Place("Hama", 170017, 35.13, 36.75, "SY"))],
        times=[TimeMention("Thursday", 31, 39, "DATE", "2024-12-05")],
        quantities=[Quantity("500", 66, 69, 500.0, 500.0)],
        sentences=[(0, 56), (57, len(text))],
        claims=[build_claim(article_id, n) for n in range(claims)],
    )


def build_story(story_id: str = "s1", articles: tuple[str, ...] = ("a1", "a2")) -> Story:
    """A story with places, a claim group, mentions with attribution, and a conflict."""
    first = Mention(articles[0], f"{articles[0]}:c0", "500 people fled", 57, 72, [Attribution("Reuters", "according to", "reuters", "wire")], "Example Wire")
    second = Mention(articles[-1], f"{articles[-1]}:c0", "50 people fled", 57, 71, [], None)
    group = ClaimGroup(
        id=f"{story_id}:g0",
        summary="People fled Hama",
        mentions=[first, second],
        verdict="disputed",
        independent_origins=2,
        origins=["reuters", "example wire"],
        lineage=[["Example Wire", "Reuters"], ["Other Post"]],
        conflicts=[Conflict("number", first, second, "500 vs 50 people", values=("500", "50"))],
        event_type="FLEE",
    )
    return Story(
        id=story_id,
        title="Rebels enter Hama",
        articles=list(articles),
        places=[StoryPlace("Hama", 170017, 35.13, 36.75, "SY", mentions=4)],
        claims=[group, ClaimGroup(id=f"{story_id}:g1", summary="Army withdrew")],
    )


@pytest.fixture
def make_article():
    return build_article


@pytest.fixture
def make_story():
    return build_story
