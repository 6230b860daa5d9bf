"""The public render() entry point: formats, errors, determinism."""

from __future__ import annotations

import json

import pytest

from consilience.outputs import FORMATS, render, to_json
from consilience.outputs.overview import format_summary_line, summarise_analysis


def test_render_formats_are_the_four_documented():
    assert FORMATS == ("table", "json", "markdown", "html")


def test_render_unknown_format_lists_the_valid_ones(analysis):
    with pytest.raises(ValueError) as excinfo:
        render(analysis, "pdf")
    assert "'pdf'" in str(excinfo.value)
    assert "table, json, markdown, html" in str(excinfo.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_is_deterministic(make_analysis, fmt):
    analysis = make_analysis()
    first = render(analysis, fmt, color=False)
    assert render(analysis, fmt, color=False) == first
    assert render(make_analysis(), fmt, color=False) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_every_format_names_both_conflicting_spans(analysis, fmt):
    out = " ".join(render(analysis, fmt, width=200, color=False).split())
    assert "Rebel fighters entered the city centre" in out
    assert "Government troops entered the city centre" in out
    assert "disputed" in out


def test_render_json_is_to_json(analysis):
    assert json.loads(render(analysis, "json")) == to_json(analysis)


def test_render_empty_analysis_in_every_format():
    from consilience.model import Analysis

    empty = Analysis()
    for fmt in FORMATS:
        assert render(empty, fmt, color=False)
    assert "0 stories, 0 claims" in render(empty, "table", color=False)


def test_overview_summary_line_pluralises():
    from consilience.model import Analysis

    line = format_summary_line(summarise_analysis(Analysis(inputs_read=1)))
    assert line.startswith("1 input read, 0 articles, 0 stories, 0 claims:")


def test_render_unknown_format_is_a_consilience_error(analysis):
    from consilience.errors import ConsilienceError

    with pytest.raises(ConsilienceError):
        render(analysis, "yaml")


def test_render_json_ignores_transient_spacy_docs(analysis):
    analysis.docs["a1"] = object()  # not JSON-serialisable: must never reach the document
    assert "docs" not in json.loads(render(analysis, "json"))
