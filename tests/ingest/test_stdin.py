import io
import json
from pathlib import Path

from consilience.ingest import IngestOptions, read_reports

DATA = Path(__file__).parent / "data"
BODY = "Rebel fighters entered the city of Hama on Thursday, the army said in a statement."


def test_stdin_plain_text_with_headers():
    stream = io.StringIO(f"Title: Hama falls\nOutlet: Northern Ledger\n\n{BODY}\n")
    [article], problems, read = read_reports(["-"], stdin=stream)
    assert problems == []
    assert read == 1
    assert (article.path, article.title, article.source, article.text) == ("-", "Hama falls", "Northern Ledger", BODY)


def test_stdin_without_metadata_is_sourced_as_stdin():
    [article], _, _ = read_reports(["-"], stdin=io.StringIO(BODY))
    assert article.source == "stdin"
    assert article.published is None


def test_stdin_html_is_sniffed():
    stream = io.StringIO((DATA / "article.html").read_text(encoding="utf-8"))
    [article], _, _ = read_reports(["-"], stdin=stream)
    assert article.source == "Northern Ledger"
    assert article.text.startswith("Rebel fighters entered")


def test_stdin_feed_is_sniffed():
    stream = io.StringIO((DATA / "world.rss").read_text(encoding="utf-8"))
    articles, _, read = read_reports(["-"], stdin=stream)
    assert read == 3
    assert [a.path for a in articles] == ["-#item=1", "-#item=2", "-#item=3"]


def test_stdin_jsonl_is_sniffed():
    lines = [json.dumps({"text": BODY, "source": "A"}), "not json", json.dumps({"text": BODY, "source": "B"})]
    articles, [problem], read = read_reports(["-"], stdin=io.StringIO("\n".join(lines)))
    assert [(a.path, a.source) for a in articles] == [("-#row=1", "A"), ("-#row=3", "B")]
    assert (problem.code, problem.input) == ("E008", "-#row=2")
    assert read == 3


def test_stdin_empty_is_e003():
    _, [problem], _ = read_reports(["-"], stdin=io.StringIO("  \n"))
    assert (problem.code, problem.input) == ("E003", "-")


def test_stdin_over_limit_is_e010():
    _, [problem], _ = read_reports(["-"], IngestOptions(max_file_bytes=30), stdin=io.StringIO(BODY))
    assert problem.code == "E010"


def test_stdin_undecodable_bytes_are_e005():
    stream = io.TextIOWrapper(io.BytesIO(b"The army \xff\xfe\xfd said"), encoding="utf-8")
    _, [problem], _ = read_reports(["-"], stdin=stream)
    assert problem.code == "E005"


def test_stdin_surrogate_escaped_bytes_are_e005():
    stream = io.TextIOWrapper(io.BytesIO(b"The army \xff\xfe said it had left the city on Thursday"), encoding="utf-8", errors="surrogateescape")
    _, [problem], _ = read_reports(["-"], stdin=stream)
    assert problem.code == "E005"


def test_stdin_feed_declaring_another_encoding_keeps_accents():
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9 News</title>'
        "<item><title>Reopening</title><description>The caf\u00e9 reopened on Monday after repairs, the owner said."
        "</description></item></channel></rss>"
    )
    [article], _, _ = read_reports(["-"], stdin=io.StringIO(feed))
    assert article.source == "Caf\u00e9 News"
    assert "caf\u00e9 reopened" in article.text
