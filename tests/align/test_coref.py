"""Event-mention pair features, scoring and clustering (align.coref), on hand-built mentions."""

from __future__ import annotations

import numpy as np
import pytest

from consilience.align.coref import (
    DEFAULT_WEIGHTS,
    FEATURES,
    REFINE_FEATURES,
    CorefWeights,
    EventMention,
    MentionVectors,
    RefineWeights,
    cluster_by_lemma,
    cluster_by_score,
    pair_features,
    pair_probability,
    refine_pairs,
    resolve_events,
    score_pairs,
    second_order_features,
)


def _mention(number, document, lemma, sentence_index=0, arguments=()):
    return EventMention(id=str(number), document=document, sentence=f"sentence {document} {sentence_index}",
                        trigger=lemma, lemma=lemma, sentence_index=sentence_index, arguments=arguments)


def _vectors(rows):
    rows = np.asarray(rows, dtype=float)
    rows = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def test_coref_cluster_by_lemma_groups_matching_lemmas():
    mentions = [_mention(0, "a", "shoot"), _mention(1, "b", "Shoot"), _mention(2, "b", "arrest")]
    assert cluster_by_lemma(mentions) == [[0, 1], [2]]


def test_coref_cluster_by_score_uses_average_linkage_cut():
    probability = np.array([
        [1.0, 0.9, 0.5, 0.0],
        [0.9, 1.0, 0.3, 0.0],
        [0.5, 0.3, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0],
    ])
    # 0-1 merge at 0.9; {0,1}-2 averages 0.4: below 0.5 it stays apart, at 0.35 it joins.
    assert cluster_by_score(probability, 0.5) == [[0, 1], [2], [3]]
    assert cluster_by_score(probability, 0.35) == [[0, 1, 2], [3]]
    assert cluster_by_score(probability[:1, :1], 0.5) == [[0]]
    assert cluster_by_score(np.zeros((0, 0)), 0.5) == []


def test_coref_pair_features_lemma_document_sentence_and_arguments():
    mentions = [
        _mention(0, "a", "shoot", 0, ("gunman", "Oakland")),
        _mention(1, "b", "shoot", 2, ("the gunman", "Oakland")),
        _mention(2, "a", "arrest", 0, ("police",)),
    ]
    same = _vectors([[1, 0], [1, 0], [0, 1]])
    vectors = MentionVectors(sentence=same, trigger=same, lemma=same, document=same,
                             argument_words=[frozenset({"gunman", "oakland"})] * 2 + [frozenset({"police"})])
    features = pair_features(mentions, vectors)
    column = {name: features[..., k] for k, name in enumerate(FEATURES)}
    assert features.shape == (3, 3, len(FEATURES))
    assert column["same_lemma"][0, 1] == 1.0 and column["same_lemma"][0, 2] == 0.0
    assert column["same_document"][0, 2] == 1.0 and column["same_document"][0, 1] == 0.0
    assert column["same_sentence"][0, 2] == 1.0
    assert column["argument_overlap"][0, 1] == pytest.approx(1.0)  # "the" is a stop word
    assert column["argument_overlap"][0, 2] == 0.0
    assert column["trigger_similarity"][0, 1] == pytest.approx(1.0)


def test_coref_pair_features_role_overlap_tells_missing_from_different():
    mentions = [
        EventMention("0", "a", "s0", "shot", "shoot", nearby_arguments=(("place", "in Oakland"), ("time", "Friday"))),
        EventMention("1", "b", "s1", "shot", "shoot", nearby_arguments=(("place", "Oakland"),)),
        EventMention("2", "c", "s2", "shot", "shoot", nearby_arguments=(("place", "in Paris"),)),
        EventMention("3", "d", "s3", "shot", "shoot"),
    ]
    same = _vectors([[1, 0]] * 4)
    vectors = MentionVectors(sentence=same, trigger=same, lemma=same, document=same,
                             argument_words=[frozenset()] * 4,
                             role_words=[{"place": frozenset({"oakland"}), "time": frozenset({"friday"})},
                                         {"place": frozenset({"oakland"})}, {"place": frozenset({"paris"})}, {}])
    column = {name: pair_features(mentions, vectors)[..., k] for k, name in enumerate(FEATURES)}
    assert column["place_overlap"][0, 1] == 1.0 and column["both_places"][0, 1] == 1.0
    assert column["place_overlap"][0, 2] == 0.0 and column["both_places"][0, 2] == 1.0  # two places: a clash
    assert column["both_places"][0, 3] == 0.0  # no place said: no clash
    assert column["both_times"][0, 1] == 0.0 and column["both_places"][0, 0] == 0.0


