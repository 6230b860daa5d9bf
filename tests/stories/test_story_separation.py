"""Reports of different events stay apart, even in the same war and on the same day."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience import analyze

pytestmark = pytest.mark.slow

OTHER = Path(__file__).resolve().parents[1] / "data" / "other-events"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hama"


def test_stories_separate_events_of_one_war_and_one_day():
    result = analyze([EXAMPLE, OTHER], store=False)
    by_source_title = {a.id: a.title for a in result.articles}
    groups = sorted(sorted(by_source_title[i] for i in s.articles) for s in result.stories)
    hama = next(g for g in groups if any("Hama" in t for t in g))
    assert len(hama) == 4
    assert not any("Aleppo airport" in t or "Portugal" in t for t in hama)
    assert len(result.stories) == 3
