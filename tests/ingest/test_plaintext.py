from consilience.ingest import read_reports

BODY = (
    "Rebel fighters entered the central Syrian city of Hama on Thursday, the opposition said.\n\n"
    "The army said it had moved its units outside the city to protect civilians."
)


def test_plaintext_without_metadata_uses_file_stem_and_no_date(tmp_path):
    path = tmp_path / "ledger-hama.txt"
    path.write_text(BODY, encoding="utf-8")
    articles, problems, read = read_reports([str(path)])
    assert problems == []
    assert read == 1
    [article] = articles
    assert article.source == "ledger-hama"
    assert article.published is None
    assert article.title is None
    assert article.text == BODY
    assert article.path == str(path)
    assert article.language == "en"


def test_plaintext_front_matter_fills_metadata(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Rebels enter Hama\nsource: Northern Ledger\ndate: 5 December 2024\n---\n{BODY}\n", encoding="utf-8")
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert (article.title, article.source, article.published) == ("Rebels enter Hama", "Northern Ledger", "2024-12-05")
    assert article.text == BODY


def test_plaintext_header_lines_fill_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Headline: Rebels enter Hama\nPublisher: Northern Ledger\nPublished: 2024-12-05\n\n{BODY}", encoding="utf-8")
    [article], _, _ = read_reports([str(path)])
    assert (article.title, article.source, article.published) == ("Rebels enter Hama", "Northern Ledger", "2024-12-05")


def test_plaintext_unreadable_date_is_unknown_with_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Date: sometime last week\n\n{BODY}", encoding="utf-8")
    [article], problems, _ = read_reports([str(path)])
    assert article.published is None
    [warning] = problems
    assert (warning.code, warning.severity) == ("W002", "warning")
    assert "sometime last week" in warning.message


def test_plaintext_relative_path_is_kept_as_given(tmp_path, monkeypatch):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [article], _, _ = read_reports(["reports/a.txt"])
    assert article.path == "reports/a.txt"


def test_plaintext_crlf_is_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.replace("\n", "\r\n").encode("utf-8"))
    [article], _, _ = read_reports([str(path)])
    assert "\r" not in article.text
    assert article.text == BODY
