"""Incremental story clustering: joins, new stories, merges, splits, aging, ids and agreement with batch."""

from __future__ import annotations

import json
import struct
from datetime import date

import numpy as np
import pytest

from consilience.evaluate.coref_metrics import score_b_cubed
from consilience.stories.group import (
    ReportProfile,
    StoryParams,
    cluster_reports,
    cluster_stories,
    similarity_matrix,
)
from consilience.stories.incremental import (
    PROFILE_VERSION,
    AssignStories,
    IncrementalParams,
    StoryClusterer,
    _Cluster,
    decode_profile,
    encode_profile,
    order_for_ingest,
    profile_version,
    similarity_to,
    window_start,
)


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def profile(vector, day=None, entities=(), places=()) -> ReportProfile:
    names = {e: 1 / len(entities) ** 0.5 for e in entities}
    return ReportProfile(vector, frozenset(entities), frozenset(places), date(2024, 12, day) if day else None,
                         names=names)


def clusterer(**kwargs) -> StoryClusterer:
    return StoryClusterer(IncrementalParams(**kwargs), dimensions=4)


def test_incremental_profile_bytes_round_trip():
    original = profile(unit(1, 2, 3, 4), 5, {"hama", "syrian army"}, {170017})
    original.terms = {"hama": 0.8, "rebels": 0.6}
    original.year = 2024
    original.persons = {"jackson": 8, "williams": 1}
    blob = encode_profile(original)
    back = decode_profile(blob)
    assert np.allclose(back.vector, original.vector)
    assert (back.entities, back.places, back.published) == (original.entities, original.places, original.published)
    assert (back.terms, back.names, back.year) == (original.terms, original.names, 2024)
    assert back.persons == {"jackson": 8, "williams": 1}
    assert profile_version(blob) == PROFILE_VERSION == 4


def version_1_blob(vector: np.ndarray) -> bytes:
    """Profile bytes as written before terms and names existed."""
    extra = {"e": ["hama"], "p": [170017], "d": "2024-12-05"}
    return struct.pack("<I", vector.size) + vector.astype(np.float32).tobytes() + json.dumps(extra).encode()


def test_incremental_version_1_profile_decodes_without_words():
    blob = version_1_blob(unit(1, 0, 0, 0))
    old = decode_profile(blob)
    assert profile_version(blob) == 1
    assert (old.entities, old.published, old.terms, old.names) == (frozenset({"hama"}), date(2024, 12, 5), {}, {})
    assert old.year is None


@pytest.mark.parametrize(
    ("first", "second"),
    [((None, 2013), (None, 2013)), ((None, 2013), (None, 2008)), ((None, 2013), (None, 2012)),
     ((5, 2024), (None, 2024)), ((5, 2024), (6, 2024)), ((5, 2024), (None, 2019)), ((None, None), (None, 2013))],
)
def test_incremental_similarity_to_matches_batch_with_report_years(first, second):
    # One row of the incremental score is the batch matrix's row, whatever mix of dates and years.
    a, b = profile(unit(1, 1, 0, 0), first[0], {"hts"}), profile(unit(1, 0, 0, 0), second[0], {"hts", "hama"})
    a.year, b.year = first[1], second[1]
    params = StoryParams()
    assert similarity_to(a, [b], params)[0] == pytest.approx(similarity_matrix([a, b], params)[0, 1])


@pytest.mark.parametrize(
    ("first", "second"),
    [({"jackson": 8}, {"williams": 6, "jackson": 2}), ({"jackson": 8}, {"jackson": 5}), ({}, {"williams": 6}),
     ({"jackson": 2}, {"williams": 6})],
)
def test_incremental_similarity_to_matches_batch_with_protagonists(first, second):
    a, b = profile(unit(1, 1, 0, 0), None, {"hts"}), profile(unit(1, 0, 0, 0), None, {"hts", "hama"})
    a.persons, b.persons = first, second
    params = StoryParams()
    assert similarity_to(a, [b], params)[0] == pytest.approx(similarity_matrix([a, b], params)[0, 1])
    assert similarity_to(b, [a], params)[0] == pytest.approx(similarity_matrix([a, b], params)[1, 0])


