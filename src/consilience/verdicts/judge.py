"""Giving every claim group its verdict (verdicts stage)."""

from __future__ import annotations

from ..model import Analysis, Claim, ClaimGroup, Conflict
from .compare import compare_claims
from .independence import independent_origins, lineage


def judge_group(group: ClaimGroup, claims: dict[str, Claim]) -> ClaimGroup:
    """Set verdict, independent origins, origins, lineage and conflicts on one claim group."""
    candidates: list[tuple[Conflict, str, str]] = []
    mentions = group.mentions
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            finding = compare_claims(claims[a.claim], claims[b.claim])
            if finding.kind is not None:
                candidates.append((Conflict(kind=finding.kind, a=a, b=b, explanation=finding.explanation,
                                            values=finding.values), a.claim, b.claim))
    # Show each conflicting mention once inside its report (a self-contradiction) and once across
    # reports, per kind: four reports against one odd sentence are one disagreement, not four.
    candidates.sort(key=lambda item: item[0].a.article != item[0].b.article)
    used: set[tuple[str, str, bool]] = set()
    conflicts: list[Conflict] = []
    for conflict, claim_a, claim_b in candidates:
        cross = conflict.a.article != conflict.b.article
        slots = {(conflict.kind, claim_a, cross), (conflict.kind, claim_b, cross)}
        if slots & used:
            continue
        used |= slots
        conflicts.append(conflict)
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
