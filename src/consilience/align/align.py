"""Grouping claims across the reports of a story that state the same proposition (align stage).

Two claims align when they say something about the same happening: similar meaning (MiniLM
cosine of the claim texts) backed by what the claims carry — the same or opposed event type,
a shared actor, a shared place. Conflicting versions ("Russian troops announced" vs "the army
announced") must land in one group, so role *disagreement* does not block alignment; the
verdict stage decides agreement. Groups are average-linkage clusters cut at one threshold.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from ..claims.events import OPPOSED
from ..model import Analysis, Article, Claim, ClaimGroup, Mention, Story
from ..stories.embed import Embedder, encode_unique, load_embedder
from ..stories.group import cluster_reports
from ..verdicts.actors import actor_overlap


_PART_OF_PLACE = re.compile(r"\b(districts?|neighbou?rhoods?|areas|quarters?|suburbs?|outskirts|parts?|"
                            r"(?:north|south|east|west)(?:ern|-eastern|-western)?\s+\w+)\b", re.IGNORECASE)


@dataclass
class AlignParams:
    """Weights of the claim-pair score and the cut; tuned on the shipped example and dev data."""

    threshold: float = 0.72
    same_event: float = 0.12
    opposed_event: float = 0.08
    different_event: float = -0.12
    shared_actor: float = 0.06
    shared_place: float = 0.08
    shared_supporters: float = 0.12
    part_mismatch: float = -0.3  # one claim about a district, the other about the whole city
    part_match: float = 0.15
    candidate_floor: float = 0.35  # pairs below this cosine are never aligned (max bonuses < cut - floor)
    # Event types too generic to align on by type alone.
    weak_events: tuple[str, ...] = ("STATEMENT", "LOCATE")


def _place_ids(claim: Claim) -> set[int]:
    return {p.place.geonameid for p in claim.places if p.place and p.place.geonameid}


def pair_score(a: Claim, b: Claim, cosine: float, params: AlignParams) -> float:
    """How strongly two claims are about the same proposition (before the verdict)."""
    score = cosine
    if a.event_type and b.event_type:
        if a.event_type == b.event_type and a.event_type not in params.weak_events:
            score += params.same_event
        elif _opposed(a, b):
            score += params.opposed_event
        elif a.event_type != b.event_type:
            score += params.different_event
    if actor_overlap(a.actors, b.actors) or actor_overlap(a.targets, b.targets):
        score += params.shared_actor
        if a.event_type == b.event_type == "SUPPORT" and actor_overlap(a.actors, b.actors):
            # A support relation is its supporters and the supported: the same backers make it
            # the same relation, or a conflicting version of it ("backed the rebels" vs "the government").
            score += params.shared_supporters
    if _place_ids(a) & _place_ids(b):
        score += params.shared_place
    part_a, part_b = _names_part(a), _names_part(b)
    if part_a != part_b:
        score += params.part_mismatch
    elif part_a and a.event_type == b.event_type:
        score += params.part_match
    return score


def _names_part(claim: Claim) -> bool:
    """Whether the claim is about part of a place ("the north-eastern districts of Hama")."""
    return any(_PART_OF_PLACE.search(t) for t in claim.targets) or bool(_PART_OF_PLACE.search(claim.text)
                                                                        and claim.event_type == "SEIZE")


def _opposed(a: Claim, b: Claim) -> bool:
    """Opposite versions of one happening: the same party takes vs leaves/loses the place."""
    types = {a.event_type, b.event_type}
    if types == {"SEIZE", "EXPEL"}:
        seizer, expelled = (a, b) if a.event_type == "SEIZE" else (b, a)
        return actor_overlap(seizer.actors, expelled.targets)
    if frozenset(types) in OPPOSED:
        return actor_overlap(a.actors, b.actors)
    return False


def _signature(claim: Claim) -> str:
    """What pair_score reads of a claim, as one string: equal signatures score equally."""
    places = ",".join(sorted(str(i) for i in _place_ids(claim)))
    return "|".join((claim.text, claim.event_type or "", ";".join(claim.actors), ";".join(claim.targets), places))


def claim_text_for_embedding(claim: Claim) -> str:
    return claim.text


def align_story(story: Story, articles: dict[str, Article], embedder: Embedder,
                params: AlignParams | None = None) -> list[ClaimGroup]:
    """Claim groups of one story, each with mentions from one or more reports."""
    params = params or AlignParams()
    claims = [c for aid in story.articles for c in articles[aid].claims]
    if not claims:
        return []
    vectors = encode_unique(embedder, [claim_text_for_embedding(c) for c in claims])
    cosine = np.clip(vectors @ vectors.T, 0.0, 1.0).astype(np.float64)
    sim = cosine.copy()
    # Blocking: only pairs whose meaning is already close get the structured features; the rest
    # keep their cosine, far below the cut. Identical claims (syndicated copies) are scored once.
    rows, cols = np.nonzero(np.triu(cosine >= params.candidate_floor, k=1))
    scored: dict[tuple[str, str], float] = {}
    signatures = [_signature(c) for c in claims]
    for i, j in zip(rows.tolist(), cols.tolist()):
        key = (signatures[i], signatures[j])
        if key not in scored:
            scored[key] = min(1.0, pair_score(claims[i], claims[j], float(cosine[i, j]), params))
        sim[i, j] = sim[j, i] = scored[key]
    np.fill_diagonal(sim, 1.0)
    groups = []
    for members in cluster_reports(sim, params.threshold):
        group_claims = sorted((claims[i] for i in members), key=lambda c: (story.articles.index(c.article_id), c.start))
        groups.append(_make_group(group_claims, articles))
    return sorted(groups, key=lambda g: (-len({m.article for m in g.mentions}), g.id))


def _make_group(claims: list[Claim], articles: dict[str, Article]) -> ClaimGroup:
    mentions = [Mention(article=c.article_id, claim=c.id, text=c.text, start=c.start, end=c.end,
                        attribution=list(c.attribution), source=articles[c.article_id].source) for c in claims]
    # The summary: the body statement rather than the headline-style lead when there is a choice.
    summary_claim = next((c for c in claims if not c.lead), claims[0])
    summary = _spell_out_subject(summary_claim)
    gid = "g-" + hashlib.sha256("|".join(sorted(c.id for c in claims)).encode()).hexdigest()[:12]
    event_types = [c.event_type for c in claims if c.event_type]
    return ClaimGroup(id=gid, summary=summary, mentions=mentions,
                      event_type=max(set(event_types), key=event_types.count) if event_types else None)


_LEADING_PRONOUN = re.compile(r"^(it|they|he|she)\b", re.IGNORECASE)


def _spell_out_subject(claim: Claim) -> str:
    """The claim text with a leading pronoun replaced by whom it stands for ("it withdrew" -> "The army withdrew")."""
    match = _LEADING_PRONOUN.match(claim.text)
    if match and claim.actors and claim.actors[0].lower() not in ("it", "they", "he", "she"):
        actor = claim.actors[0]
        return actor[0].upper() + actor[1:] + claim.text[match.end():]
    return claim.text


class AlignClaims:
    """Pipeline stage: sets `story.claims` (claim groups with mentions) for every story."""

    name = "align"
    requires = ("stories", "articles[].claims")
    assigns = ("stories[].claims",)

    def __init__(self, embedder: Embedder | None = None, params: AlignParams | None = None) -> None:
        self._embedder = embedder
        self.params = params or AlignParams()

    def __call__(self, analysis: Analysis) -> Analysis:
        embedder = self._embedder or load_embedder("minilm")
        by_id = {a.id: a for a in analysis.articles}
        for story in analysis.stories:
            story.claims = align_story(story, by_id, embedder, self.params)
        return analysis
