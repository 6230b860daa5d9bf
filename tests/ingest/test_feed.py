from pathlib import Path

from consilience.ingest import read_reports

DATA = Path(__file__).parent / "data"


def test_feed_rss_gives_one_report_per_item():
    path = str(DATA / "world.rss")
    articles, problems, read = read_reports([path])
    assert problems == []
    assert read == 3
    assert [a.path for a in articles] == [f"{path}#item=1", f"{path}#item=2", f"{path}#item=3"]
    first, second, third = articles
    assert first.title == "Ceasefire talks resume in Cairo"
    assert first.source == "Harbour Times"  # dc:publisher wins over the channel title
    assert first.published == "2024-12-05"
    assert first.url == "https://harbourtimes.example/world/ceasefire-talks"
    assert first.text == (
        "Negotiators returned to Cairo on Thursday for a new round of talks, officials said.\n"
        "The previous round ended without an agreement last week."
    )
    # Full content beats the teaser; markup and scripts are stripped; the date is as written.
    assert second.text.startswith("Dock workers at the main container port")
    assert "<b>" not in second.text and "track()" not in second.text and "teaser" not in second.text
    assert second.published == "2024-12-04"
    # An aggregated item keeps the outlet named in its <source>.
    assert third.source == "Global Wire Service"
    assert third.published is None


def test_feed_atom_uses_feed_title_as_outlet():
    [article], problems, _ = read_reports([str(DATA / "science.atom")])
    assert problems == []
    assert article.source == "Lakeside Courier Science"
    assert article.published == "2024-12-06"
    assert article.url == "https://lakeside.example/science/probe"


def test_feed_malformed_is_e007(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><title>Broken</title><item><title>x</ti", encoding="utf-8")
    articles, [problem], read = read_reports([str(path)])
    assert articles == []
    assert read == 1
    assert problem.code == "E007"


def test_feed_without_items_is_e007(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>", encoding="utf-8")
    _, [problem], _ = read_reports([str(path)])
    assert problem.code == "E007"
    assert "no items" in problem.message


def test_feed_short_item_is_refused_alone(tmp_path):
    path = tmp_path / "mixed.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Mixed</title>"
        "<item><title>Empty</title><description></description></item>"
        "<item><title>Full</title><description>The council approved the new budget on Monday after a long debate.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [article], [problem], read = read_reports([str(path)])
    assert read == 2
    assert article.title == "Full"
    assert article.source == "Mixed"
    assert (problem.code, problem.input) == ("E011", f"{path}#item=1")


def test_feed_truncated_keeps_complete_items_with_warning(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Cut Off</title>"
        "<item><title>Whole</title><description>The council approved the new budget on Monday after a long debate.</description></item>"
        "<item><title>Part</title><descr",
        encoding="utf-8",
    )
    articles, problems, _ = read_reports([str(path)])
    assert [a.title for a in articles] == ["Whole"]
    assert problems[0].code == "W002"
    assert "not well-formed" in problems[0].message
