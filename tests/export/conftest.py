"""A small hand-built store content for the export tests: two reports, one story, three claims."""

from __future__ import annotations

import pytest

from consilience.export import StoreSnapshot
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
from consilience.store import SQLiteStore

HAMA = Place(name="Hama", geonameid=170017, lat=35.13, lon=36.75, country_code="SY")
REUTERS = Attribution(source="Reuters", cue="reported", origin="reuters", kind="wire", start=60, end=67)


def build_snapshot() -> StoreSnapshot:
    """Two outlets disagreeing on a death toll; text with commas, quotes, newlines and non-ASCII."""
    wire_text = 'Rebels entered Hama on Thursday, "after a week", Reuters reported.\nHundreds were killed.'
    ledger_text = "Rebels entered Hama on Thursday.\r\nThousands were killed, said Ali Şahin — a medic."
    wire = Article(
        id="a1", text=wire_text, source="Northern Wire", title='Rebels enter Hama, "army leaves"',
        published="2024-12-05", url="https://wire.example/hama", path="wire.txt", language="en",
        entities=[Entity(text="Hama", label="GPE", start=15, end=19)],
        places=[PlaceMention(text="Hama", start=15, end=19, place=HAMA),
                PlaceMention(text="Qasr", start=0, end=0, place=None, reason="not in the gazetteer")],
        times=[TimeMention(text="Thursday", start=23, end=31, type="DATE", value="2024-12-05")],
        quantities=[Quantity(text="Hundreds", start=68, end=76, low=100.0, high=999.0, unit="people", approx=True)],
        sentences=[(0, 66), (67, 89)],
        claims=[
            Claim(id="a1-c0", article_id="a1", text="Rebels entered Hama on Thursday", start=0, end=31, sentence=0,
                  actors=["Rebels"], action="enter", targets=["Hama"],
                  places=[PlaceMention(text="Hama", start=15, end=19, place=HAMA)],
                  times=[TimeMention(text="Thursday", start=23, end=31, type="DATE", value="2024-12-05")],
                  attribution=[REUTERS], event_type="SEIZE", lead=True),
            Claim(id="a1-c1", article_id="a1", text="Hundreds were killed", start=67, end=87, sentence=1,
                  quantities=[Quantity(text="Hundreds", start=67, end=75, low=100.0, high=999.0, unit="people",
                                       approx=True)],
                  hedges=["reportedly"], quote=None),
        ],
    )
    ledger = Article(
        id="b2", text=ledger_text, source="Levant Ledger", title=None, published=None, url=None,
        path="ledger.txt#row=3", language=None, sentences=[(0, 32), (34, 80)],
        claims=[
            Claim(id="b2-c0", article_id="b2", text="Rebels entered Hama on Thursday", start=0, end=31, sentence=0),
            Claim(id="b2-c1", article_id="b2", text="Thousands were killed", start=34, end=55, sentence=1,
                  polarity="negative", quote="a medic",
                  attribution=[Attribution(source="Ali Şahin", cue="said", origin="ali şahin", kind="person")]),
        ],
    )
    entered = [Mention(article="a1", claim="a1-c0", text="Rebels entered Hama on Thursday", start=0, end=31,
                       attribution=[REUTERS], source="Northern Wire"),
               Mention(article="b2", claim="b2-c0", text="Rebels entered Hama on Thursday", start=0, end=31)]
    hundreds = Mention(article="a1", claim="a1-c1", text="Hundreds were killed", start=67, end=87,
                       source="Northern Wire")
    thousands = Mention(article="b2", claim="b2-c1", text="Thousands were killed", start=34, end=55,
                        attribution=[Attribution(source="Ali Şahin", cue="said", origin="ali şahin", kind="person")],
                        source="Levant Ledger")
    story = Story(
        id="s1", title="Rebels enter Hama", articles=["a1", "b2"],
        places=[StoryPlace(name="Hama", geonameid=170017, lat=35.13, lon=36.75, country_code="SY", mentions=3)],
        claims=[
            ClaimGroup(id="g1", summary="Rebels entered Hama on Thursday", mentions=entered, verdict="corroborated",
                       independent_origins=2, origins=["Reuters"],
                       lineage=[["Northern Wire", "Reuters"], ["Levant Ledger"]], event_type="SEIZE"),
            ClaimGroup(id="g2", summary="Hundreds were killed", mentions=[hundreds, thousands], verdict="disputed",
                       independent_origins=2, origins=["Ali Şahin"],
                       lineage=[["Northern Wire"], ["Levant Ledger", "Ali Şahin"]],
                       conflicts=[Conflict(kind="number", a=hundreds, b=thousands,
                                           explanation="The reports give incompatible figures.",
                                           values=("100–999 people", "1000–9999 people"))]),
            ClaimGroup(id="g3", summary="Thousands were killed", mentions=[thousands], verdict="single-source",
                       independent_origins=1, lineage=[["Levant Ledger", "Ali Şahin"]]),
        ],
    )
    return StoreSnapshot(articles=[wire, ledger], stories=[story])


@pytest.fixture
def snapshot() -> StoreSnapshot:
    return build_snapshot()


@pytest.fixture
def stored(tmp_path, snapshot) -> SQLiteStore:
    """A SQLite store holding the hand-built snapshot."""
    store = SQLiteStore(tmp_path / "source.db")
    store.save_articles(snapshot.articles)
    store.save_stories(snapshot.stories)
    yield store
    store.close()
