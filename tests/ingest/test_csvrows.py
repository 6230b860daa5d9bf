import csv

from consilience.ingest import IngestOptions, read_reports

TEXT_A = "The council approved the new budget on Monday after a long debate, officials said."
TEXT_B = "Dock workers at the main port stayed off the job for an eighth day, union leaders said."


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


def test_csvrows_reads_records_with_header_names(tmp_path):
    path = write_csv(tmp_path / "corpus.csv", [
        ["headline", "outlet", "pubdate", "content"],
        ["Budget passes", "City Gazette", "2024-12-02", TEXT_A],
        ["", "", "", "Line one of the report, the mayor said.\nLine two, with a comma, follows here."],
    ])
    articles, problems, read = read_reports([path])
    assert problems == []
    assert read == 2
    first, second = articles
    assert (first.title, first.source, first.published, first.text) == ("Budget passes", "City Gazette", "2024-12-02", TEXT_A)
    assert first.path == f"{path}#row=2"  # the header is row 1, as a spreadsheet shows
    assert (second.title, second.source, second.published) == (None, "corpus", None)
    assert "\nLine two, with a comma" in second.text


def test_csvrows_malformed_rows_are_e008(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "text,source\n"
        f'"{TEXT_A}",City Gazette\n'
        "only one field\n"
        f'"{TEXT_B}",Harbour Times,extra\n'
        f'"{TEXT_B}",Harbour Times\n',
        encoding="utf-8",
    )
    articles, problems, read = read_reports([str(path)])
    assert [a.source for a in articles] == ["City Gazette", "Harbour Times"]
    assert [(p.code, p.input) for p in problems] == [("E008", f"{path}#row=3"), ("E008", f"{path}#row=4")]
    assert "1 fields where the header has 2" in problems[0].message
    assert read == 4


def test_csvrows_without_text_column_is_one_e008(tmp_path):
    path = write_csv(tmp_path / "c.csv", [["name", "value"], ["a", "b"], ["c", "d"]])
    articles, [problem], read = read_reports([path])
    assert articles == []
    assert read == 1
    assert (problem.code, problem.input) == ("E008", path)
    assert "no text column" in problem.message


def test_csvrows_oversized_field_is_e008_and_reading_goes_on(tmp_path):
    path = write_csv(tmp_path / "c.csv", [["text"], ["word " * 30000], [TEXT_A]])
    articles, [problem], _ = read_reports([path])
    assert [a.text for a in articles] == [TEXT_A]
    assert (problem.code, problem.input) == ("E008", f"{path}#row=2")


def test_csvrows_row_over_row_limit_is_e008(tmp_path):
    path = write_csv(tmp_path / "c.csv", [["text"], ["word " * 400], [TEXT_A]])
    articles, [problem], _ = read_reports([path], IngestOptions(max_row_bytes=1000))
    assert [a.text for a in articles] == [TEXT_A]
    assert "row limit" in problem.message


def test_csvrows_bom_header_is_recognised(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(("\ufefftext,source\n" f'"{TEXT_A}",City Gazette\n').encode("utf-8"))
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert article.source == "City Gazette"
