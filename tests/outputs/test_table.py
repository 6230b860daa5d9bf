"""Terminal table: verdicts, counts, conflicts with both spans, problems, and no stray escape codes."""

from __future__ import annotations

import re

from consilience.outputs.table import render_table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _flat(text: str) -> str:
    """Rendered text with the table's wrapping undone, for substring checks."""
    return " ".join(text.split())


def test_table_shows_story_header_and_verdicts(analysis):
    out = render_table(analysis, width=120, color=False)
    assert "Fighters enter Homs" in out
    assert "2 reports · sources: Daily Ledger, Evening Post · places: Homs (SY)" in out
    for verdict in ("corroborated", "single-source", "disputed"):
        assert verdict in out
    assert "2/2" in out  # corroborated: 2 independent origins, 2 reports
    assert "1/1" in out  # single-source


def test_table_conflict_line_quotes_both_spans_with_outlets(analysis):
    flat = _flat(render_table(analysis, width=200, color=False))
    assert "↳ actor" in flat
    assert ("“Rebel fighters entered the city centre” (Daily Ledger) vs "
            "“Government troops entered the city centre” (Evening Post)") in flat
    assert "The reports name different forces entering the centre." in flat


def test_table_lists_problems_and_summary(analysis):
    flat = _flat(render_table(analysis, width=120, color=False))
    assert "E003 reports/empty.txt file is empty." in flat
    assert ("3 inputs read, 2 articles, 1 story, 3 claims: 1 corroborated, 1 single-source, "
            "1 disputed; 1 problem (1 error, 0 warnings)") in flat


def test_table_without_color_has_no_escape_codes(analysis):
    assert not ANSI.search(render_table(analysis, color=False))


def test_table_with_color_marks_verdicts(analysis):
    out = render_table(analysis, color=True)
    assert "\x1b[1;32mcorroborated" in out
    assert "\x1b[1;33msingle-source" in out
    assert "\x1b[1;31mdisputed" in out


def test_table_auto_color_is_off_when_stdout_is_not_a_terminal(analysis, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # ignored: the decision is made explicitly
    assert not ANSI.search(render_table(analysis, color=None))


def test_table_prints_markup_and_emoji_codes_literally(hostile_analysis):
    flat = _flat(render_table(hostile_analysis, width=200, color=False))
    assert "[red]x[/red]" in flat
    assert "<script>alert(1)</script>" in flat


def test_table_respects_width(analysis):
    out = render_table(analysis, width=60, color=False)
    assert max(len(line) for line in out.splitlines()) <= 60