@pytest.mark.parametrize("version", [1, 3])
def test_incremental_outdated_stored_profile_is_recomputed(tmp_path, version):
    from consilience.model import Article, Entity
    from consilience.store.sqlite import SQLiteStore

    class OneVector:
        name = "fake"

        def encode(self, texts):
            return np.tile(unit(1, 0, 0, 0), (len(texts), 1))

    text = "Rebels entered Hama on Thursday."
    text += " Abu Mohammed al-Jolani spoke. Jolani said Jolani's men held it."
    article = Article(id="a1", text=text, source="BBC", published="2024-12-05",
                      entities=[Entity("Hama", "GPE", 15, 19), Entity("Abu Mohammed al-Jolani", "PERSON", 33, 55),
                                Entity("Jolani", "PERSON", 63, 69), Entity("Jolani's", "PERSON", 75, 83)],
                      sentences=[(0, len(text))])
    blob = version_1_blob(unit(0, 1, 0, 0))
    if version == 3:  # a v3 profile: words and year, no person counts
        blob = encode_profile(decode_profile(blob)).replace(b'"v": 4', b'"v": 3')
    with SQLiteStore(tmp_path / "c.db") as store:
        store.save_articles([article])
        store.save_report_profiles([("a1", "2024-12-05", blob)])
        found = AssignStories(store, embedder=OneVector()).profiles_of(["a1"])
        assert "hama" in found["a1"].terms and "hama" in found["a1"].names
        assert np.allclose(found["a1"].vector, unit(1, 0, 0, 0))
        assert found["a1"].persons == {"al-jolani": 1, "jolani": 2}
        assert profile_version(store.load_report_profiles(["a1"])["a1"]) == PROFILE_VERSION


def test_incremental_similar_report_joins_and_story_keeps_id():
    c = clusterer()
    first = c.assign("a", profile(unit(1, 0, 0, 0), 5, {"hama"}))
    second = c.assign("b", profile(unit(1, 0.1, 0, 0), 5, {"hama"}))
    assert second == first
    assert c.partition() == {first: ["a", "b"]}


def test_incremental_unrelated_report_starts_a_new_story():
    c = clusterer()
    first = c.assign("a", profile(unit(1, 0, 0, 0), 5))
    other = c.assign("b", profile(unit(0, 0, 1, 0), 5))
    assert other != first
    touched, changes, _ = c.take_changes()
    assert touched == {first, other}
    assert [ch.kind for ch in changes[other]] == ["created"]


ONLY_LEAD = {"weight_embedding": 1.0, "weight_terms": 0.0, "weight_names": 0.0, "weight_places": 0.0,
             "threshold": 0.5, "attach_threshold": 0.4, "attach_size": 3}


@pytest.mark.parametrize(("story_size", "joins"), [(4, True), (3, False)])
def test_incremental_report_under_the_cut_joins_only_a_large_story(story_size, joins):
    # cosine 0.45: under the threshold (0.5), over the attach threshold (0.4): as the batch grouping.
    c = StoryClusterer(IncrementalParams(story=StoryParams(**ONLY_LEAD)), dimensions=4)
    members = [f"m{i}" for i in range(story_size)]
    for m in members:
        sid = c.assign(m, profile(unit(1, 0, 0, 0), 5))
    near = c.assign("near", profile(unit(0.45, 0.893, 0, 0), 5))
    assert (near == sid) is joins
    batch = cluster_stories(similarity_matrix([c.profiles[m] for m in [*members, "near"]], c.params.story),
                            c.params.story)
    assert (len(batch) == 1) is joins


def test_incremental_same_report_twice_is_assigned_once():
    c = clusterer()
    sid = c.assign("a", profile(unit(1, 0, 0, 0), 5))
    assert c.assign("a", profile(unit(1, 0, 0, 0), 5)) == sid
    assert c.partition() == {sid: ["a"]}


def test_incremental_bridging_report_merges_and_older_id_survives():
    # Two stories just below the threshold apart; a report between them pulls them together.
    c = clusterer(story=StoryParams(threshold=0.5, weight_embedding=1.0, weight_entities=0.0, weight_places=0.0))
    older = c.assign("a", profile(unit(1, 0, 0, 0)))
    younger = c.assign("b", profile(unit(0.5, 1, 0, 0)))
    assert older != younger
    c.take_changes()
    merged = c.assign("c", profile(unit(1, 1, 0, 0)))
    assert merged == older
    assert sorted(c.partition()[older]) == ["a", "b", "c"]
    _, changes, removed = c.take_changes()
    assert removed == {younger}
    merge = [ch for ch in changes[older] if ch.kind == "merged"]
    assert merge and merge[0].other == younger and merge[0].articles == ["b", "c"]


