from consilience.ingest.identity import article_id, text_key


def test_identity_id_is_16_hex_chars():
    value = article_id("Troops entered the city on Thursday.", "Reuters", "City falls")
    assert len(value) == 16
    assert all(c in "0123456789abcdef" for c in value)


def test_identity_id_ignores_whitespace_layout():
    one = article_id("Troops entered\nthe city  on Thursday.", "Reuters", "City falls")
    two = article_id("  Troops entered the city on\tThursday.\n", "Reuters", " City  falls ")
    assert one == two


def test_identity_id_depends_on_text_source_and_title():
    base = article_id("Troops entered the city.", "Reuters", "City falls")
    assert article_id("Troops left the city.", "Reuters", "City falls") != base
    assert article_id("Troops entered the city.", "AP", "City falls") != base
    assert article_id("Troops entered the city.", "Reuters", None) != base


def test_identity_id_parts_do_not_run_together():
    assert article_id("ab", "c", None) != article_id("a", "bc", None)


def test_identity_id_is_stable_across_runs():
    # Pinned: ids are stored, so changing the recipe would orphan stored reports.
    assert article_id("Troops entered the city on Thursday.", "Reuters", "City falls") == "9135f3ec1997d2e6"


def test_identity_text_key_ignores_source():
    assert text_key("Same words here.", "T") == text_key("Same  words here.", "T")
    assert text_key("Same words here.", "T") != text_key("Same words here.", None)
