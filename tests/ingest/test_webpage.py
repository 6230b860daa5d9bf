from pathlib import Path

from consilience.ingest import read_reports

DATA = Path(__file__).parent / "data"


def test_webpage_extracts_main_text_and_metadata():
    [article], problems, read = read_reports([str(DATA / "article.html")])
    assert problems == []
    assert read == 1
    assert article.title == "Rebels enter Hama as army pulls back"
    assert article.source == "Northern Ledger"
    assert article.published == "2024-12-05"
    assert article.url == "https://www.northernledger.example/world/rebels-enter-hama"
    assert article.text.startswith("Rebel fighters entered the central Syrian city of Hama")
    assert "shelling had stopped" in article.text
    # Navigation, sidebars, footers and scripts are not the article.
    for boilerplate in ("Weather warning", "All rights reserved", "analytics", "Sport"):
        assert boilerplate not in article.text
    # The headline is stored as the title, not repeated as the first line.
    assert not article.text.startswith(article.title)


def test_webpage_outlet_falls_back_to_url_host(tmp_path):
    page = (DATA / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="og:site_name" content="Northern Ledger">', "")
    page = page.replace(" | Northern Ledger", "")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article], _, _ = read_reports([str(path)])
    assert article.source == "northernledger.example"


def test_webpage_without_metadata_uses_stem_and_no_date(tmp_path):
    path = tmp_path / "saved-page.htm"
    path.write_text(
        "<html><body><article><p>Rebel fighters entered the city of Hama on Thursday, the opposition said "
        "in a statement, and the army said it had pulled its units back to protect civilians.</p></article></body></html>",
        encoding="utf-8",
    )
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert article.source == "saved-page"
    assert article.published is None


def test_webpage_declared_charset_is_used(tmp_path):
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 reopens</title></head><body><article>'
        "<p>The caf\u00e9 on the main square reopened on Monday after repairs, the owner said, and "
        "customers queued outside from early morning to buy coffee and bread.</p></article></body></html>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(html.encode("latin-1"))
    [article], problems, _ = read_reports([str(path)])
    assert problems == []
    assert "caf\u00e9" in article.text


def test_webpage_without_article_text_is_e006():
    articles, [problem], read = read_reports([str(DATA / "scripts_only.html")])
    assert articles == []
    assert read == 1
    assert problem.code == "E006"
    assert problem.input.endswith("scripts_only.html")
