from datetime import date

import numpy as np

from consilience.bench.stories import measure_assignment, perturbed_stream
from consilience.stories.group import ReportProfile


def _profiles():
    rng = np.random.default_rng(1)
    rows = []
    for n in range(3):
        vector = rng.normal(size=8).astype(np.float32)
        rows.append(ReportProfile(vector / np.linalg.norm(vector), frozenset({f"Actor{n}"}), frozenset({n}),
                                  date(2020, 1, 1), {f"word{n}": 1.0}, {f"Name{n}": 1.0}))
    return [f"r{n}" for n in range(3)], rows


def test_stories_perturbed_stream_copies_are_other_events_with_the_same_shape():
    ids, profiles = _profiles()
    stream = list(perturbed_stream(ids, profiles, 6, per_day=3))
    assert [i for i, _ in stream] == ["r0#0", "r1#0", "r2#0", "r0#1", "r1#1", "r2#1"]
    first, copy = stream[0][1], stream[3][1]
    assert first.terms == {"word0": 1.0} and first.names == {"Name0": 1.0}
    assert copy.terms == {"word0#1": 1.0} and copy.names == {"Name0#1": 1.0}
    assert copy.entities == frozenset({"Actor0#1"})
    assert abs(float(np.linalg.norm(copy.vector)) - 1.0) < 1e-5
    assert [p.published for _, p in stream] == [date(2020, 1, 1)] * 3 + [date(2020, 1, 2)] * 3


def test_stories_measure_assignment_counts_every_report():
    ids, profiles = _profiles()
    run = measure_assignment(ids, profiles, 12, per_day=3, block=4)
    assert run["reports"] == 12
    assert [p["store_size"] for p in run["curve"]] == [4, 8, 12]
    assert run["stories"] >= 1
