"""Counts and display facts that every output format shows the same way.

The table, Markdown, HTML and JSON outputs must agree on what "3 reports" or "2 sources" means,
so the arithmetic lives here once and each format only decides how it looks.
"""

from __future__ import annotations

from ..model import Analysis, Article, ClaimGroup, Mention, Story

VERDICTS = ("corroborated", "single-source", "disputed")


def index_articles(analysis: Analysis) -> dict[str, Article]:
    """Articles by id, so lookups stay O(1) while rendering every mention."""
    return {a.id: a for a in analysis.articles}


def name_outlet(mention: Mention, articles: dict[str, Article]) -> str:
    """The outlet to show for a mention: its own source, else its article's, else the article id."""
    if mention.source:
        return mention.source
    article = articles.get(mention.article)
    return article.source if article is not None else mention.article


def list_story_sources(story: Story, articles: dict[str, Article]) -> list[str]:
    """Distinct outlets of a story's reports, in the story's article order."""
    return _distinct(articles[a].source for a in story.articles if a in articles)


def list_group_sources(group: ClaimGroup, articles: dict[str, Article]) -> list[str]:
    """Distinct outlets whose reports carry a claim group, in mention order."""
    return _distinct(name_outlet(m, articles) for m in group.mentions)


def count_group_reports(group: ClaimGroup) -> int:
    """How many distinct reports carry a claim group (one report may mention it twice)."""
    return len({m.article for m in group.mentions})


def format_lineage(chain: list[str]) -> str:
    """One lineage chain as "report source → cited source → its source"."""
    return " → ".join(chain)


def summarise_analysis(analysis: Analysis) -> dict[str, int]:
    """The batch counts: inputs, articles, stories, claim groups by verdict, problems."""
    groups = [g for s in analysis.stories for g in s.claims]
    summary = {
        "inputs_read": analysis.inputs_read,
        "articles": len(analysis.articles),
        "stories": len(analysis.stories),
        "claims": len(groups),
    }
    for verdict in VERDICTS:
        summary[verdict] = sum(1 for g in groups if g.verdict == verdict)
    summary["extracted_claims"] = sum(len(a.claims) for a in analysis.articles)
    summary["problems"] = len(analysis.problems)
    summary["errors"] = sum(1 for p in analysis.problems if p.severity == "error")
    summary["warnings"] = summary["problems"] - summary["errors"]
    return summary


def format_summary_line(summary: dict[str, int]) -> str:
    """The one-line batch summary every human-readable format ends with."""
    return (
        f"{_plural(summary['inputs_read'], 'input')} read, {_plural(summary['articles'], 'article')}, "
        f"{_plural(summary['stories'], 'story', 'stories')}, {_plural(summary['claims'], 'claim')}: "
        f"{summary['corroborated']} corroborated, {summary['single-source']} single-source, "
        f"{summary['disputed']} disputed; {_plural(summary['problems'], 'problem')} "
        f"({_plural(summary['errors'], 'error')}, {_plural(summary['warnings'], 'warning')})"
    )


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _distinct(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
