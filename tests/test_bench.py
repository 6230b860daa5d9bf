"""The throughput benchmark: corpus preparation (fast) and one whole run on the demo corpus (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consilience.bench.__main__ import main
from consilience.bench.corpora import CorpusMissing, basil_report, prepare_corpus, write_copies
from consilience.ingest import read_reports
from consilience.model import Article


def test_bench_copies_survive_deduplication(tmp_path: Path):
    articles = [Article(id="x", text="Two ferries collided off Dover on Monday, the coastguard said.",
                        source="Channel Post", title="Ferries collide")]
    target = write_copies(articles, 3, tmp_path / "copies.jsonl")
    read, problems, _ = read_reports([str(target)])
    assert problems == []
    assert [a.source for a in read] == ["Channel Post #1", "Channel Post #2", "Channel Post #3"]
    assert len({a.id for a in read}) == 3


def test_bench_basil_report_keeps_metadata_and_paragraphs(tmp_path: Path):
    record = {"source": "hpo", "title": "Budget talks stall", "date": "2014-05-01",
              "body-paragraphs": [["Talks stalled on Tuesday.", "Neither side moved."], ["A vote is due in June."]]}
    path = tmp_path / "r.txt"
    path.write_text(basil_report(record), encoding="utf-8")
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert (article.source, article.title, article.published) == ("hpo", "Budget talks stall", "2014-05-01")
    assert article.text.split("\n\n") == ["Talks stalled on Tuesday. Neither side moved.", "A vote is due in June."]


def test_bench_unknown_corpus_is_reported(tmp_path: Path):
    with pytest.raises(CorpusMissing):
        prepare_corpus(str(tmp_path / "nowhere"), tmp_path)


def test_bench_demo_copies_are_one_jsonl(tmp_path: Path):
    corpus = prepare_corpus("demo", tmp_path, copies=2)
    assert corpus.copies == 2 and len(corpus.paths) == 1
    read, _, _ = read_reports([str(p) for p in corpus.paths])
    assert len(read) == 2 * len(prepare_corpus("demo", tmp_path).paths)


@pytest.mark.slow
def test_bench_throughput_demo_json(tmp_path: Path, capsys):
    out = tmp_path / "bench.json"
    status = main(["throughput", "--corpus", "demo", "--copies", "2", "--runs", "1", "--out", str(out)])
    assert status == 0
    printed = json.loads(capsys.readouterr().out)
    assert json.loads(out.read_text()) == printed
    corpus, pipeline, spacy_only = printed["corpus"], printed["pipeline"], printed["spacy_only"]
    assert corpus["copies"] == 2 and corpus["copies_used"] is True
    assert corpus["reports"] == 8 == pipeline["articles"]
    assert corpus["words_per_report_mean"] > 0
    assert len(pipeline["runs_s"]) == 1 == len(spacy_only["runs_s"])
    assert pipeline["median_s"] > 0 and spacy_only["median_s"] > 0 and printed["warmup_s"] > 0
    assert pipeline["reports_per_s"] == pytest.approx(8 / pipeline["median_s"], rel=0.01)
    assert printed["ratio_to_spacy"] == pytest.approx(pipeline["median_s"] / spacy_only["median_s"], rel=0.01)
    assert {"annotate", "claims", "stories", "align", "verdicts"} <= set(pipeline["stage_median_s"])
    assert pipeline["stories"] >= 1 and pipeline["claim_groups"] >= pipeline["stories"]
    assert pipeline["problems"] == 0
    assert printed["machine"]["cpu_count"] >= 1 and len(printed["machine"]["load_avg_before"]) == 3
    assert "git" in printed["machine"]
    assert printed["command"].endswith("throughput --corpus demo --copies 2 --runs 1 --out " + str(out))


@pytest.mark.skipif(any(Path(__file__).resolve().parents[2].joinpath("shared", "seeds").glob("*.txt")),
                    reason="the seeds are present on this machine")
def test_bench_missing_seeds_exit_nonzero(capsys):
    status = main(["throughput", "--corpus", "seeds"])
    captured = capsys.readouterr()
    assert status == 2
    assert json.loads(captured.out)["corpus"] == {"name": "seeds", "present": False}
    assert "seeds corpus not found" in captured.err
