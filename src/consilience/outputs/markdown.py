"""The Markdown report: readable as plain text and as rendered GitHub-flavoured Markdown."""

from __future__ import annotations

import re

from ..model import Analysis, Article, ClaimGroup, Conflict, Mention, Problem, Story
from .overview import (
    count_group_reports,
    format_lineage,
    format_summary_line,
    index_articles,
    list_group_sources,
    list_story_sources,
    name_outlet,
    summarise_analysis,
)

# Characters that start Markdown syntax inline or inside a GFM table; report text is untrusted,
# and `<` is escaped too so raw HTML in a report never becomes HTML on GitHub.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~#])")


def render_markdown(analysis: Analysis) -> str:
    """The report as GitHub-flavoured Markdown: a section per story, then problems and reports."""
    articles = index_articles(analysis)
    lines = ["# Consilience report", "", escape_markdown(format_summary_line(summarise_analysis(analysis))), ""]
    for story in analysis.stories:
        lines += _story_lines(story, articles)
    if analysis.problems:
        lines += _problem_lines(analysis.problems)
    if analysis.articles:
        lines += _article_lines(analysis.articles)
    return "\n".join(lines).rstrip("\n") + "\n"


def escape_markdown(text: str) -> str:
    """Text safe to place inline in Markdown or a table cell: specials escaped, one line."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def _story_lines(story: Story, articles: dict[str, Article]) -> list[str]:
    sources = list_story_sources(story, articles)
    lines = [
        f"## {escape_markdown(story.title)}",
        "",
        f"**Reports:** {len(story.articles)} · **Sources:** {escape_markdown(', '.join(sources)) or 'none'}",
        "",
    ]
    if story.places:
        lines += ["**Places:**", ""]
        for place in story.places:
            lines.append(f"- {escape_markdown(place.name)}{_describe_place(place.country_code, place.lat, place.lon)}"
                         f", {place.mentions} mention{'s' if place.mentions != 1 else ''}")
        lines.append("")
    if not story.claims:
        return lines + ["_No claims._", ""]
    lines += [
        "| Verdict | Origins / reports | Claim | Sources | Lineage |",
        "|---|---:|---|---|---|",
    ]
    for group in story.claims:
        lines.append(_group_row(group, articles))
    lines.append("")
    disputed = [g for g in story.claims if g.conflicts]
    if disputed:
        lines += ["### Disputes", ""]
        for group in disputed:
            for conflict in group.conflicts:
                lines.append(_conflict_item(group, conflict, articles))
        lines.append("")
    return lines


def _group_row(group: ClaimGroup, articles: dict[str, Article]) -> str:
    lineage = "; ".join(escape_markdown(format_lineage(chain)) for chain in group.lineage) or "—"
    cells = [
        f"**{escape_markdown(group.verdict)}**",
        f"{group.independent_origins} / {count_group_reports(group)}",
        escape_markdown(group.summary),
        escape_markdown(", ".join(list_group_sources(group, articles))),
        lineage,
    ]
    return "| " + " | ".join(cells) + " |"


def _conflict_item(group: ClaimGroup, conflict: Conflict, articles: dict[str, Article]) -> str:
    values = ""
    if conflict.values is not None:
        values = f" ({escape_markdown(conflict.values[0])} vs {escape_markdown(conflict.values[1])})"
    return (
        f"- **{escape_markdown(conflict.kind)}** in “{escape_markdown(group.summary)}”{values}:\n"
        f"  - {_attributed_span(conflict.a, articles)}\n"
        f"  - {_attributed_span(conflict.b, articles)}\n"
        f"  - _{escape_markdown(conflict.explanation)}_"
    )


def _attributed_span(mention: Mention, articles: dict[str, Article]) -> str:
    span = f"“{escape_markdown(mention.text)}” — **{escape_markdown(name_outlet(mention, articles))}**"
    if mention.attribution:
        chain = ", citing ".join(escape_markdown(a.source) for a in mention.attribution)
        span += f", citing {chain}"
    return span


def _problem_lines(problems: list[Problem]) -> list[str]:
    lines = ["## Problems", "", "| Code | Severity | Input | Message |", "|---|---|---|---|"]
    for p in problems:
        lines.append(f"| {escape_markdown(p.code)} | {escape_markdown(p.severity)} | "
                     f"{escape_markdown(p.input)} | {escape_markdown(p.message)} |")
    return lines + [""]


def _article_lines(articles: list[Article]) -> list[str]:
    lines = ["## Reports", "", "| Source | Title | Published | Path | Id |", "|---|---|---|---|---|"]
    for a in articles:
        cells = [a.source, a.title or "—", a.published or "unknown", a.path or "—", a.id]
        lines.append("| " + " | ".join(escape_markdown(c) for c in cells) + " |")
    return lines + [""]


def _describe_place(country_code: str | None, lat: float | None, lon: float | None) -> str:
    parts = []
    if country_code:
        parts.append(escape_markdown(country_code))
    if lat is not None and lon is not None:
        parts.append(f"{lat:.4f}, {lon:.4f}")
    return f" ({'; '.join(parts)})" if parts else ""
