"""The BASIL verdict label set (schema, span hashes) and the pair scoring, on hand-built analyses."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from consilience.evaluate.verdicts import (
    LABEL_FILES,
    LABELS,
    LABELS_FILE,
    SPLITS,
    claims_at,
    evaluate_verdicts,
    event_articles,
    predict_pair,
    read_labels,
    read_texts,
    score_predictions,
    span_sha1,
    write_reports,
)
from consilience.errors import ConsilienceError
from consilience.model import Analysis, Article, Claim, ClaimGroup, Conflict, Mention, Story

BASIL = Path("/work/shared/eval/basil")
_REFERENCE_KEYS = {"id", "event", "year", "article", "sha1"}


def _rows() -> list[dict]:
    return [json.loads(line) for line in LABELS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_verdicts_label_file_has_the_fields_and_enough_rows():
    rows = _rows()
    assert len(rows) >= 30
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert {"id", "event", "year", "a", "b", "label"} <= set(row)
        assert row["label"] in LABELS
        assert "2015" <= row["year"] <= "2019"  # the test half of BASIL
        for side in (row["a"], row["b"]):
            assert set(side) == {"article", "start", "end", "sha1"}
            assert side["article"].startswith(row["event"] + "_")
            assert 0 <= side["start"] < side["end"]
        assert row["a"]["article"] != row["b"]["article"]
    assert {r["label"] for r in rows} == set(LABELS)
    assert read_labels() and len(read_labels()) == len(rows)


def test_verdicts_label_file_stores_no_article_text():
    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, str):
            yield key, value

    for row in _rows():
        for key, value in walk(row):
            if key not in _REFERENCE_KEYS:
                assert len(value) <= 80, (row["id"], key)


def test_verdicts_read_labels_rejects_an_unknown_label(tmp_path):
    row = _rows()[0] | {"label": "maybe"}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ConsilienceError, match="maybe"):
        read_labels(path)


@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL data not available")
def test_verdicts_span_hashes_match_the_ingested_text():
    rows = _rows()
    with tempfile.TemporaryDirectory() as tmp:
        for year, event in sorted({(r["year"], r["event"]) for r in rows}):
            texts = read_texts(write_reports(BASIL, year, event_articles(BASIL, year, event), Path(tmp) / event))
            for row in (r for r in rows if r["event"] == event):
                for side in (row["a"], row["b"]):
                    span = texts[side["article"]][side["start"]:side["end"]]
                    assert span_sha1(span) == side["sha1"], (row["id"], side["article"])


# --- scoring on hand-built analyses: no models -----------------------------------------------


def _claim(cid: str, article: str, start: int, end: int) -> Claim:
    return Claim(id=cid, article_id=article, text="x", start=start, end=end, sentence=0)


def _mention(claim: Claim) -> Mention:
    return Mention(article=claim.article_id, claim=claim.id, text="x", start=claim.start, end=claim.end)


@pytest.fixture
def analysis() -> Analysis:
    """Two reports; a1/b1 corroborated, a2/b2 disputed with a conflict, a3/b3 disputed without one."""
    a = [_claim("a1", "A", 0, 10), _claim("a2", "A", 11, 20), _claim("a3", "A", 21, 30), _claim("a4", "A", 31, 40)]
    b = [_claim("b1", "B", 0, 10), _claim("b2", "B", 11, 20), _claim("b3", "B", 21, 30), _claim("b4", "B", 31, 40)]
    groups = [
        ClaimGroup("g1", "s", [_mention(a[0]), _mention(b[0])], verdict="corroborated"),
        ClaimGroup("g2", "s", [_mention(a[1]), _mention(b[1])], verdict="disputed",
                   conflicts=[Conflict("number", _mention(b[1]), _mention(a[1]), "differs")]),
        ClaimGroup("g3", "s", [_mention(a[2]), _mention(b[2]), _mention(b[3])], verdict="disputed",
                   conflicts=[Conflict("date", _mention(b[2]), _mention(b[3]), "differs")]),
        ClaimGroup("g4", "s", [_mention(a[3])]),
    ]
    return Analysis(articles=[Article("A", "t" * 40, "fox", claims=a), Article("B", "t" * 40, "nyt", claims=b)],
                    stories=[Story("s1", "story", ["A", "B"], claims=groups)])


def test_verdicts_claims_at_takes_every_overlapping_claim(analysis):
    assert claims_at(analysis, "A", 5, 15) == {"a1", "a2"}
    assert claims_at(analysis, "A", 10, 11) == set()


@pytest.mark.parametrize("a, b, expected", [
    ({"a1"}, {"b1"}, ("agree", "agree")),
    ({"a2"}, {"b2"}, ("conflict", "conflict")),  # the conflict runs b -> a: order must not matter
    ({"a3"}, {"b3"}, ("agree", "conflict")),  # disputed group, but the conflict is between b3 and b4
    ({"a4"}, {"b4"}, ("unrelated", "unrelated")),
    ({"a1"}, {"b2"}, ("unrelated", "unrelated")),
    ({"a1", "a2"}, {"b1", "b2"}, ("conflict", "conflict")),  # a conflict wins over an agreement
    (set(), {"b1"}, ("unrelated", "unrelated")),
])
def test_verdicts_predict_pair(analysis, a, b, expected):
    assert predict_pair(analysis, a, b) == expected


def test_verdicts_score_predictions_counts_precision_recall_and_confusion():
    gold = ["conflict", "conflict", "agree", "agree", "unrelated"]
    predicted = ["conflict", "agree", "agree", "conflict", "unrelated"]
    scores = score_predictions(gold, predicted)
    assert scores["disputed"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "system": 2, "gold": 2, "correct": 1}
    assert scores["corroborated"]["precision"] == 0.5
    assert scores["accuracy"] == 0.6
    assert scores["confusion"]["agree"]["conflict"] == 1
    assert sum(sum(row.values()) for row in scores["confusion"].values()) == 5
    assert Counter(score_predictions([], [])["disputed"].values())[0] >= 3


# --- the dev split: its own label file, drawn from 2010-2014 ----------------------------------


def _dev_rows() -> list[dict]:
    return [json.loads(line) for line in LABEL_FILES["dev"].read_text(encoding="utf-8").splitlines() if line.strip()]


def test_verdicts_dev_label_file_is_its_own_half_of_basil():
    rows = _dev_rows()
    assert len(rows) >= 40
    assert set(SPLITS) == {"dev", "test"} and LABEL_FILES["test"] == LABELS_FILE
    assert all(r["year"] in SPLITS["dev"] for r in rows)
    assert not {r["event"] for r in rows} & {r["event"] for r in _rows()}
    assert {r["label"] for r in rows} == set(LABELS)
    assert len({r["id"] for r in rows} | {r["id"] for r in _rows()}) == len(rows) + len(_rows())
    assert sum(r["label"] == "conflict" for r in rows) >= 10
    assert all(r.get("kind") for r in rows if r["label"] == "conflict")
    assert len(read_labels(LABEL_FILES["dev"])) == len(rows)


def test_verdicts_dev_label_file_stores_no_article_text():
    for row in _dev_rows():
        assert set(row) <= {"id", "event", "year", "a", "b", "label", "kind", "note"}
        assert len(row["note"]) <= 80
        for side in (row["a"], row["b"]):
            assert set(side) == {"article", "start", "end", "sha1"}
            assert side["article"].startswith(row["event"] + "_")


def test_verdicts_unknown_split_is_refused():
    with pytest.raises(ConsilienceError, match="train"):
        evaluate_verdicts(BASIL, split="train")


@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL data not available")
def test_verdicts_dev_span_hashes_match_the_ingested_text():
    rows = _dev_rows()
    with tempfile.TemporaryDirectory() as tmp:
        for year, event in sorted({(r["year"], r["event"]) for r in rows}):
            texts = read_texts(write_reports(BASIL, year, event_articles(BASIL, year, event), Path(tmp) / event))
            for row in (r for r in rows if r["event"] == event):
                for side in (row["a"], row["b"]):
                    assert span_sha1(texts[side["article"]][side["start"]:side["end"]]) == side["sha1"], row["id"]
