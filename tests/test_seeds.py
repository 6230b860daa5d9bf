"""Acceptance on the founding example: ../shared/seeds/*.txt, read by path (never copied here).

Two English-translated reports of rebels entering Hama (December 2024). Skipped, with a message
naming the path, only when ../shared/seeds is absent.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

SYRIA_IDS = {"Hama": 170017, "Aleppo": 170063, "Homs": 169577, "Damascus": 170654, "Latakia": 173576,
             "Tartus": 163345}


def _matching(analysis, pattern: str):
    """Claim groups with at least one mention matching the pattern."""
    rx = re.compile(pattern, re.IGNORECASE)
    return [g for s in analysis.stories for g in s.claims if any(rx.search(m.text) for m in g.mentions)]


def _reports(group) -> set[str]:
    return {m.article for m in group.mentions}


def _cross(analysis, pattern: str):
    groups = [g for g in _matching(analysis, pattern) if len(_reports(g)) >= 2]
    assert groups, f"no claim group matching {pattern!r} has mentions from both reports"
    return groups[0]


def test_seeds_one_story_with_both_reports(seed_analysis, seed_paths):
    assert len(seed_analysis.articles) == len(seed_paths) == 2
    assert len(seed_analysis.stories) == 1
    assert set(seed_analysis.stories[0].articles) == {a.id for a in seed_analysis.articles}


@pytest.mark.parametrize("pattern", [
    r"(enter|captur|took|seiz)\w*[^.]*Hama|Hama[^.]*(enter|captur)",
    r"(preserve|protect)\w*[^.]*lives",
    r"north[- ]?east",
    r"(under|held)[^.]*(government|regime)[^.]*control|control[^.]*since",
])
def test_seeds_matched_across_both_reports(seed_analysis, pattern):
    group = _cross(seed_analysis, pattern)
    if group.verdict == "disputed":
        # Only the "driven out of Hama" polarity conflict is an acceptable reason here.
        assert {c.kind for c in group.conflicts} == {"polarity"}
        assert any(re.search(r"driven out|drove", c.a.text + c.b.text, re.IGNORECASE) for c in group.conflicts)
    else:
        assert group.verdict == "corroborated"


def test_seeds_reuters_is_a_shared_origin_of_the_entry(seed_analysis):
    group = _cross(seed_analysis, r"(enter|captur)\w*[^.]*Hama")
    assert any(o.lower() == "reuters" for o in group.origins)
    assert group.independent_origins < len(_reports(group))


def _disputed(analysis, *patterns):
    for group in analysis.stories[0].claims:
        texts = " || ".join(m.text for m in group.mentions)
        if group.verdict == "disputed" and all(re.search(p, texts, re.IGNORECASE) for p in patterns):
            return group
    raise AssertionError(f"no disputed claim group mentions all of {patterns}")


def test_seeds_who_announced_leaving_is_disputed(seed_analysis):
    group = _disputed(seed_analysis, r"Russian", r"army")
    conflict = next(c for c in group.conflicts if c.kind in ("actor", "attribution"))
    assert conflict.a.text and conflict.b.text and conflict.a.text != conflict.b.text
    assert re.search(r"Russian", conflict.explanation + conflict.a.text + conflict.b.text)


def test_seeds_who_was_supported_is_disputed(seed_analysis):
    group = _disputed(seed_analysis, r"Iran", r"Russia")
    conflict = next(c for c in group.conflicts if c.kind in ("actor", "attribution"))
    assert conflict.a.text != conflict.b.text


@pytest.mark.parametrize("pattern", [r"prison", r"Hayat Tahrir al-Sham|HTS", r"commander"])
def test_seeds_single_source(seed_analysis, pattern):
    groups = _matching(seed_analysis, pattern)
    assert groups, pattern
    assert any(g.verdict == "single-source" and len(_reports(g)) == 1 for g in groups)


def test_seeds_places_resolve_to_syria(seed_analysis):
    places = {p.geonameid: p for p in seed_analysis.stories[0].places}
    for name, geonameid in SYRIA_IDS.items():
        assert geonameid in places, f"{name} not resolved to GeoNames {geonameid}"
