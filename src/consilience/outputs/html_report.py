"""The HTML report: one self-contained page, safe to open even when the reports were hostile.

Report text is untrusted, so every piece of it passes through `html.escape`, the page loads
nothing (no scripts, fonts, images or links to assets) and a Content-Security-Policy forbids
anything but the inline stylesheet. Filtering by verdict uses radio buttons and CSS sibling
selectors rather than JavaScript, so the policy needs no script allowance at all.
"""

from __future__ import annotations

from html import escape

from ..model import Analysis, Article, ClaimGroup, Conflict, Mention, Problem, Story, StoryPlace
from .overview import (
    VERDICTS,
    count_group_reports,
    format_lineage,
    format_summary_line,
    index_articles,
    list_group_sources,
    list_story_sources,
    name_outlet,
    summarise_analysis,
)

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE = """
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --one: #9a6700; --one-bg: #fff8c5; --bad: #cf222e; --bad-bg: #ffebe9;
        --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 72rem;
       padding: 1rem 1.5rem 3rem; color: #1f2328; background: #fff; }
h1 { margin: .5rem 0; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
.muted, .meta { color: var(--muted); }
.filter { position: absolute; opacity: 0; pointer-events: none; }
nav.filters label { display: inline-block; padding: .2rem .7rem; margin: 0 .3rem .3rem 0; border: 1px solid var(--line);
                    border-radius: 1rem; cursor: pointer; }
#f-all:checked ~ header label[for=f-all], #f-corroborated:checked ~ header label[for=f-corroborated],
#f-single-source:checked ~ header label[for=f-single-source], #f-disputed:checked ~ header label[for=f-disputed]
  { background: #1f2328; color: #fff; }
#f-corroborated:checked ~ main tr.claim:not(.v-corroborated),
#f-single-source:checked ~ main tr.claim:not(.v-single-source),
#f-disputed:checked ~ main tr.claim:not(.v-disputed) { display: none; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); }
td.num { text-align: right; white-space: nowrap; }
.verdict { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-weight: 600; white-space: nowrap; }
.v-corroborated .verdict { color: var(--ok); background: var(--ok-bg); }
.v-single-source .verdict { color: var(--one); background: var(--one-bg); }
.v-disputed .verdict { color: var(--bad); background: var(--bad-bg); }
ul.lineage, ul.mentions, ul.places { margin: .2rem 0; padding-left: 1.1rem; }
details summary { cursor: pointer; }
tr.conflict td { border-bottom: 2px solid var(--bad-bg); }
.dispute { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin: .3rem 0; }
.dispute blockquote { margin: 0; padding: .5rem .8rem; border-left: 4px solid var(--bad); background: #f6f8fa; }
.dispute cite { display: block; margin-top: .3rem; font-style: normal; font-weight: 600; }
.kind { font-weight: 600; color: var(--bad); text-transform: uppercase; font-size: .8rem; letter-spacing: .04em; }
.explanation { font-style: italic; margin: .2rem 0; }
code { font-size: .85em; }
@media (max-width: 40rem) { .dispute { grid-template-columns: 1fr; } }
"""


