"""JSON output: the document matches the shipped schema and carries the facts a consumer needs."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from consilience.outputs.json_report import load_schema, render_json, to_json, write_json


def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_json_report_validates_against_schema(analysis):
    errors = list(_validator().iter_errors(to_json(analysis)))
    assert errors == []


def test_json_report_hostile_text_still_validates(hostile_analysis):
    assert list(_validator().iter_errors(to_json(hostile_analysis))) == []


@pytest.mark.parametrize(
    "break_document",
    [
        lambda d: d["stories"][0]["claims"][0].__setitem__("verdict", "probably"),
        lambda d: d["stories"][0]["claims"][2]["conflicts"][0].__setitem__("values", ["only one"]),
        lambda d: d["summary"].pop("disputed"),
        lambda d: d["articles"][0].__setitem__("surprise", 1),
        lambda d: d["problems"][0].__setitem__("code", "oops"),
    ],
    ids=["bad-verdict", "one-value", "missing-count", "undocumented-field", "bad-code"],
)
def test_json_report_schema_rejects_broken_documents(analysis, break_document):
    document = to_json(analysis)
    break_document(document)
    assert list(_validator().iter_errors(document)) != []


def test_json_report_schema_describes_every_field():
    undocumented = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub and "$ref" not in sub:
                    undocumented.append(f"{where}.{name}")
                elif "$ref" in sub and "description" not in sub:
                    # a $ref to a described definition counts as described
                    target = load_schema()["$defs"][sub["$ref"].rsplit("/", 1)[-1]]
                    if "description" not in target:
                        undocumented.append(f"{where}.{name}")
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(load_schema(), "$")
    assert undocumented == []


def test_json_report_summary_counts(analysis):
    summary = to_json(analysis)["summary"]
    assert summary == {
        "inputs_read": 3,
        "articles": 2,
        "stories": 1,
        "claims": 3,
        "corroborated": 1,
        "single-source": 1,
        "disputed": 1,
        "extracted_claims": 5,
        "problems": 1,
        "errors": 1,
        "warnings": 0,
    }


def test_json_report_claim_group_lineage_and_origins(analysis):
    group = to_json(analysis)["stories"][0]["claims"][0]
    assert group["verdict"] == "corroborated"
    assert group["independent_origins"] == 2
    assert "Reuters" in group["origins"]
    assert group["lineage"][1] == ["Evening Post", "Reuters"]
    assert [m["source"] for m in group["mentions"]] == ["Daily Ledger", "Evening Post"]
    assert group["mentions"][1]["attribution"] == [
        {"source": "Reuters", "cue": "reported", "origin": "reuters", "kind": "wire"},
        {"source": "the Homs governor", "cue": "said", "origin": "homs governor", "kind": "official"},
    ]


def test_json_report_conflict_has_both_mentions_and_values(analysis):
    conflict = to_json(analysis)["stories"][0]["claims"][2]["conflicts"][0]
    assert conflict["kind"] == "actor"
    assert conflict["a"]["text"] == "Rebel fighters entered the city centre"
    assert conflict["b"]["text"] == "Government troops entered the city centre"
    # the model left b.source unset: the outlet comes from the article
    assert (conflict["a"]["source"], conflict["b"]["source"]) == ("Daily Ledger", "Evening Post")
    assert conflict["values"] == ["rebel fighters", "government troops"]


def test_json_report_mention_carries_claim_facts(analysis):
    mention = to_json(analysis)["stories"][0]["claims"][0]["mentions"][0]
    facts = mention["facts"]
    assert facts["actors"] == ["fighters"]
    assert facts["action"] == "enter"
    assert facts["places"] == ["Homs"]
    assert facts["times"] == ["2024-12-05"]


def test_json_report_mention_of_unknown_claim_has_null_facts(analysis):
    analysis.stories[0].claims[1].mentions[0].claim = "no-such-claim"
    document = to_json(analysis)
    assert document["stories"][0]["claims"][1]["mentions"][0]["facts"] is None
    assert list(_validator().iter_errors(document)) == []


def test_json_report_article_places_times_and_claim_count(analysis):
    article = to_json(analysis)["articles"][0]
    assert article["claim_count"] == 3
    assert article["places"][0] == {
        "text": "Homs", "name": "Homs", "geonameid": 169577, "lat": 34.72682, "lon": 36.72339,
        "country_code": "SY", "start": 23, "end": 27,
    }
    assert article["places"][1]["name"] is None and article["places"][1]["text"] == "Old Quarter"
    assert article["times"] == [{"text": "Thursday", "value": "2024-12-05", "type": "DATE", "start": 31, "end": 39}]


def test_json_report_write_json_round_trips(analysis, tmp_path):
    path = write_json(analysis, tmp_path / "result.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_json(analysis)
    assert render_json(analysis).endswith("\n")
