from datetime import date

from consilience.ingest.frontmatter import split_front_matter

BODY = "Rebel fighters entered the city of Hama on Thursday, the army said."


def test_frontmatter_yaml_block():
    found = split_front_matter(f"---\ntitle: Hama falls\noutlet: Example News\npublished: 2024-12-05\nurl: https://example.com/a\n---\n{BODY}\n")
    assert found.fields == {
        "title": "Hama falls",
        "source": "Example News",
        "published": date(2024, 12, 5),
        "url": "https://example.com/a",
    }
    assert found.body.strip() == BODY
    assert found.warnings == []


def test_frontmatter_header_lines_end_at_blank_line():
    found = split_front_matter(f"Title: Hama falls\nSource: Example News\nDate: 5 December 2024\nURL: https://example.com/a\n\n{BODY}")
    assert found.fields["title"] == "Hama falls"
    assert found.fields["source"] == "Example News"
    assert found.fields["published"] == "5 December 2024"
    assert found.fields["url"] == "https://example.com/a"
    assert found.body == BODY


def test_frontmatter_unknown_key_is_text_not_header():
    text = f"Breaking: rebels enter Hama\n\n{BODY}"
    found = split_front_matter(text)
    assert found.fields == {}
    assert found.body == text


def test_frontmatter_author_line_is_known_but_unused():
    found = split_front_matter(f"By: Jane Reporter\nOutlet: Example News\n\n{BODY}")
    assert found.fields == {"source": "Example News"}
    assert found.body == BODY


def test_frontmatter_bad_yaml_is_ignored_with_warning():
    found = split_front_matter(f"---\ntitle: [unclosed\n---\n{BODY}")
    assert found.fields == {}
    assert found.body.strip() == BODY
    assert "not valid YAML" in found.warnings[0]


def test_frontmatter_rule_without_closing_fence_is_text():
    text = f"---\n{BODY}"
    found = split_front_matter(text)
    assert found.fields == {}
    assert found.body == text


def test_frontmatter_markdown_heading_becomes_title():
    found = split_front_matter(f"# Hama falls\n\n{BODY}")
    assert found.fields["title"] == "Hama falls"
    assert found.body.strip() == BODY
