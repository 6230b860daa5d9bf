"""The story-size benchmark's inputs: perturbed copies of seed reports, each from its own outlet."""

from __future__ import annotations

import random

from consilience.bench.story_sizes import perturb, write_story
from consilience.ingest import read_reports

SEEDS = [("Rebels take Hama", "2024-12-05", "Rebels entered Hama on Thursday. The army said it withdrew.\n\n"
          "Officials said hundreds were killed. The city was quiet by evening."),
         ("Army leaves Hama", "2024-12-05", "The army announced it left the city. Fighters said they held it.")]


def test_story_sizes_perturb_drops_and_rewords_but_keeps_text():
    body = SEEDS[0][2]
    copies = {perturb(body, random.Random(k), drop=0.3, reword=1.0) for k in range(8)}
    assert len(copies) > 1  # copies differ from each other
    assert all(copy and copy != body for copy in copies)
    assert all("said" not in copy.split() and "Officials" not in copy.split() for copy in copies)
    assert perturb(body, random.Random(1), drop=0.0, reword=0.0) == body


def test_story_sizes_write_story_gives_each_copy_its_own_outlet(tmp_path):
    paths = write_story(SEEDS, 5, tmp_path, seed=3)
    articles, problems, _read = read_reports([str(p) for p in paths])
    assert not problems and len(articles) == 5
    assert len({a.source for a in articles}) == 5
    assert [a.title for a in articles] == [s[0] for s in SEEDS] * 2 + [SEEDS[0][0]]
    assert articles[0].text.strip() == SEEDS[0][2]  # the seeds themselves come first, unchanged
    assert write_story(SEEDS, 5, tmp_path / "again", seed=3)[4].read_text() == paths[4].read_text()
