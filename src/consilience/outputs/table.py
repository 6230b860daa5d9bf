"""The terminal view: one rich table of claim groups per story, then problems and a summary line.

All report text goes in as `rich.text.Text`, never as markup, because a headline like
"[bold]Breaking[/bold]" or ":warning:" is data and must print as written.
"""

from __future__ import annotations

import io
import os
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Analysis, Article, ClaimGroup, Conflict, Mention, Story
from .overview import (
    count_group_reports,
    format_summary_line,
    index_articles,
    list_group_sources,
    list_story_sources,
    name_outlet,
    summarise_analysis,
)

VERDICT_STYLES = {"corroborated": "bold green", "single-source": "bold yellow", "disputed": "bold red"}
SEVERITY_STYLES = {"error": "red", "warning": "yellow"}


def render_table(analysis: Analysis, *, width: int = 100, color: bool | None = None) -> str:
    """The terminal report as a string of `width` columns.

    color: True forces ANSI colours, False never emits them, None colours only when stdout is a
    terminal and NO_COLOR is unset (https://no-color.org).
    """
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        force_jupyter=False,  # explicit width/terminal/colour settings also shield us from COLUMNS and FORCE_COLOR
    )
    articles = index_articles(analysis)
    for story in analysis.stories:
        _print_story(console, story, articles)
    if analysis.problems:
        _print_problems(console, analysis)
    console.print(Text(format_summary_line(summarise_analysis(analysis)), style="bold"))
    # rich pads every table line to the full width; trailing blanks only get in the way of diffs and pipes
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _print_story(console: Console, story: Story, articles: dict[str, Article]) -> None:
    sources = list_story_sources(story, articles)
    console.print(Text(story.title, style="bold underline"))
    header = Text(style="dim")
    header.append(f"{len(story.articles)} report{'s' if len(story.articles) != 1 else ''}")
    header.append(" · sources: " + (", ".join(sources) or "none"))
    if story.places:
        header.append(" · places: " + ", ".join(_label_place(p.name, p.country_code) for p in story.places))
    console.print(header)
    if not story.claims:
        console.print(Text("no claims", style="dim"))
        console.print()
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Origins/reports", justify="right", no_wrap=True)
    table.add_column("Claim", ratio=3)
    table.add_column("Sources", ratio=1)
    for group in story.claims:
        _add_group_rows(table, group, articles)
    console.print(table)
    console.print()


def _add_group_rows(table: Table, group: ClaimGroup, articles: dict[str, Article]) -> None:
    table.add_row(
        Text(group.verdict, style=VERDICT_STYLES.get(group.verdict, "")),
        Text(f"{group.independent_origins}/{count_group_reports(group)}"),
        Text(group.summary),
        Text(", ".join(list_group_sources(group, articles))),
    )
    for conflict in group.conflicts:
        table.add_row(
            Text(f"  ↳ {conflict.kind}", style="red"),
            Text(""),
            _describe_conflict(conflict, articles),
            Text(""),
        )


def _describe_conflict(conflict: Conflict, articles: dict[str, Article]) -> Text:
    text = Text()
    text.append_text(_quote_span(conflict.a, articles))
    text.append(" vs ")
    text.append_text(_quote_span(conflict.b, articles))
    text.append("\n" + conflict.explanation, style="italic")
    return text


def _quote_span(mention: Mention, articles: dict[str, Article]) -> Text:
    text = Text()
    text.append(f"“{mention.text}”")
    text.append(f" ({name_outlet(mention, articles)})", style="cyan")
    return text


def _print_problems(console: Console, analysis: Analysis) -> None:
    table = Table(
        title="Problems", title_justify="left", box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False
    )
    table.add_column("Code", no_wrap=True)
    table.add_column("Input", ratio=1)
    table.add_column("Message", ratio=3)
    for problem in analysis.problems:
        table.add_row(
            Text(problem.code, style=SEVERITY_STYLES.get(problem.severity, "")),
            Text(problem.input),
            Text(problem.message),
        )
    console.print(table)
    console.print()


def _label_place(name: str, country_code: str | None) -> str:
    return f"{name} ({country_code})" if country_code else name
