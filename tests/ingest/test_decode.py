import pytest

from consilience.ingest import IngestOptions, read_reports
from consilience.ingest.decode import binary_reason

BODY = "Rebel fighters entered the city of Hama on Thursday, the army said in a statement."


def read_one_problem(path, options=None):
    articles, problems, read = read_reports([str(path)], options)
    assert articles == []
    assert read == 1
    [problem] = problems
    return problem


def test_decode_missing_path_is_e001(tmp_path):
    problem = read_one_problem(tmp_path / "nowhere.txt")
    assert (problem.code, problem.input) == ("E001", str(tmp_path / "nowhere.txt"))


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", "\ufeff \n".encode("utf-8")])
def test_decode_empty_file_is_e003(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_one_problem(path).code == "E003"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"Some words\x00\x00\x00then nulls", "NUL"),
        (bytes(range(1, 9)) * 20 + b"a few letters", "control characters"),
    ],
)
def test_decode_binary_file_is_e004(tmp_path, content, reason):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    problem = read_one_problem(path)
    assert problem.code == "E004"
    assert reason in problem.message


def test_decode_binary_without_extension_is_e004(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(bytes(range(256)) * 10)
    assert read_one_problem(path).code == "E004"


def test_decode_mostly_non_utf8_bytes_is_e005(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4 + b" the army said")
    problem = read_one_problem(path)
    assert problem.code == "E005"
    assert "not UTF-8" in problem.message


def test_decode_cp1252_with_few_accents_is_read_with_warning(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(("The caf\u00e9 owner said \u201cwe will reopen\u201d after repairs finish next week.").encode("cp1252"))
    [article], [warning], _ = read_reports([str(path)])
    assert "caf\u00e9" in article.text and "\u201cwe will reopen\u201d" in article.text
    assert (warning.code, warning.severity) == ("W002", "warning")
    assert "Windows-1252" in warning.message


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_decode_bom_encodings_are_read(tmp_path, codec):
    path = tmp_path / "bom.txt"
    path.write_bytes(BODY.encode(codec))
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert article.text == BODY


def test_decode_file_over_limit_is_e010_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda file, *a, **k: opened.append(str(file)) or real_open(file, *a, **k))
    problem = read_one_problem(path)
    assert problem.code == "E010"
    assert "50.0 MB, over the 10.0 MB limit" in problem.message
    assert str(path) not in opened


def test_decode_limit_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    assert read_one_problem(path, IngestOptions(max_file_bytes=20)).code == "E010"


def test_decode_binary_reason_accepts_text():
    assert binary_reason(BODY.encode("utf-8")) is None
    assert binary_reason(BODY.encode("utf-16")) is None
