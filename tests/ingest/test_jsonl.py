import json

from consilience.ingest import CorpusFields, IngestOptions, read_reports

TEXT_A = "The council approved the new budget on Monday after a long debate, officials said."
TEXT_B = "Dock workers at the main port stayed off the job for an eighth day, union leaders said."


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_reads_rows_with_metadata(tmp_path):
    path = write_lines(tmp_path / "corpus.jsonl", [
        json.dumps({"text": TEXT_A, "title": "Budget passes", "source": "City Gazette", "published": "2024-12-02", "url": "https://g.example/1"}),
        json.dumps({"text": TEXT_B}),
    ])
    articles, problems, read = read_reports([path])
    assert problems == []
    assert read == 2
    first, second = articles
    assert (first.title, first.source, first.published, first.url) == ("Budget passes", "City Gazette", "2024-12-02", "https://g.example/1")
    assert first.path == f"{path}#row=1"
    assert second.source == "corpus"  # no outlet in the row: the file name stem
    assert second.published is None
    assert second.path == f"{path}#row=2"


def test_jsonl_aliases_are_used_when_configured_names_are_absent(tmp_path):
    path = write_lines(tmp_path / "c.ndjson", [
        json.dumps({"body": TEXT_A, "headline": "Budget passes", "outlet": "City Gazette", "date": "2 December 2024"}),
    ])
    [article], problems, _ = read_reports([path])
    assert problems == []
    assert (article.text, article.title, article.source, article.published) == (TEXT_A, "Budget passes", "City Gazette", "2024-12-02")


def test_jsonl_configured_field_names(tmp_path):
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"story": TEXT_A, "paper": "City Gazette", "text": "ignored"})])
    options = IngestOptions(fields=CorpusFields(text="story", source="paper"))
    [article], _, _ = read_reports([path], options)
    assert (article.text, article.source) == (TEXT_A, "City Gazette")


def test_jsonl_malformed_rows_are_e008_and_others_still_read(tmp_path):
    path = write_lines(tmp_path / "c.jsonl", [
        json.dumps({"text": TEXT_A}),
        '{"text": "unterminated',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": TEXT_B, "source": 17}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": TEXT_B}),
    ])
    articles, problems, read = read_reports([path])
    assert [a.path for a in articles] == [f"{path}#row=1", f"{path}#row=7"]
    assert [(p.code, p.input) for p in problems] == [(f"E008", f"{path}#row={n}") for n in (2, 3, 4, 5)]
    assert "row 2 is malformed (bad JSON" in problems[0].message
    assert "no text field" in problems[1].message
    assert "'source' is a number" in problems[2].message
    assert "expected a JSON object" in problems[3].message
    assert read == 6  # the blank line is not a row


def test_jsonl_row_over_limit_is_skipped_without_loading_it(tmp_path):
    long_text = "word " * 5000
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"text": long_text}), json.dumps({"text": TEXT_A})])
    articles, [problem], _ = read_reports([path], IngestOptions(max_row_bytes=1000))
    assert [a.text for a in articles] == [TEXT_A]
    assert problem.code == "E008"
    assert problem.input == f"{path}#row=1"
    assert "row limit" in problem.message


def test_jsonl_row_checks_apply_per_row(tmp_path):
    path = write_lines(tmp_path / "c.jsonl", [
        json.dumps({"text": "Too short."}),
        json.dumps({"text": "Le gouvernement a annoncé mardi que les troupes seront retirées de la ville."}),
        json.dumps({"text": ""}),
    ])
    articles, problems, _ = read_reports([path])
    assert articles == []
    assert [(p.code, p.input) for p in problems] == [
        ("E011", f"{path}#row=1"),
        ("E009", f"{path}#row=2"),
        ("E011", f"{path}#row=3"),
    ]


def test_jsonl_corpus_may_exceed_the_file_limit(tmp_path):
    rows = [json.dumps({"text": f"{TEXT_A} Report number {n}."}) for n in range(50)]
    path = write_lines(tmp_path / "big.jsonl", rows)
    articles, problems, read = read_reports([path], IngestOptions(max_file_bytes=1000))
    assert problems == []
    assert (len(articles), read) == (50, 50)


def test_jsonl_without_extension_is_sniffed(tmp_path):
    path = write_lines(tmp_path / "export", [json.dumps({"text": TEXT_A}), json.dumps({"text": TEXT_B})])
    articles, problems, _ = read_reports([path])
    assert problems == []
    assert [a.path for a in articles] == [f"{path}#row=1", f"{path}#row=2"]
