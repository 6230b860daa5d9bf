import json

from consilience.ingest import read_reports
from consilience.ingest.folder import list_reports

BODY_A = "Rebel fighters entered the city of Hama on Thursday, the opposition said in a statement."
BODY_B = "The army said it had moved its units outside the city to protect the lives of civilians."
BODY_C = "A resident said crowds had gathered near the main square by the afternoon on Thursday."


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text(BODY_B, encoding="utf-8")
    (tmp_path / "a.md").write_text(BODY_A, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"text": BODY_C}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY_C + " Hidden.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    articles, problems, read = read_reports([str(tmp_path)])
    assert problems == []
    assert read == 3
    assert [a.path for a in articles] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.jsonl") + "#row=1",
    ]


def test_folder_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page.saved").write_text(
        f"<!DOCTYPE html><html><body><article><p>{BODY_A} {BODY_B}</p></article></body></html>", encoding="utf-8"
    )
    (tmp_path / "notes").write_text(BODY_C, encoding="utf-8")
    (tmp_path / "data.bin").write_bytes(bytes(range(256)))
    (tmp_path / "config.json").write_text('[1, 2, 3]', encoding="utf-8")
    listing = list_reports(str(tmp_path))
    assert listing.reports == [(str(tmp_path / "notes"), "text"), (str(tmp_path / "page.saved"), "html")]
    assert sorted(listing.skipped) == [str(tmp_path / "config.json"), str(tmp_path / "data.bin")]


def test_folder_without_reports_is_e002(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    articles, [problem], read = read_reports([str(tmp_path)])
    assert articles == []
    assert read == 1
    assert (problem.code, problem.input) == ("E002", str(tmp_path))
    assert "1 other file skipped" in problem.message


def test_folder_empty_is_e002(tmp_path):
    _, [problem], _ = read_reports([str(tmp_path)])
    assert problem.code == "E002"
    assert "no files" in problem.message


def test_folder_copy_of_a_file_is_stored_once(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(BODY_A, encoding="utf-8")
    (tmp_path / "reports" / "a copy.txt").write_text(BODY_A + "\n", encoding="utf-8")
    articles, [problem], read = read_reports([str(tmp_path / "reports")])
    assert read == 2
    assert [a.path for a in articles] == [str(tmp_path / "reports" / "a copy.txt")]
    assert (problem.code, problem.severity) == ("W001", "warning")
    assert problem.input == str(tmp_path / "reports" / "a.txt")
    assert str(tmp_path / "reports" / "a copy.txt") in problem.message


def test_folder_and_file_inside_it_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(BODY_A, encoding="utf-8")
    articles, problems, read = read_reports([str(tmp_path / "a.txt"), str(tmp_path)])
    assert len(articles) == 1
    assert [p.code for p in problems] == ["W001"]
    assert read == 2
