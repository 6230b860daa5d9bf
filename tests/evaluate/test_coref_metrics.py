"""MUC, B-cubed, CEAF-e and CoNLL F1 on small partitions computed by hand."""

from __future__ import annotations

import pytest

from consilience.evaluate.coref_metrics import (
    clusters_from_labels,
    score_b_cubed,
    score_ceaf_e,
    score_coreference,
    score_muc,
)

# Gold mentions with a singleton: key {1,2,3} {4,5} {6}; response {1,2} {3,4,5} {6}.
KEY = [{1, 2, 3}, {4, 5}, {6}]
RESPONSE = [{1, 2}, {3, 4, 5}, {6}]


def test_coref_metrics_muc_counts_links_and_ignores_singletons():
    # recall: (3-2) + (2-1) + (1-1) over (2+1+0); precision: (2-1) + (3-2) + 0 over (1+2+0).
    scores = score_muc(KEY, RESPONSE)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)


def test_coref_metrics_b_cubed_counts_every_mention():
    # recall: (4/3 + 1/3) + 4/2 + 1/1 over 6 mentions = 14/18; precision the same by symmetry here.
    scores = score_b_cubed(KEY, RESPONSE)
    assert scores["recall"] == pytest.approx(7 / 9)
    assert scores["precision"] == pytest.approx(7 / 9)


def test_coref_metrics_ceaf_e_aligns_clusters_one_to_one():
    # phi4: {1,2,3}-{1,2} 0.8, {4,5}-{3,4,5} 0.8, {6}-{6} 1.0 -> 2.6 over 3 clusters each side.
    scores = score_ceaf_e(KEY, RESPONSE)
    assert scores["recall"] == pytest.approx(2.6 / 3)
    assert scores["precision"] == pytest.approx(2.6 / 3)


def test_coref_metrics_conll_is_the_mean_of_three_f1s():
    scores = score_coreference(KEY, RESPONSE)
    assert scores["conll_f1"] == pytest.approx((2 / 3 + 7 / 9 + 2.6 / 3) / 3)


def test_coref_metrics_pradhan_2014_predicted_mentions_example():
    # Pradhan et al. 2014, Fig. 1: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}.
    key = [set("abc"), set("defg")]
    response = [set("ab"), set("cd"), set("fghi")]
    muc = score_muc(key, response)
    assert (muc["recall"], muc["precision"]) == (pytest.approx(0.4), pytest.approx(0.4))
    b_cubed = score_b_cubed(key, response)
    assert b_cubed["recall"] == pytest.approx((4 / 3 + 1 / 3 + 1 / 4 + 1) / 7)
    assert b_cubed["precision"] == pytest.approx(0.5)
    ceaf = score_ceaf_e(key, response)
    assert ceaf["recall"] == pytest.approx(0.65)
    assert ceaf["precision"] == pytest.approx(1.3 / 3)


def test_coref_metrics_identical_partitions_score_one():
    scores = score_coreference(KEY, KEY)
    assert scores["conll_f1"] == pytest.approx(1.0)
    assert all(scores[m]["f1"] == pytest.approx(1.0) for m in ("muc", "b_cubed", "ceaf_e"))


def test_coref_metrics_all_singletons_response():
    scores = score_coreference(KEY, [{m} for m in range(1, 7)])
    assert scores["muc"]["recall"] == 0.0 and scores["muc"]["f1"] == 0.0
    assert scores["b_cubed"]["precision"] == pytest.approx(1.0)
    assert scores["b_cubed"]["recall"] == pytest.approx((3 * 1 / 3 + 2 * 1 / 2 + 1) / 6)
    # CEAF-e: best alignment takes one singleton per key cluster: 2/4 + 2/3 + 1.
    assert scores["ceaf_e"]["recall"] == pytest.approx((0.5 + 2 / 3 + 1) / 3)
    assert scores["ceaf_e"]["precision"] == pytest.approx((0.5 + 2 / 3 + 1) / 6)


def test_coref_metrics_one_big_cluster_response():
    scores = score_coreference(KEY, [set(range(1, 7))])
    assert scores["muc"]["recall"] == pytest.approx(1.0)
    assert scores["muc"]["precision"] == pytest.approx(3 / 5)
    assert scores["b_cubed"]["recall"] == pytest.approx(1.0)
    assert scores["b_cubed"]["precision"] == pytest.approx((9 + 4 + 1) / 36)


def test_coref_metrics_clusters_from_labels_groups_by_label():
    clusters = clusters_from_labels({1: "x", 2: "x", 3: "y"})
    assert sorted(map(sorted, clusters)) == [[1, 2], [3]]


def test_coref_metrics_rejects_overlapping_clusters():
    with pytest.raises(ValueError):
        score_muc([{1, 2}, {2, 3}], [{1}, {2}, {3}])