def test_coref_embed_mentions_groups_nearby_argument_words_by_role():
    from consilience.align.coref import embed_mentions

    class _Fixed:
        name = "fixed"

        def encode(self, texts):
            return np.ones((len(texts), 2)) / np.sqrt(2)

    class _Trigger:
        def encode(self, mentions):
            return np.ones((len(mentions), 2)) / np.sqrt(2)

    mention = EventMention("0", "a", "A gunman shot two men in Oakland .", "shot", "shoot",
                           nearby_arguments=(("participant", "A gunman"), ("participant", "two men"),
                                             ("place", "in Oakland")))
    vectors = embed_mentions([mention], _Fixed(), _Trigger())
    assert vectors.role_words == [{"participant": frozenset({"gunman", "two", "men"}),
                                   "place": frozenset({"oakland"})}]


def test_coref_score_pairs_is_logistic_in_the_weights():
    features = np.zeros((2, 2, len(FEATURES)))
    features[0, 1, FEATURES.index("same_lemma")] = 1.0
    weights = CorefWeights(coefficients={"same_lemma": 2.0}, intercept=-1.0, threshold=0.5)
    probability = score_pairs(features, weights)
    assert probability[0, 1] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert probability[1, 0] == pytest.approx(1 / (1 + np.exp(1.0)))


def test_coref_default_weights_cover_every_feature():
    assert set(DEFAULT_WEIGHTS.coefficients) == set(FEATURES)
    assert set(DEFAULT_WEIGHTS.refine.coefficients) == set(REFINE_FEATURES)
    assert 0.0 < DEFAULT_WEIGHTS.threshold < 1.0


def test_coref_second_order_features_neighbours_and_best_path():
    # 0-1 and 1-2 are strong links, 0-2 weak: the path through 1 vouches for 0-2; 3 links to nobody.
    probability = np.array([
        [1.0, 0.9, 0.1, 0.1],
        [0.9, 1.0, 0.8, 0.1],
        [0.1, 0.8, 1.0, 0.1],
        [0.1, 0.1, 0.1, 1.0],
    ])
    features = second_order_features(probability)
    column = {name: features[..., k] for k, name in enumerate(REFINE_FEATURES)}
    assert features.shape == (4, 4, len(REFINE_FEATURES))
    assert column["pair_logit"][0, 1] == pytest.approx(np.log(0.9 / 0.1))
    assert column["best_path"][0, 2] == pytest.approx(0.8)  # min(p01, p12)
    assert column["best_path"][0, 3] == pytest.approx(0.1)
    assert column["neighbour_similarity"][0, 2] > column["neighbour_similarity"][0, 3]
    assert np.allclose(features, features.transpose(1, 0, 2))


def test_coref_refine_pairs_lifts_a_vouched_link_above_an_isolated_one():
    probability = np.array([
        [1.0, 0.9, 0.3, 0.3],
        [0.9, 1.0, 0.8, 0.1],
        [0.3, 0.8, 1.0, 0.1],
        [0.3, 0.1, 0.1, 1.0],
    ])
    refined = refine_pairs(probability, DEFAULT_WEIGHTS.refine)
    # 0-2 and 0-3 have the same first-pass score; only 0-2 has a common strong neighbour.
    assert refined[0, 2] > refined[0, 3]
    assert cluster_by_score(refined, DEFAULT_WEIGHTS.threshold) == [[0, 1, 2], [3]]


def test_coref_pair_probability_without_refine_is_the_symmetric_first_pass():
    features = np.zeros((2, 2, len(FEATURES)))
    features[0, 1, FEATURES.index("same_lemma")] = 1.0
    plain = CorefWeights(coefficients={"same_lemma": 2.0}, intercept=-1.0, threshold=0.5)
    probability = pair_probability(features, plain)
    expected = (1 / (1 + np.exp(-1.0)) + 1 / (1 + np.exp(1.0))) / 2
    assert probability[0, 1] == pytest.approx(expected) and probability[1, 0] == pytest.approx(expected)
    refined = pair_probability(features, CorefWeights(plain.coefficients, plain.intercept, 0.5,
                                                      RefineWeights({"pair_logit": 1.0}, intercept=2.0)))
    assert refined[0, 1] == pytest.approx(1 / (1 + np.exp(-(np.log(expected / (1 - expected)) + 2.0))))


@pytest.mark.slow
def test_coref_resolve_events_joins_paraphrased_triggers_and_splits_others():
    from consilience.stories.embed import load_embedder

    mentions = [
        EventMention("a1", "a", "A gunman shot two people at a bar in Oakland on Friday .", "shot", "shoot",
                     arguments=("gunman", "two people", "bar in Oakland", "Friday")),
        EventMention("b1", "b", "Two people were shot by a gunman at an Oakland bar on Friday night .", "shot",
                     "shoot", arguments=("Two people", "gunman", "Oakland bar", "Friday night")),
        EventMention("b2", "b", "Police arrested the suspect on Sunday in San Jose .", "arrested", "arrest",
                     arguments=("Police", "suspect", "Sunday", "San Jose")),
    ]
    clusters = resolve_events(mentions, load_embedder("minilm"))
    assert sorted(map(sorted, clusters)) == [["a1", "b1"], ["b2"]]
