"""Story clustering evaluation: gold readers, partition scores, the mixed stream and the registry entry."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from consilience.errors import ConsilienceError
from consilience.evaluate.registry import BENCHMARKS
from consilience.evaluate.stories import (
    ecbplus_text,
    ecbplus_topics,
    group_labels,
    mix_stream,
    pairwise_scores,
    partition_errors,
    partition_scores,
    read_basil_documents,
    read_ecbplus_documents,
    read_stream,
    score_stream,
)
from consilience.model import Article
from consilience.stories.group import ReportProfile
from consilience.stories.incremental import IncrementalParams


def test_stories_pairwise_scores_count_pairs():
    key = [frozenset("abc"), frozenset("d")]
    response = [frozenset("ab"), frozenset("cd")]
    # gold pairs ab ac bc; found ab cd: one right of two found, one of three gold
    assert pairwise_scores(key, response) == {"precision": 0.5, "recall": 0.3333, "f1": 0.4}


def test_stories_partition_scores_exact_events_and_b3():
    key = [frozenset("ab"), frozenset("cd"), frozenset("e")]
    perfect = partition_scores(key, list(key))
    assert perfect["b3"]["f1"] == 1.0 and perfect["exact_events"] == 1.0
    merged = partition_scores(key, [frozenset("abcd"), frozenset("e")])
    assert merged["exact_events"] == pytest.approx(1 / 3, abs=1e-4)
    assert merged["b3"]["recall"] == 1.0 and merged["b3"]["precision"] < 1.0


def test_stories_ecbplus_topics_follow_barhom_split():
    assert ecbplus_topics("dev") == {2, 5, 12, 18, 21, 23, 34, 35}
    assert ecbplus_topics("test") == set(range(36, 46))
    assert 1 in ecbplus_topics("train") and 2 not in ecbplus_topics("train") and 36 not in ecbplus_topics("train")


def write_ecb(path, sentences):
    tokens = "".join(f'<token t_id="{i}" sentence="{s}" number="{i}">{w}</token>'
                     for i, (s, w) in enumerate((s, w) for s, words in enumerate(sentences) for w in words.split()))
    path.write_text(f'<Document doc_name="{path.name}">{tokens}</Document>', encoding="utf-8")


def test_stories_reads_ecbplus_documents_labelled_by_half(tmp_path):
    folder = tmp_path / "ecbplus" / "ECB+_LREC2014" / "ECB+"
    for topic in ("36", "2"):
        (folder / topic).mkdir(parents=True)
    write_ecb(folder / "36" / "36_1ecb.xml", ["A quake hit Osaka , officials said .", "Trains stopped ."])
    write_ecb(folder / "36" / "36_1ecbplus.xml", ["A quake hit Kobe ."])
    write_ecb(folder / "2" / "2_1ecb.xml", ["Not in test ."])
    labelled = read_ecbplus_documents(tmp_path, "test")
    assert [(a.id, label) for a, label in labelled] == [("ecb-36_1ecb", "ecb-36-ecb"), ("ecb-36_1ecbplus", "ecb-36-ecbplus")]
    assert labelled[0][0].text == "A quake hit Osaka, officials said.\nTrains stopped."
    assert ecbplus_text(folder / "2" / "2_1ecb.xml") == "Not in test."


def test_stories_reads_basil_by_year_with_triplet_labels(tmp_path):
    for year, uid in (("2012", "t1"), ("2016", "t2")):
        (tmp_path / "basil" / "articles" / year).mkdir(parents=True)
        record = {"title": "T", "source": "fox", "date": f"{year}-03-01", "triplet-uuid": uid,
                  "body-paragraphs": [["First sentence.", "Second."], ["Third."]]}
        (tmp_path / "basil" / "articles" / year / f"{uid}_1.json").write_text(json.dumps(record), encoding="utf-8")
    dev = read_basil_documents(tmp_path, "basil-dev")
    assert [(a.id, a.published, label) for a, label in dev] == [("basil-t1_1", "2012-03-01", "basil-t1")]
    assert dev[0][0].text == "First sentence. Second.\n\nThird."
    assert len(read_basil_documents(tmp_path, "basil-all")) == 2


def test_stories_unknown_split_is_refused(tmp_path):
    with pytest.raises(ConsilienceError):
        read_stream(tmp_path, "nope")


def test_stories_mix_stream_keeps_dated_reports_in_date_order():
    items = [(Article(id=f"d{i}", text="x", source="s", published=f"2016-01-{10 - i:02d}"), "e") for i in range(8)]
    items += [(Article(id=f"u{i}", text="x", source="s"), "e") for i in range(8)]
    stream = mix_stream(items, seed=3)
    assert sorted(a.id for a, _ in stream) == sorted(a.id for a, _ in items)
    dated = [a.published for a, _ in stream if a.published]
    assert dated == sorted(dated)
    assert mix_stream(items, seed=3) == stream


def test_stories_score_stream_batch_and_incremental_agree_on_clear_events():
    rng = np.random.default_rng(0)
    labelled, profiles = [], []
    for event in range(6):
        centre = rng.normal(size=16)
        for k in range(3):
            vector = centre + 0.2 * rng.normal(size=16)
            labelled.append((Article(id=f"e{event}-{k}", text="x", source="s"), f"event{event}"))
            profiles.append(ReportProfile((vector / np.linalg.norm(vector)).astype(np.float32),
                                          frozenset({f"who{event}"}), frozenset(), date(2024, 1, 1 + event),
                                          names={f"who{event}": 1.0}))
    result = score_stream(labelled, profiles, IncrementalParams())
    assert result["events"] == 6 and result["documents"] == 18
    assert result["agreement"]["b3_f1"] == 1.0
    assert result["incremental"]["b3"]["f1"] == result["batch"]["b3"]["f1"] == 1.0


def test_stories_partition_errors_lists_merged_clusters_and_split_events():
    labels = {"a1": "quake-2008", "a2": "quake-2008", "a3": "quake-2008",
              "b1": "quake-2005", "b2": "quake-2005", "c1": "heist", "c2": "heist", "c3": "heist"}
    response = [frozenset({"a1", "a2", "b1", "b2"}), frozenset({"a3"}), frozenset({"c1", "c2"}), frozenset({"c3"})]
    errors = partition_errors(labels, response)
    assert errors["merged"] == [{"quake-2005": 2, "quake-2008": 2}]
    assert errors["split"] == {"heist": [2, 1], "quake-2008": [2, 1]}


def test_stories_partition_errors_empty_for_the_gold_partition_and_ignores_unlabelled():
    labels = {"a": "e1", "b": "e1", "c": "e2"}
    response = [frozenset({"a", "b", "polnear-x"}), frozenset({"c"}), frozenset({"polnear-y"})]
    assert partition_errors(labels, response) == {"merged": [], "split": {}}


def test_stories_score_stream_reports_errors_of_both_partitions():
    vectors = {"left": [1.0, 0.0], "right": [0.0, 1.0]}
    labelled, profiles = [], []
    # Three reports of event x, one of event y that reads like x: both partitions merge y into x.
    for k, (label, side) in enumerate([("x", "left"), ("x", "left"), ("x", "left"), ("y", "left")]):
        labelled.append((Article(id=f"r{k}", text="x", source="s"), label))
        profiles.append(ReportProfile(np.asarray(vectors[side], dtype=np.float32), frozenset(), frozenset(),
                                      date(2024, 1, 1), names={"same": 1.0}))
    result = score_stream(labelled, profiles, IncrementalParams())
    for side in ("batch", "incremental"):
        assert result[side]["errors"] == {"merged": [{"x": 3, "y": 1}], "split": {}}


def test_stories_group_labels_builds_clusters():
    assert sorted(map(sorted, group_labels({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]


def test_stories_benchmark_is_registered():
    benchmark = BENCHMARKS["stories"]
    assert "mixed" in benchmark.splits and benchmark.default_split == "ecbplus-test"
    assert "incremental.b3.f1" in benchmark.headline
