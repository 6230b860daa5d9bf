"""The whole pipeline on the shipped example: four reports of one event with planted discrepancies.

The example (examples/hama) was written for this project with known answers: who announced the
withdrawal (Russian troops in one lead, the Syrian army everywhere else), who is backed by Russia
and Iran (the rebels in one lead, the government elsewhere), hundreds vs thousands killed, 210 km
vs about 150 km, the prison seized vs not entered, and a Reuters wire behind three reports.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow

SYRIA_IDS = {"Hama": 170017, "Aleppo": 170063, "Homs": 169577, "Damascus": 170654, "Latakia": 173576,
             "Tartus": 163345}


def _groups(analysis, *patterns: str):
    """Claim groups having, for every pattern, a mention that matches it."""
    story = analysis.stories[0]
    found = []
    for group in story.claims:
        texts = [m.text for m in group.mentions]
        if all(any(re.search(p, t, re.IGNORECASE) for t in texts) for p in patterns):
            found.append(group)
    return found


def _sources(analysis, group) -> set[str]:
    return {analysis.article(m.article).source for m in group.mentions}


def test_end_to_end_one_story_of_four_reports(example_analysis):
    assert len(example_analysis.articles) == 4
    assert len(example_analysis.stories) == 1
    assert len(example_analysis.stories[0].articles) == 4
    assert not example_analysis.problems


def test_end_to_end_entry_into_hama_shares_reuters(example_analysis):
    [group] = _groups(example_analysis, r"entered (the city of )?Hama", r"captured (the central Syrian city of )?Hama")
    assert len(_sources(example_analysis, group)) >= 3
    assert "Reuters" in group.origins
    assert group.independent_origins < len(_sources(example_analysis, group))


def test_end_to_end_who_withdrew_is_an_actor_conflict(example_analysis):
    [group] = _groups(example_analysis, r"leaving the city of Hama", r"withdrawn its units")
    assert group.verdict == "disputed"
    kinds = {c.kind for c in group.conflicts}
    assert "actor" in kinds
    actor = next(c for c in group.conflicts if c.kind == "actor")
    spans = {actor.a.text, actor.b.text}
    assert any("leaving the city of Hama" in s for s in spans)
    assert set(actor.values) >= {"Russian troops"} or "Russian troops" in actor.explanation
    # the lead contradicts the same report's body: a self-contradiction counts
    assert any(c.a.article == c.b.article for c in group.conflicts if c.kind == "actor")


def test_end_to_end_who_is_backed_is_disputed(example_analysis):
    [group] = _groups(example_analysis, r"Rebels backed by pro-Iranian militias", r"backed by Russia and Iran")
    assert group.verdict == "disputed"
    conflict = next(c for c in group.conflicts if c.kind == "actor")
    assert "Rebels" in conflict.explanation and "government" in conflict.explanation


@pytest.mark.parametrize("patterns, kind", [
    ((r"Hundreds of fighters", r"Thousands of fighters"), "number"),
    ((r"210 kilometers", r"150 kilometers"), "number"),
    ((r"seized the central prison", r"did not enter the central prison"), "polarity"),
])
def test_end_to_end_planted_conflicts(example_analysis, patterns, kind):
    [group] = _groups(example_analysis, *patterns)
    assert group.verdict == "disputed"
    assert kind in {c.kind for c in group.conflicts}


def test_end_to_end_driven_out_is_a_polarity_conflict_with_the_entry(example_analysis):
    [group] = _groups(example_analysis, r"driven the rebels out of Hama")
    assert group.verdict == "disputed"
    assert any(c.kind == "polarity" for c in group.conflicts)


def test_end_to_end_corroborated_background(example_analysis):
    [group] = _groups(example_analysis, r"Hama had been under government control")
    assert group.verdict == "corroborated"
    assert len(_sources(example_analysis, group)) >= 2


@pytest.mark.parametrize("pattern", [r"new commander", r"Hayat Tahrir al-Sham"])
def test_end_to_end_single_source(example_analysis, pattern):
    [group] = _groups(example_analysis, pattern)
    assert group.verdict == "single-source"
    assert len(_sources(example_analysis, group)) == 1


def test_end_to_end_places_resolve_to_syria(example_analysis):
    places = {p.geonameid: p for p in example_analysis.stories[0].places}
    for name, geonameid in SYRIA_IDS.items():
        assert geonameid in places, name
        assert places[geonameid].country_code == "SY"
