"""Hand-built Analyses for the output tests: no models, every field chosen so a test can see it."""

from __future__ import annotations

import pytest

from consilience.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    ClaimGroup,
    Conflict,
    Mention,
    Place,
    PlaceMention,
    Problem,
    Story,
    StoryPlace,
    TimeMention,
)

REUTERS = Attribution(source="Reuters", cue="reported", origin="reuters", kind="wire")
GOVERNOR = Attribution(source="the Homs governor", cue="said", origin="homs governor", kind="official")
HOMS = Place(name="Homs", geonameid=169577, lat=34.72682, lon=36.72339, country_code="SY")

REBELS_SPAN = "Rebel fighters entered the city centre"
TROOPS_SPAN = "Government troops entered the city centre"


def build_analysis() -> Analysis:
    """Two reports, one story, three claim groups (corroborated, single-source, disputed), one problem."""
    ledger = Article(
        id="a1",
        text="Rebel fighters entered Homs on Thursday, Reuters reported. ...",
        source="Daily Ledger",
        title="Rebels reach Homs",
        published="2024-12-05",
        url="https://ledger.example/homs",
        path="reports/ledger.txt",
        language="en",
        places=[
            PlaceMention(text="Homs", start=23, end=27, place=HOMS),
            PlaceMention(text="Old Quarter", start=80, end=91, place=None, reason="not in gazetteer"),
        ],
        times=[TimeMention(text="Thursday", start=31, end=39, type="DATE", value="2024-12-05")],
        claims=[
            Claim(id="c1", article_id="a1", text="Fighters entered Homs on Thursday", start=0, end=40, sentence=0,
                  actors=["fighters"], action="enter", targets=["Homs"],
                  places=[PlaceMention(text="Homs", start=23, end=27, place=HOMS)],
                  times=[TimeMention(text="Thursday", start=31, end=39, type="DATE", value="2024-12-05")],
                  attribution=[REUTERS], event_type="SEIZE", lead=True),
            Claim(id="c2", article_id="a1", text="The mayor fled to the coast", start=41, end=68, sentence=1,
                  actors=["the mayor"], action="flee", event_type="RETREAT"),
            Claim(id="c3", article_id="a1", text=REBELS_SPAN, start=69, end=107, sentence=2,
                  actors=["rebel fighters"], action="enter", event_type="SEIZE"),
        ],
    )
    post = Article(
        id="a2",
        text="Fighters entered Homs on Thursday, Reuters and the Homs governor said. ...",
        source="Evening Post",
        title="Homs falls",
        published=None,
        path="reports/post.html",
        language="en",
        places=[PlaceMention(text="Homs", start=17, end=21, place=HOMS)],
        claims=[
            Claim(id="c1", article_id="a2", text="Fighters entered Homs on Thursday", start=0, end=33, sentence=0,
                  actors=["fighters"], action="enter", attribution=[REUTERS, GOVERNOR], event_type="SEIZE"),
            Claim(id="c3", article_id="a2", text=TROOPS_SPAN, start=70, end=111, sentence=2,
                  actors=["government troops"], action="enter", event_type="SEIZE"),
        ],
    )
    corroborated = ClaimGroup(
        id="g1",
        summary="Fighters entered Homs on Thursday",
        mentions=[
            Mention(article="a1", claim="c1", text="Rebel fighters entered Homs on Thursday", start=0, end=40,
                    attribution=[REUTERS], source="Daily Ledger"),
            Mention(article="a2", claim="c1", text="Fighters entered Homs on Thursday", start=0, end=33,
                    attribution=[REUTERS, GOVERNOR], source="Evening Post"),
        ],
        verdict="corroborated",
        independent_origins=2,
        origins=["Reuters", "the Homs governor"],
        lineage=[["Daily Ledger", "Reuters"], ["Evening Post", "Reuters"], ["Evening Post", "the Homs governor"]],
        event_type="SEIZE",
    )
    single = ClaimGroup(
        id="g2",
        summary="The mayor fled to the coast",
        mentions=[Mention(article="a1", claim="c2", text="The mayor fled to the coast", start=41, end=68,
                          source="Daily Ledger")],
        verdict="single-source",
        independent_origins=1,
        origins=["Daily Ledger"],
        lineage=[["Daily Ledger"]],
        event_type="RETREAT",
    )
    rebels = Mention(article="a1", claim="c3", text=REBELS_SPAN, start=69, end=107, source="Daily Ledger")
    # source left None on purpose: outputs must fall back to the article's outlet.
    troops = Mention(article="a2", claim="c3", text=TROOPS_SPAN, start=70, end=111)
    disputed = ClaimGroup(
        id="g3",
        summary="Who entered the city centre",
        mentions=[rebels, troops],
        verdict="disputed",
        independent_origins=2,
        origins=["Daily Ledger", "Evening Post"],
        lineage=[["Daily Ledger"], ["Evening Post"]],
        conflicts=[Conflict(kind="actor", a=rebels, b=troops,
                            explanation="The reports name different forces entering the centre.",
                            values=("rebel fighters", "government troops"))],
        event_type="SEIZE",
    )
    story = Story(
        id="s1",
        title="Fighters enter Homs",
        articles=["a1", "a2"],
        places=[StoryPlace(name="Homs", geonameid=169577, lat=34.72682, lon=36.72339, country_code="SY", mentions=3)],
        claims=[corroborated, single, disputed],
    )
    problem = Problem(code="E003", input="reports/empty.txt",
                      message="file is empty. Remove it or add the report text.")
    return Analysis(
        articles=[ledger, post],
        stories=[story],
        problems=[problem],
        inputs_read=3,
        timings={"ingest": 0.012, "annotate": 0.5},
    )


def build_hostile_analysis() -> Analysis:
    """The same Analysis with markup, script and attribute-injection text in every untrusted field."""
    analysis = build_analysis()
    article = analysis.articles[0]
    article.title = "<script>alert(1)</script> [bold]x[/bold] :warning:"
    article.source = 'Ledger" onerror="alert(2)'
    article.url = "javascript:alert(3)"
    story = analysis.stories[0]
    story.title = "<script>alert(1)</script> | *Homs* [red]x[/red]"
    group = story.claims[2]
    group.summary = '"onerror=alert(4) <img src=x> | pipe'
    group.conflicts[0].a.text = '<script>alert(1)</script>"onerror=alert(5)'
    group.conflicts[0].a.source = 'Ledger" onerror="alert(2)'
    analysis.problems[0].input = "<img src=x onerror=alert(6)>.txt"
    return analysis


@pytest.fixture
def analysis() -> Analysis:
    return build_analysis()


@pytest.fixture
def hostile_analysis() -> Analysis:
    return build_hostile_analysis()


@pytest.fixture
def make_analysis():
    """Builds a fresh Analysis each call, for tests that compare two independent renderings."""
    return build_analysis
