"""Reading ECB+ (Barhom et al. 2019 layout) and scoring the lemma baseline, on a hand-written miniature."""

from __future__ import annotations

import json

import pytest

from consilience.evaluate.ecbplus import (
    GoldEventMention,
    cross_validate_threshold,
    evaluate_ecbplus,
    group_mentions,
    read_conll_key,
    read_corpus,
    subtopic_of,
)

_SENTENCES = {
    ("36_1ecb", 0): "A gunman shot two men in Oakland .",
    ("36_2ecb", 0): "Two men were shot in Oakland .",
    ("36_2ecb", 1): "Police arrested a suspect .",
    ("36_1ecbplus", 0): "A gunman shot a guard in Paris .",
}
# (document, sentence, token numbers, chain)
_EVENTS = [
    ("36_1ecb", 0, [2], "SHOOT1"),
    ("36_2ecb", 0, [3], "SHOOT1"),
    ("36_2ecb", 1, [1], "ARREST"),
    ("36_1ecbplus", 0, [2], "SHOOT2"),
]


def _setup(tmp_path):
    lines = []
    for (document, sentence), text in _SENTENCES.items():
        for number, token in enumerate(text.split()):
            lines.append(f"{document}\t{sentence}\t{number}\t{token}\t-")
    (tmp_path / "ECB_Dev_corpus.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = [{"doc_id": d, "sent_id": s, "tokens_number": t, "coref_chain": c,
               "tokens_str": " ".join(_SENTENCES[(d, s)].split()[i] for i in t)} for d, s, t, c in _EVENTS]
    (tmp_path / "ECB_Dev_Event_gold_mentions.json").write_text(json.dumps(events), encoding="utf-8")
    entities = [{"doc_id": "36_1ecb", "sent_id": 0, "tokens_number": [6], "tokens_str": "Oakland",
                 "coref_chain": "X"}]
    (tmp_path / "ECB_Dev_Entity_gold_mentions.json").write_text(json.dumps(entities), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("document, expected", [
    ("36_4ecbplus", ("36", "36_ecbplus")),
    ("2_11ecb", ("2", "2_ecb")),
])
def test_ecbplus_subtopic_of_document(document, expected):
    assert subtopic_of(document) == expected


def test_ecbplus_read_corpus_groups_tokens_by_sentence(tmp_path):
    sentences = read_corpus(_setup(tmp_path) / "ECB_Dev_corpus.txt")
    assert sentences[("36_2ecb", 1)] == ["Police", "arrested", "a", "suspect", "."]


def test_ecbplus_read_conll_key_numbers_mentions_by_line(tmp_path):
    key = tmp_path / "key.conll"
    key.write_text("#begin document (x); part 000\nx\t(1)\nx\t(2)\nx\t(1)\n#end document\n", encoding="utf-8")
    assert sorted(map(sorted, read_conll_key(key))) == [[0, 2], [1]]


@pytest.mark.slow
def test_ecbplus_lemma_baseline_on_a_miniature(tmp_path):
    result = evaluate_ecbplus(_setup(tmp_path), split="dev", method="lemma")
    # "shot" twice in sub-topic 36_ecb joins; the ecbplus "shot" stays apart (another sub-topic).
    assert result["mentions"] == 4 and result["gold_clusters"] == 3
    assert result["system_clusters"] == 3
    assert result["conll_f1"] == pytest.approx(100.0)


@pytest.mark.slow
def test_ecbplus_topic_grouping_merges_the_two_halves(tmp_path):
    result = evaluate_ecbplus(_setup(tmp_path), split="dev", method="lemma", grouping="topic")
    assert result["system_clusters"] == 2
    assert result["muc"]["precision"] == pytest.approx(50.0)


@pytest.mark.slow
def test_ecbplus_reader_sets_head_lemma_offsets_and_arguments(tmp_path):
    from consilience.evaluate.ecbplus import read_split

    mentions = read_split(_setup(tmp_path), "dev")
    first = mentions[0].mention
    assert first.lemma == "shoot"
    assert first.sentence[first.trigger_start:first.trigger_end] == "shot"
    assert first.arguments == ("Oakland",)
    assert [len(b) for b in group_mentions(mentions)] == [3, 1]


@pytest.mark.slow
def test_ecbplus_fit_weights_fits_both_passes_and_a_dev_threshold(tmp_path):
    from consilience.align.coref import FEATURES, REFINE_FEATURES
    from consilience.evaluate.ecbplus import fit_weights

    setup = _setup(tmp_path)
    for suffix in ("corpus.txt", "Event_gold_mentions.json", "Entity_gold_mentions.json"):
        (setup / f"ECB_Train_{suffix}").write_text((setup / f"ECB_Dev_{suffix}").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    fitted = fit_weights(setup, thresholds=(0.3, 0.5))
    weights = fitted["weights"]
    assert set(weights.coefficients) == set(FEATURES)
    assert set(weights.refine.coefficients) == set(REFINE_FEATURES)
    assert fitted["train_pairs"] == 3 and fitted["train_positive"] == 1  # 3 pairs in 36_ecb, none in 36_ecbplus
    assert weights.threshold in (0.3, 0.5)


@pytest.mark.slow
def test_ecbplus_reader_keeps_typed_arguments_near_the_trigger(tmp_path):
    from consilience.evaluate.ecbplus import read_split

    sentence = "Police said on Monday in a statement that a gunman shot two men in Oakland late on Friday night ."
    tokens = sentence.split()
    (tmp_path / "ECB_Dev_corpus.txt").write_text(
        "".join(f"36_1ecb\t0\t{n}\t{t}\t-\n" for n, t in enumerate(tokens)), encoding="utf-8")
    events = [{"doc_id": "36_1ecb", "sent_id": 0, "tokens_number": [10], "tokens_str": "shot", "coref_chain": "S"}]
    (tmp_path / "ECB_Dev_Event_gold_mentions.json").write_text(json.dumps(events), encoding="utf-8")
    entities = [  # (type, tokens): "Police" and "Monday" lie more than five tokens before "shot"
        {"mention_type": kind, "tokens_number": numbers, "tokens_str": " ".join(tokens[i] for i in numbers),
         "doc_id": "36_1ecb", "sent_id": 0, "coref_chain": "X"}
        for kind, numbers in [("HUM", [0]), ("TIM", [3]), ("HUM", [8, 9]), ("HUM", [11, 12]), ("LOC", [14]),
                              ("TIM", [15, 16, 17, 18])]]
    (tmp_path / "ECB_Dev_Entity_gold_mentions.json").write_text(json.dumps(entities), encoding="utf-8")
    mention = read_split(tmp_path, "dev")[0].mention
    assert len(mention.arguments) == 6  # every argument of the sentence, as text
    assert mention.nearby_arguments == (("participant", "a gunman"), ("participant", "two men"),
                                        ("place", "Oakland"), ("time", "late on Friday night"))


def test_ecbplus_cross_validate_threshold_scores_held_out_topics():
    import numpy as np

    from consilience.align.coref import FEATURES, EventMention

    # Four topics, one block each: mentions 0 and 1 share a lemma and a chain, mention 2 stands alone.
    mentions, blocks, features = [], [], []
    for topic in ("1", "2", "3", "4"):
        block = []
        for number, (lemma, chain) in enumerate([("shoot", "A"), ("shoot", "A"), ("arrest", "B")]):
            event = EventMention(f"{topic}:{number}", f"{topic}_1ecb", "s", lemma, lemma)
            block.append(len(mentions))
            mentions.append(GoldEventMention(event, f"{topic}{chain}", topic, f"{topic}_ecb"))
        blocks.append(block)
        block_features = np.zeros((3, 3, len(FEATURES)))
        block_features[0, 1, FEATURES.index("same_lemma")] = block_features[1, 0, FEATURES.index("same_lemma")] = 1.0
        features.append(block_features)
    curve = cross_validate_threshold(mentions, blocks, features, thresholds=(0.3, 0.6), folds=2)
    assert set(curve) == {0.3, 0.6}
    assert max(curve.values()) == pytest.approx(100.0)  # a fold fitted on other topics still links 0-1 only
    with pytest.raises(ValueError, match="2 or more folds"):
        cross_validate_threshold(mentions[:3], blocks[:1], features[:1], thresholds=(0.3,), folds=2)


def _tiny_cross_encoder(folder):
    """A random one-layer BERT pair classifier saved to `folder` (plumbing only: its logits mean nothing)."""
    import torch
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        BertTokenizerFast,
    )

    vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[", "]", "shot", "men", "a", "gunman"]
    tokenizer = BertTokenizerFast(vocab={word: number for number, word in enumerate(vocabulary)})
    config = BertConfig(vocab_size=len(vocabulary), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=1)
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


@pytest.mark.slow
def test_ecbplus_cross_encoder_method_follows_its_combination(tmp_path):
    from consilience.align.coref import RefineWeights
    from consilience.align.cross_encoder import Combination, write_combination
    from consilience.errors import ConsilienceError

    (tmp_path / "data").mkdir()
    setup = _setup(tmp_path / "data")
    model = _tiny_cross_encoder(tmp_path / "model")
    with pytest.raises(ConsilienceError, match="no combination.json"):
        evaluate_ecbplus(setup, split="dev", method="cross_encoder", cross_encoder=model)
    # Only the candidate flag counts: a pair of best first-pass partners is certain, any other pair
    # is not; at a cut of 0.3 the three mentions of 36_ecb (two candidate pairs) join, 36_ecbplus's
    # one mention stays alone.
    refine = RefineWeights({"pair_logit": 1.0, "neighbour_similarity": 0.0, "best_path": 0.0}, 0.0)
    write_combination(Combination(0.0, 0.0, 12.0, -6.0, refine, threshold=0.3, k=1), model / "combination.json")
    result = evaluate_ecbplus(setup, split="dev", method="cross_encoder", cross_encoder=model)
    assert (result["mentions"], result["system_clusters"]) == (4, 2)
    assert result["threshold"] == 0.3 and result["candidates_per_mention"] == 1
    write_combination(Combination(0.0, 0.0, 0.0, -6.0, refine, threshold=0.3, k=1), model / "combination.json")
    apart = evaluate_ecbplus(setup, split="dev", method="cross_encoder", cross_encoder=model)
    assert apart["system_clusters"] == 4
