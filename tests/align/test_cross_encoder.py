"""The optional pair cross-encoder plug-in: candidates, the combination, and a tiny model built here."""

from __future__ import annotations

import numpy as np
import pytest

from consilience.align.coref import EventMention, RefineWeights
from consilience.align.cross_encoder import (
    Combination,
    PairCrossEncoder,
    candidate_pairs,
    combined_probability,
    cross_matrices,
    mark_trigger,
    read_combination,
    write_combination,
)
from consilience.errors import ConsilienceError

WORDS = ["police", "arrested", "two", "men", "in", "oakland", "a", "quake", "hit", "iran", "suspects", "were",
         "detained", "the", "shook", "town", "."]


def _mention(number: int, sentence: str, trigger: str) -> EventMention:
    start = sentence.index(trigger)
    return EventMention(id=f"m{number}", document=f"d{number}", sentence=sentence, trigger=trigger, lemma=trigger,
                        trigger_start=start, trigger_end=start + len(trigger))


def _combination(**overrides) -> Combination:
    values = {"first_logit": 1.0, "cross_logit": 2.0, "candidate": 0.0, "intercept": 0.0,
              "refine": RefineWeights({"pair_logit": 1.0, "neighbour_similarity": 0.0, "best_path": 0.0}, 0.0),
              "threshold": 0.5, "k": 1}
    values.update(overrides)
    return Combination(**values)


def test_cross_encoder_mark_trigger_brackets_the_trigger_at_its_offsets():
    mention = EventMention(id="a", document="d", sentence="He shot and then shot again", trigger="shot",
                           lemma="shoot", trigger_start=17, trigger_end=21)
    assert mark_trigger(mention) == "He shot and then [ shot ] again"
    found = EventMention(id="b", document="d", sentence="Police arrested two men", trigger="arrested", lemma="arrest")
    assert mark_trigger(found) == "Police [ arrested ] two men"


def test_cross_encoder_candidate_pairs_keep_each_mentions_best_partners():
    probability = np.array([[1.0, 0.9, 0.1, 0.2],
                            [0.9, 1.0, 0.3, 0.1],
                            [0.1, 0.3, 1.0, 0.8],
                            [0.2, 0.1, 0.8, 1.0]])
    assert candidate_pairs(probability, 1) == [(0, 1), (2, 3)]
    assert candidate_pairs(probability, 2) == [(0, 1), (0, 3), (1, 2), (2, 3)]
    assert len(candidate_pairs(probability, 10)) == 6  # k beyond the block: every pair once


def test_cross_encoder_logit_counts_only_on_candidate_pairs():
    first = np.full((3, 3), 0.5)
    cross, mask = cross_matrices(3, [(0, 1)], np.array([3.0]))
    assert mask[1, 0] == 1.0 and mask[0, 2] == 0.0 and cross[1, 0] == 3.0
    probability = combined_probability(first, cross, mask, _combination())
    assert probability[0, 1] == pytest.approx(probability[1, 0])
    assert probability[0, 1] > 0.99  # logit 2 x 3 from the encoder
    assert probability[0, 2] == pytest.approx(0.5)  # not a candidate: the first pass alone


def test_cross_encoder_combination_round_trips_and_bad_files_are_named(tmp_path):
    path = tmp_path / "combination.json"
    write_combination(_combination(threshold=0.4, k=7), path)
    assert read_combination(path) == _combination(threshold=0.4, k=7)
    path.write_text('{"first_logit": 1.0}', encoding="utf-8")
    with pytest.raises(ConsilienceError, match="not a readable cross-encoder combination"):
        read_combination(path)


def test_cross_encoder_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ConsilienceError, match="no config.json"):
        PairCrossEncoder(tmp_path)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A one-layer BERT pair classifier with a 24-word vocabulary, built and saved here (random weights)."""
    import torch
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        BertTokenizerFast,
    )

    folder = tmp_path_factory.mktemp("tiny-cross-encoder")
    vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[", "]", *WORDS]
    tokenizer = BertTokenizerFast(vocab={word: number for number, word in enumerate(vocabulary)}, do_lower_case=True)
    config = BertConfig(vocab_size=len(WORDS) + 7, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, num_labels=1,
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


@pytest.mark.slow
def test_cross_encoder_scores_are_symmetric_and_independent_of_batching(tiny_model):
    mentions = [_mention(0, "Police arrested two men in Oakland .", "arrested"),
                _mention(1, "Two suspects were detained .", "detained"),
                _mention(2, "A quake hit Iran .", "hit"),
                _mention(3, "The quake shook the town .", "shook")]
    pairs = [(0, 1), (0, 2), (1, 3), (2, 3)]
    batched = PairCrossEncoder(tiny_model, batch_size=3).score_pairs(mentions, pairs)
    single = PairCrossEncoder(tiny_model, batch_size=1)
    assert batched == pytest.approx(single.score_pairs(mentions, pairs), abs=1e-5)
    reversed_pairs = single.score_pairs([mentions[j] for j in (1, 0)], [(0, 1)])
    assert reversed_pairs[0] == pytest.approx(batched[0], abs=1e-5)
    assert single.combination is None


@pytest.mark.slow
def test_cross_encoder_fine_tune_learns_a_toy_pair_task(tiny_model, tmp_path):
    from consilience.align.train_cross_encoder import fine_tune

    texts = ["police [ arrested ] two men", "two suspects were [ detained ]", "a quake [ hit ] iran",
             "the quake [ shook ] the town", "police [ detained ] two men", "a quake [ shook ] iran"]
    same = {(0, 1), (0, 4), (1, 4), (2, 3), (2, 5), (3, 5)}
    examples = [((i, j), float((i, j) in same)) for i in range(6) for j in range(i + 1, 6)]
    lines = []
    fine_tune(texts, examples, tiny_model, tmp_path, epochs=150, batch_size=8, learning_rate=3e-3, log=lines.append)
    encoder = PairCrossEncoder(tmp_path)
    pairs = [pair for pair, _ in examples]
    logits = encoder.logits([texts[i] for i, _ in pairs], [texts[j] for _, j in pairs])
    positive = [logit for (pair, label), logit in zip(examples, logits) if label]
    negative = [logit for (pair, label), logit in zip(examples, logits) if not label]
    assert min(positive) > max(negative)
    assert lines and lines[0].startswith("step 50/")
