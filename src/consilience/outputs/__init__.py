"""Outputs: render an Analysis as a terminal table, JSON, Markdown or one self-contained HTML page.

Not a pipeline stage: rendering adds nothing to the Analysis, so the CLI and the web app call
`render` on a finished Analysis, and every format reads the same counts from `overview`.
"""

from __future__ import annotations

from ..errors import ConsilienceError
from ..model import Analysis
from .html_report import render_html
from .json_report import load_schema, render_json, to_json, write_json
from .markdown import render_markdown
from .table import render_table

FORMATS = ("table", "json", "markdown", "html")

__all__ = [
    "FORMATS",
    "load_schema",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
    "to_json",
    "write_json",
]


class UnknownFormatError(ConsilienceError, ValueError):
    """An output format name that is not one of FORMATS."""


def render(analysis: Analysis, fmt: str, *, width: int = 100, color: bool | None = None) -> str:
    """The Analysis rendered in format `fmt` (one of FORMATS) as a string.

    width and color apply to the table only; color=None colours when stdout is a terminal.
    """
    if fmt == "table":
        return render_table(analysis, width=width, color=color)
    if fmt == "json":
        return render_json(analysis)
    if fmt == "markdown":
        return render_markdown(analysis)
    if fmt == "html":
        return render_html(analysis)
    raise UnknownFormatError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}.")
