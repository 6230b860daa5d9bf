"""Giving every claim group its verdict (verdicts stage)."""

from __future__ import annotations

from ..model import Analysis, Claim, ClaimGroup, Conflict
from .compare import Finding, compare_claims
from .independence import independent_origins, lineage
from .setting import Setting, settle_claims


def _signature(claim: Claim) -> str:
    """Everything compare_claims reads, as one string: equal signatures compare equally."""
    parts = [claim.text, claim.event_type or "", claim.polarity, ";".join(claim.actors), ";".join(claim.targets),
             ";".join(f"{q.low}-{q.high}-{q.unit}-{q.approx}" for q in claim.quantities),
             ";".join(f"{t.type}:{t.value}" for t in claim.times),
             ";".join(f"{p.place.geonameid}" for p in claim.places if p.place),
             ";".join(f"{a.origin}:{a.kind}" for a in claim.attribution)]
    return "|".join(parts)


def _days(setting: Setting | None) -> tuple[str | None, ...] | None:
    """The part of a setting compare_claims reads, hashable."""
    return None if setting is None else tuple(t.value for t in setting.statement_times)


def judge_group(group: ClaimGroup, claims: dict[str, Claim], settings: dict[str, Setting] | None = None) -> ClaimGroup:
    """Set verdict, independent origins, origins, lineage and conflicts on one claim group.

    settings: each attributed claim's setting (setting.settle_claims), to compare statement days.
    """
    settings = settings or {}
    candidates: list[tuple[Conflict, str, str]] = []
    mentions = group.mentions
    findings: dict[tuple[str, str], Finding] = {}
    signature = {m.claim: _signature(claims[m.claim]) for m in mentions}
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            # Syndicated copies repeat the same claim many times: compare each distinct pair once.
            key = (signature[a.claim], signature[b.claim], _days(settings.get(a.claim)), _days(settings.get(b.claim)))
            if key not in findings:
                findings[key] = compare_claims(claims[a.claim], claims[b.claim], settings.get(a.claim),
                                               settings.get(b.claim))
            finding = findings[key]
            if finding.kind is not None:
                candidates.append((Conflict(kind=finding.kind, a=a, b=b, explanation=finding.explanation,
                                            values=finding.values), a.claim, b.claim))
    # Show each conflicting mention once per kind against each report (its own report: a
    # self-contradiction): a report's odd sentence against two sentences of another report is one
    # disagreement, while each other report that says otherwise is a disagreement of its own.
    candidates.sort(key=lambda item: item[0].a.article != item[0].b.article)
    used: set[tuple[str, str, str]] = set()
    conflicts: list[Conflict] = []
    for conflict, claim_a, claim_b in candidates:
        slots = {(conflict.kind, claim_a, conflict.b.article), (conflict.kind, claim_b, conflict.a.article)}
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
        settings = {cid: s for a in analysis.articles for cid, s in settle_claims(a).items()}
        for story in analysis.stories:
            for group in story.claims:
                judge_group(group, claims, settings)
        return analysis