def render_html(analysis: Analysis) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no external assets)."""
    articles = index_articles(analysis)
    summary = summarise_analysis(analysis)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Consilience report</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        # The radios precede header and main so that `~` selectors can reach both.
        '<input class="filter" type="radio" name="verdict" id="f-all" checked aria-label="all claims">',
        *(f'<input class="filter" type="radio" name="verdict" id="f-{v}" aria-label="{v} claims">' for v in VERDICTS),
        "<header>",
        "<h1>Consilience report</h1>",
        f'<p class="summary">{escape(format_summary_line(summary))}</p>',
        '<nav class="filters">Show: <label for="f-all">all</label>',
        *(f'<label for="f-{v}">{v} ({summary[v]})</label>' for v in VERDICTS),
        "</nav>",
        "</header>",
        "<main>",
    ]
    for story in analysis.stories:
        parts += _story_html(story, articles)
    if analysis.problems:
        parts += _problems_html(analysis.problems)
    if analysis.articles:
        parts += _articles_html(analysis.articles)
    parts += ["</main>", _footer_html(analysis), "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _story_html(story: Story, articles: dict[str, Article]) -> list[str]:
    sources = list_story_sources(story, articles)
    parts = [
        f'<section class="story" id="story-{escape(story.id)}">',
        f"<h2>{escape(story.title)}</h2>",
        f'<p class="meta">{len(story.articles)} report{"s" if len(story.articles) != 1 else ""} · '
        f"sources: {escape(', '.join(sources)) or 'none'}</p>",
    ]
    if story.places:
        parts.append('<h3>Places</h3><ul class="places">')
        parts += [_place_html(p) for p in story.places]
        parts.append("</ul>")
    if story.claims:
        parts += [
            "<h3>Claims</h3>",
            "<table>",
            "<thead><tr><th>Verdict</th><th>Origins / reports</th><th>Claim</th><th>Sources</th>"
            "<th>Independent origins and lineage</th></tr></thead>",
            "<tbody>",
        ]
        for group in story.claims:
            parts += _group_html(group, articles)
        parts += ["</tbody>", "</table>"]
    else:
        parts.append('<p class="muted">No claims.</p>')
    parts.append("</section>")
    return parts


def _place_html(place: StoryPlace) -> str:
    where = []
    if place.country_code:
        where.append(escape(place.country_code))
    if place.lat is not None and place.lon is not None:
        where.append(f"{place.lat:.4f}, {place.lon:.4f}")
    if place.geonameid is not None:
        where.append(f"GeoNames {place.geonameid}")
    detail = f' <span class="muted">({"; ".join(where)})</span>' if where else ""
    return f"<li>{escape(place.name)}{detail} · {place.mentions} mention{'s' if place.mentions != 1 else ''}</li>"


def _group_html(group: ClaimGroup, articles: dict[str, Article]) -> list[str]:
    verdict_class = f"v-{group.verdict}" if group.verdict in VERDICTS else "v-other"
    mentions = "".join(f"<li>{_attributed_span(m, articles)}</li>" for m in group.mentions)
    lineage = "".join(f"<li>{escape(format_lineage(chain))}</li>" for chain in group.lineage)
    origins = escape(", ".join(group.origins)) or "none named"
    event = f' <code>{escape(group.event_type)}</code>' if group.event_type else ""
    parts = [
        f'<tr class="claim {verdict_class}" id="claim-{escape(group.id)}">',
        f'<td><span class="verdict">{escape(group.verdict)}</span></td>',
        f'<td class="num">{group.independent_origins} / {count_group_reports(group)}</td>',
        f"<td><details><summary>{escape(group.summary)}{event}</summary>"
        f'<ul class="mentions">{mentions}</ul></details></td>',
        f"<td>{escape(', '.join(list_group_sources(group, articles)))}</td>",
        f"<td>{group.independent_origins} independent: {origins}"
        + (f'<ul class="lineage">{lineage}</ul>' if lineage else "")
        + "</td>",
        "</tr>",
    ]
    for conflict in group.conflicts:
        parts.append(
            f'<tr class="claim conflict {verdict_class}"><td colspan="5">{_conflict_html(conflict, articles)}</td></tr>'
        )
    return parts


def _conflict_html(conflict: Conflict, articles: dict[str, Article]) -> str:
    values = ""
    if conflict.values is not None:
        values = f" <span class=\"muted\">{escape(conflict.values[0])} vs {escape(conflict.values[1])}</span>"
    return (
        f'<span class="kind">{escape(conflict.kind)} conflict</span>{values}'
        f'<div class="dispute">{_quote_html(conflict.a, articles)}{_quote_html(conflict.b, articles)}</div>'
        f'<p class="explanation">{escape(conflict.explanation)}</p>'
    )


def _quote_html(mention: Mention, articles: dict[str, Article]) -> str:
    return f"<blockquote>“{escape(mention.text)}”<cite>{_credit_html(mention, articles)}</cite></blockquote>"


def _attributed_span(mention: Mention, articles: dict[str, Article]) -> str:
    return f"“{escape(mention.text)}” — {_credit_html(mention, articles)}"


def _credit_html(mention: Mention, articles: dict[str, Article]) -> str:
    credit = escape(name_outlet(mention, articles))
    for link in mention.attribution:
        credit += f', citing {escape(link.source)} <span class="muted">({escape(link.cue)})</span>'
    return credit


def _problems_html(problems: list[Problem]) -> list[str]:
    rows = [
        f"<tr><td><code>{escape(p.code)}</code></td><td>{escape(p.severity)}</td>"
        f"<td>{escape(p.input)}</td><td>{escape(p.message)}</td></tr>"
        for p in problems
    ]
    return [
        '<section id="problems"><h2>Problems</h2><table>',
        "<thead><tr><th>Code</th><th>Severity</th><th>Input</th><th>Message</th></tr></thead><tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def _articles_html(articles: list[Article]) -> list[str]:
    # URLs are shown as text, not links: a report's URL is untrusted (javascript:, tracking).
    rows = [
        f"<tr><td>{escape(a.source)}</td><td>{escape(a.title or '—')}</td><td>{escape(a.published or 'unknown')}</td>"
        f"<td>{escape(a.path or '—')}</td><td>{escape(a.url or '—')}</td><td>{len(a.claims)}</td></tr>"
        for a in articles
    ]
    return [
        '<section id="reports"><h2>Reports</h2><table>',
        "<thead><tr><th>Source</th><th>Title</th><th>Published</th><th>Path</th><th>URL</th><th>Claims</th></tr>"
        "</thead><tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def _footer_html(analysis: Analysis) -> str:
    if not analysis.timings:
        return "<footer></footer>"
    timings = ", ".join(f"{escape(name)} {seconds:.2f}s" for name, seconds in analysis.timings.items())
    return f'<footer class="muted"><p>Stage timings: {timings}</p></footer>'