def test_incremental_split_keeps_id_for_larger_part():
    c = clusterer(story=StoryParams(threshold=0.5, weight_embedding=1.0, weight_entities=0.0, weight_places=0.0))
    sid = "s-x"
    c.stories[sid] = _Cluster([], born=0)  # a story as a merge may leave it: two events in one
    for name, vector in [("a", unit(1, 0, 0, 0)), ("b", unit(1, 0.05, 0, 0)), ("c", unit(1, 0, 0.05, 0)),
                         ("x", unit(0, 0, 0, 1)), ("y", unit(0, 0.05, 0, 1))]:
        c.stories[sid].members.append(name)
        c._remember(name, profile(vector), sid)
    c._maybe_split(sid)
    parts = c.partition()
    assert sorted(parts[sid]) == ["a", "b", "c"]
    (other,) = [s for s in parts if s != sid]
    assert sorted(parts[other]) == ["x", "y"]
    _, changes, _ = c.take_changes()
    assert [(ch.kind, ch.other) for ch in changes[sid]] == [("split", other)]


def test_incremental_old_stories_age_out_of_the_candidates():
    c = clusterer(window_days=3)
    old = c.assign("a", profile(unit(1, 0, 0, 0), 1))
    c.assign("z", profile(unit(0, 1, 0, 0), 20))
    assert c.age_out() == 1
    # the same event reported weeks later is a new story: the old one left the window
    assert c.assign("b", profile(unit(1, 0, 0, 0), 21)) != old
    assert c.archived == {"a": old}


def test_incremental_story_older_than_the_window_is_no_candidate_before_any_aging_sweep():
    # An ingest call loads its batch's whole window, and aging sweeps run every `age_every`
    # reports: a report must still not join a story that went quiet more than a window before it.
    c = clusterer(window_days=3)
    old = c.assign("a", profile(unit(1, 0, 0, 0), 1, {"hama"}, {1}))
    assert c.aged_out == 0
    new = c.assign("b", profile(unit(1, 0, 0, 0), 10, {"hama"}, {1}))
    assert new != old and c.partition()[old] == ["a"]
    assert c.assign("c", profile(unit(1, 0, 0, 0), 11, {"hama"}, {1})) == new  # inside the window: joins


def test_incremental_sliding_window_rebuilds_index_and_keeps_live_stories_findable():
    # A long stream through a short window: removed reports must not pile up inside the ANN graph.
    from datetime import timedelta

    rng = np.random.default_rng(7)
    c = StoryClusterer(IncrementalParams(window_days=2), dimensions=16)
    start = date(2024, 1, 1)
    vectors = {}
    for n in range(2400):
        vector = rng.normal(size=16).astype(np.float32)
        vectors[f"r{n}"] = vector / np.linalg.norm(vector)
        day = start + timedelta(days=n // 40)
        c.assign(f"r{n}", ReportProfile(vectors[f"r{n}"], frozenset({f"e{n}"}), frozenset(), day,
                                        names={f"e{n}": 1.0}))
    assert c.aged_out > 2000
    assert c._tombstones <= max(1024, len(c.profiles))  # the index was rebuilt along the way
    assert len(c._index) == len(c.profiles)
    # a copy of a report still in the window finds that report's story after the rebuilds
    last = "r2399"
    copy = ReportProfile(vectors[last], frozenset({"e2399"}), frozenset(), start + timedelta(days=59),
                         names={"e2399": 1.0})
    assert c.assign("copy", copy) == c.story_of[last]


def test_incremental_window_start_and_order():
    assert window_start([date(2024, 12, 10), date(2024, 12, 5)], 30) == "2024-11-05"
    assert window_start([date(2024, 12, 10), None], 30) is None
    items = [("b", profile(unit(1, 0, 0, 0))), ("a", profile(unit(1, 0, 0, 0), 9)), ("c", profile(unit(1, 0, 0, 0), 2))]
    assert [i for i, _ in order_for_ingest(items)] == ["c", "a", "b"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_agrees_with_batch_on_separated_events(seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(12, 32))
    profiles, ids = [], []
    for event, centre in enumerate(centres):
        for k in range(int(rng.integers(1, 7))):
            vector = centre + 0.35 * rng.normal(size=32)
            ids.append(f"e{event}-{k}")
            profiles.append(ReportProfile((vector / np.linalg.norm(vector)).astype(np.float32),
                                          frozenset({f"actor{event}"}), frozenset(), date(2024, 12, 1 + event)))
    order = rng.permutation(len(ids))
    params = IncrementalParams()
    c = StoryClusterer(params, dimensions=32)
    for i in order:
        c.assign(ids[i], profiles[i])
    incremental = [frozenset(m) for m in c.partition().values()]
    batch = [frozenset(ids[i] for i in g) for g in cluster_reports(similarity_matrix(profiles, params.story), params.story.threshold)]
    assert score_b_cubed(batch, incremental)["f1"] >= 0.97
