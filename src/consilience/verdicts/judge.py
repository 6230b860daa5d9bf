"""Giving every claim group its verdict (verdicts stage)."""

from __future__ import annotations

from ..model import Analysis, Claim, ClaimGroup, Conflict
from .compare import compare_claims
from .independence import independent_origins, lineage


def judge_group(group: ClaimGroup, claims: dict[str, Claim]) -> ClaimGroup:
    """Set verdict, independent origins, origins, lineage and conflicts on one claim group."""
    conflicts: list[Conflict] = []
    seen_kinds: set[tuple[str, str, str]] = set()
    mentions = group.mentions
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            finding = compare_claims(claims[a.claim], claims[b.claim])
            if finding.kind is None:
                continue
            # One conflict per kind and pair of reports is enough to show a journalist.
            key = (finding.kind, *sorted((a.article, b.article)))
            if key in seen_kinds:
                continue
            seen_kinds.add(key)
            conflicts.append(Conflict(kind=finding.kind, a=a, b=b, explanation=finding.explanation,
                                      values=finding.values))
    group.conflicts = conflicts
    group.independent_origins, group.origins = independent_origins(mentions, claims)
    group.lineage = []
    for m in mentions:
        chain = lineage(m)
        if chain not in group.lineage:
            group.lineage.append(chain)
    reports = {m.article for m in mentions}
    if conflicts:
        group.verdict = "disputed"
    elif len(reports) >= 2:
        group.verdict = "corroborated"
    else:
        group.verdict = "single-source"
    return group


class JudgeClaims:
    """Pipeline stage: sets verdict, independent_origins, origins, lineage, conflicts on each group."""

    name = "verdicts"
    requires = ("stories[].claims",)
    assigns = ("stories[].claims[].verdict", "stories[].claims[].conflicts", "stories[].claims[].independent_origins")

    def __call__(self, analysis: Analysis) -> Analysis:
        claims = {c.id: c for a in analysis.articles for c in a.claims}
        for story in analysis.stories:
            for group in story.claims:
                judge_group(group, claims)
        return analysis
