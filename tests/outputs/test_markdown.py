"""Markdown: a section per story, a claims table that stays a table, disputes quoted and attributed."""

from __future__ import annotations

import re

from consilience.outputs.markdown import escape_markdown, render_markdown


def test_markdown_story_section_and_claim_rows(analysis):
    out = render_markdown(analysis)
    assert "## Fighters enter Homs" in out
    assert "**Reports:** 2 · **Sources:** Daily Ledger, Evening Post" in out
    assert ("| **corroborated** | 2 / 2 | Fighters entered Homs on Thursday | Daily Ledger, Evening Post | "
            "Daily Ledger → Reuters; Evening Post → Reuters; Evening Post → the Homs governor |") in out
    assert "| **single\\-source** |" not in out  # '-' is not escaped: verdicts read as words
    assert "| **single-source** | 1 / 1 | The mayor fled to the coast |" in out


def test_markdown_disputes_quote_and_attribute_both_spans(analysis):
    out = render_markdown(analysis)
    disputes = out.split("### Disputes", 1)[1]
    assert "**actor** in “Who entered the city centre” (rebel fighters vs government troops):" in disputes
    assert "“Rebel fighters entered the city centre” — **Daily Ledger**" in disputes
    assert "“Government troops entered the city centre” — **Evening Post**" in disputes
    assert "_The reports name different forces entering the centre._" in disputes


def test_markdown_attribution_chain_is_spelled_out(analysis):
    analysis.stories[0].claims[2].conflicts[0].b.attribution = analysis.stories[0].claims[0].mentions[1].attribution
    out = render_markdown(analysis)
    assert "— **Evening Post**, citing Reuters, citing the Homs governor" in out


def test_markdown_places_problems_and_reports(analysis):
    out = render_markdown(analysis)
    assert "- Homs (SY; 34.7268, 36.7234), 3 mentions" in out
    assert "| E003 | error | reports/empty.txt | file is empty. Remove it or add the report text. |" in out
    assert "| Evening Post | Homs falls | unknown | reports/post.html | a2 |" in out


def test_markdown_hostile_text_cannot_break_tables_or_inject_html(hostile_analysis):
    out = render_markdown(hostile_analysis)
    assert not re.search(r"(?<!\\)<", out)  # every '<' is backslash-escaped: no raw HTML on GitHub
    assert "\\<script\\>alert(1)\\</script\\>" in out
    claim_rows = [line for line in out.splitlines() if line.startswith("| **")]
    # every claims-table row keeps exactly five cells despite a '|' in the summary
    assert all(line.replace("\\|", "").count("|") == 6 for line in claim_rows)


def test_markdown_escape_joins_lines_and_escapes_specials():
    assert escape_markdown("a *b*\n[c](d) `e` | f") == "a \\*b\\* \\[c\\](d) \\`e\\` \\| f"
