"""Training the cue scorer (claims.train_cues) on tiny hand-written examples."""

from __future__ import annotations

import json

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from consilience.claims.cue_model import CueModel, cue_features, load_cue_model
from consilience.claims.train_cues import (
    Examples,
    annotation_files,
    fit_context_stage,
    fit_cue_model,
    label_tokens,
    main,
    training_examples,
)


def _hand_parsed(words, pos, heads, deps, lemmas):
    """A Doc with a parse written by hand (no model needed)."""
    return Doc(Vocab(), words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


def _rally():
    # "Trump slammed the deal and left ." : "slammed" is the cue, "left" is not
    return _hand_parsed(
        ["Trump", "slammed", "the", "deal", "and", "left", "."],
        ["PROPN", "VERB", "DET", "NOUN", "CCONJ", "VERB", "PUNCT"],
        [1, 1, 3, 1, 1, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "cc", "conj", "punct"],
        ["Trump", "slam", "the", "deal", "and", "leave", "."],
    )


def test_train_cues_label_tokens_marks_the_head_of_each_cue_span():
    doc = _rally()
    labels = label_tokens(doc, [(6, 13)])  # "slammed"
    assert labels == {1: True, 5: False}


def test_train_cues_label_tokens_leaves_out_non_heads_inside_a_cue():
    # "did not address": "address" heads the span, the auxiliary "did" is neither cue nor non-cue
    doc = _hand_parsed(["He", "did", "not", "address", "it"], ["PRON", "AUX", "PART", "VERB", "PRON"],
                       [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"], ["he", "do", "not", "address", "it"])
    assert label_tokens(doc, [(3, 18)]) == {3: True}


def test_train_cues_fit_learns_which_features_mark_a_cue():
    cue = ["l=slam", "c=nsubj", "c=dobj"]
    other = ["l=leave", "c=nsubj"]
    model = fit_cue_model(Examples([cue, other] * 20, [True, False] * 20), regularization=10.0)
    assert model.weights["l=slam"] > 0 > model.weights["l=leave"]
    assert model.bias + sum(model.weights.get(f, 0.0) for f in cue) > 0
    assert model.bias + sum(model.weights.get(f, 0.0) for f in other) < 0


def test_train_cues_fit_refuses_one_class():
    with pytest.raises(ValueError):
        fit_cue_model(Examples([["l=say"]] * 3, [True] * 3))


def test_train_cues_learns_from_hand_parsed_documents():
    docs = [_rally()] * 10
    examples = training_examples(docs, [[(6, 13)]] * 10)
    assert examples.labels.count(True) == 10 and examples.labels.count(False) == 10
    model = fit_cue_model(examples, regularization=10.0)
    doc = _rally()
    assert model.probability(doc[1], []) > 0.5 > model.probability(doc[5], [])


def test_cue_model_round_trips_through_json(tmp_path):
    model = CueModel({"l=slam": 1.25, "c=dobj": -0.5}, -0.75, 0.4, 0.1)
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert load_cue_model(path) == model


def test_cue_model_shipped_weights_are_small_and_load():
    model = load_cue_model()
    assert 0.0 <= model.drop_below < model.threshold < 1.0
    assert 1000 < len(model.weights) < 20000
    # a verb of the reporting lists starts ahead of one no list names
    assert model.weights["list=cue"] > 0 > model.weights["list=none"]


@pytest.mark.slow
def test_train_cues_command_trains_on_a_miniature_corpus(tmp_path):
    texts = {
        "a": "The senator slammed the deal. She left early.",
        "b": "The governor slammed the plan. He walked out.",
        "c": "Critics slammed the bill. They went home.",
    }
    for folder in ("text", "attributions"):
        (tmp_path / "data/train" / folder).mkdir(parents=True)
    for name, text in texts.items():
        (tmp_path / f"data/train/text/{name}.txt").write_text(text, encoding="utf-8")
        start = text.index("slammed")
        end = text.index(".")
        ann = "\n".join([f"T1\tSource 0 {start - 1}\tx", f"T2\tCue {start} {start + 7}\tslammed",
                         f"T3\tContent {start + 8} {end}\tx", f"T4\tAttribution {start} {start + 7}\tslammed",
                         "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1"])
        (tmp_path / f"data/train/attributions/{name}_ab12.ann").write_text(ann, encoding="utf-8")
    out = tmp_path / "cues.json"
    main(["--data", str(tmp_path), "--out", str(out), "--regularization", "10", "--min-count", "1"])
    model = load_cue_model(out)
    assert model.weights["l=slam"] > 0


def test_cue_model_features_name_the_verbs_arguments():
    doc = _rally()
    features = cue_features(doc[1], [])  # "slammed": a proper-noun subject and a noun object
    assert {"lshape=slam|subj|dobj", "subj=PROPN", "obj=deal", "lobj=slam|deal", "othercue=False"} <= set(features)
    assert "lshape=leave|nosubj|bare" in cue_features(doc[5], [])


def test_train_cues_annotation_files_lists_every_annotator(tmp_path):
    for folder in ("text", "attributions"):
        (tmp_path / folder).mkdir()
    text = tmp_path / "text" / "a.txt"
    text.write_text("x", encoding="utf-8")
    for name in ("a_cd34.ann", "a_ab12.ann", "ab_ef56.ann"):
        (tmp_path / "attributions" / name).write_text("", encoding="utf-8")
    assert [path.name for path in annotation_files(text)] == ["a_ab12.ann", "a_cd34.ann"]


def test_train_cues_context_stage_learns_the_direction_that_marks_a_cue():
    rng = np.random.default_rng(0)
    labels = rng.random(400) < 0.3
    vectors = rng.normal(size=(400, 3)).astype(np.float32)
    vectors[:, 0] += np.where(labels, 2.0, -2.0)  # only the first dimension tells cues apart
    logits = np.zeros(400)
    stage = fit_context_stage(logits, vectors, labels.tolist(), (4,), regularization=1.0)
    assert stage.layers == (4,)
    assert stage.weights[0] > 1.0 > abs(stage.weights[1]) + abs(stage.weights[2])
    assert (stage.logits(vectors[labels]) > 0).mean() > 0.9


def test_train_cues_fit_with_context_cross_fits_over_articles():
    cue = ["l=slam", "c=nsubj", "c=dobj"]
    other = ["l=leave", "c=nsubj"]
    # 10 articles, each with one cue and one non-cue verb; the vectors agree with the labels
    examples = Examples([cue, other] * 10, [True, False] * 10, [k // 2 for k in range(20)],
                        [np.array([1.0, 0.0] if k % 2 == 0 else [-1.0, 0.0], dtype=np.float32) for k in range(20)])
    model = fit_cue_model(examples, regularization=10.0, context_layers=(4,), context_regularization=10.0)
    assert model.context is not None and model.context.sparse_weight > 0
    assert model.context.logits(np.array([[1.0, 0.0]], dtype=np.float32))[0] > \
        model.context.logits(np.array([[-1.0, 0.0]], dtype=np.float32))[0]


def test_train_cues_context_stage_needs_a_vector_per_example():
    with pytest.raises(ValueError, match="vector"):
        fit_cue_model(Examples([["l=say"], ["l=go"]] * 4, [True, False] * 4, [0, 0, 1, 1] * 2), context_layers=(4,))
