"""Scoring attribution on PolNeAR-style BRAT files (hand-written miniature corpus)."""

from __future__ import annotations

import json

import pytest

from consilience.errors import ConsilienceError
from consilience.evaluate.polnear import (
    Relation,
    _polnear_content,
    _univocal,
    evaluate_polnear,
    predict_relations,
    read_annotations,
    relation_errors,
)

_TEXT = "The mayor said that the bridge would reopen. Rain fell all day."
_ANN = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 43\tthat the bridge would reopen",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tDiscuss 45 49\tRain",
])


def _corpus(tmp_path, ann=_ANN):
    for folder in ("text", "attributions"):
        (tmp_path / "data/test" / folder).mkdir(parents=True)
    (tmp_path / "data/test/text/demo.txt").write_text(_TEXT, encoding="utf-8")
    (tmp_path / "data/test/attributions/demo_ab12.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_polnear_read_annotations_keeps_relations_only(tmp_path):
    relations = read_annotations(_corpus(tmp_path) / "data/test/attributions/demo_ab12.ann")
    assert len(relations) == 1
    assert relations[0].source == (0, 9)
    assert _TEXT[slice(*relations[0].content)] == "that the bridge would reopen"


def test_polnear_discontiguous_content_is_read_as_its_extent(tmp_path):
    ann = "T1\tCue 10 14\tsaid\nT2\tContent 15 20;25 43\tx\nT3\tAttribution-no-source 10 14\tsaid\n" \
          "E1\tAttribution-no-source:T3 Content:T2 Cue:T1"
    relations = read_annotations(_corpus(tmp_path, ann) / "data/test/attributions/demo_ab12.ann")
    assert [(r.source, r.content) for r in relations] == [(None, (15, 43))]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("He said that troops left.", (13, 24), "that troops left"),
        ('"We stay," he said.', (1, 8), '"We stay,"'),
        ("He said troops left.", (8, 19), "troops left"),
    ],
)
def test_polnear_content_widened_to_corpus_conventions(text, span, expected):
    start, end = _polnear_content(text, *span)
    assert text[start:end] == expected


@pytest.mark.slow
def test_polnear_scores_a_perfect_document(tmp_path):
    scores = evaluate_polnear(_corpus(tmp_path), split="test")
    assert scores["documents"] == 1
    assert scores["source"]["exact"]["f1"] == 1.0
    assert scores["cue"]["exact"]["f1"] == 1.0
    assert scores["content"]["exact"]["f1"] == 1.0
    assert scores["relation"]["f1"] == 1.0


def test_polnear_unknown_split_is_an_argument_error(tmp_path):
    with pytest.raises(ConsilienceError):
        evaluate_polnear(tmp_path, split="validation")


def test_polnear_relation_errors_list_missed_and_spurious_with_text():
    gold = [Relation((0, 9), (10, 14), (15, 43))]
    system = [Relation((0, 9), (10, 14), (20, 43)), Relation(None, (45, 49), (50, 53))]
    errors = relation_errors("demo", _TEXT, system, gold)
    assert [(e["kind"], e["cue"], e["source"]) for e in errors] == [("spurious", "Rain", None)]
    errors = relation_errors("demo", _TEXT, [], gold)
    assert [(e["kind"], e["source"], e["content"]) for e in errors] == [
        ("missed", "The mayor", "that the bridge would reopen")]


@pytest.mark.slow
def test_polnear_error_dump_names_every_unmatched_relation(tmp_path):
    ann = _ANN + "\nT6\tCue 50 54\tfell\nT7\tContent 55 62\tall day\nT8\tAttribution 50 54\tfell\n" \
                 "E2\tAttribution:T8 Content:T7 Cue:T6"
    dump = tmp_path / "errors.jsonl"
    scores = evaluate_polnear(_corpus(tmp_path, ann), split="test", errors=dump)
    lines = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert scores["relation"]["gold"] == 2
    assert [(e["kind"], e["cue"]) for e in lines] == [("missed", "fell")]


def test_polnear_univocal_drops_a_cue_inside_another_relations_content():
    # '"I think we will win," Pence said.': the quotation is Pence's; "think" inside it is no relation
    outer = Relation(source=(26, 31), cue=(32, 36), content=(1, 23))
    inner = Relation(source=(1, 2), cue=(3, 8), content=(9, 23))
    separate = Relation(source=(40, 45), cue=(46, 52), content=(53, 70))
    assert _univocal([outer, inner, separate]) == [outer, separate]


@pytest.mark.slow
def test_polnear_according_to_credits_its_own_source_whatever_the_case():
    # the chain is [Yahoo News (according to), the spokesman (said)]; the cue "According to" is where Yahoo speaks
    from consilience.annotate.nlp import load_nlp

    doc = load_nlp()("According to Yahoo News, the spokesman said that the plan would work.")
    assert [(doc.text[slice(*r.source)], doc.text[slice(*r.cue)]) for r in predict_relations(doc)] == [
        ("Yahoo News", "According to")]


@pytest.mark.slow
def test_polnear_predict_relations_binds_a_context_cue_model_to_each_document():
    import numpy as np

    from consilience.annotate.nlp import load_nlp
    from consilience.claims.cue_model import ContextWeights, CueModel

    doc = load_nlp()(_TEXT)
    plain = CueModel({}, 0.0, 0.45, 0.25)
    # a context stage sure that no verb is a cue: the listed "said" is dropped
    doubting = ContextWeights((4,), np.zeros(384, dtype=np.float32), np.ones(384, dtype=np.float32),
                              np.zeros(384, dtype=np.float32), 0.0, -30.0)
    assert [doc.text[slice(*r.cue)] for r in predict_relations(doc, plain)] == ["said"]
    assert predict_relations(doc, CueModel({}, 0.0, 0.45, 0.25, doubting)) == []
