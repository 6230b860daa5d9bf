"""Grouping reports of the same event into stories (stories stage).

Reports of one event share their lead's meaning, their named actors and their places, and were
published within days of each other; reports of another event of the same kind (another battle
in the same war) share the topic but not the specifics. The score mixes the MiniLM cosine of
title + lead with entity and place overlap, discounted by the gap between publication dates, and
average-linkage clustering cuts the tree at one threshold.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from ..model import Analysis, Article, Story, StoryPlace
from .embed import Embedder, encode_unique, load_embedder

_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT"}
LEAD_SENTENCES = 3


@dataclass
class StoryParams:
    """Weights and the cut of the clustering; tuned on dev data only (docs/benchmarks.md)."""

    weight_embedding: float = 0.6
    weight_entities: float = 0.2
    weight_places: float = 0.2
    threshold: float = 0.42  # minimum average similarity inside a story
    max_gap_days: int = 7  # reports further apart than this are discounted
    gap_discount: float = 0.5


@dataclass
class ReportProfile:
    """What the story grouping compares: meaning of the lead, actors, places, date."""

    vector: np.ndarray
    entities: frozenset[str]
    places: frozenset[int]
    published: date | None


def lead_text(article: Article) -> str:
    """Title plus the first sentences: where a news report states its event."""
    spans = article.sentences[:LEAD_SENTENCES] or [(0, min(len(article.text), 600))]
    lead = " ".join(article.text[s:e] for s, e in spans)
    return f"{article.title}. {lead}" if article.title else lead


def profile_reports(articles: list[Article], embedder: Embedder) -> list[ReportProfile]:
    vectors = encode_unique(embedder, [lead_text(a) for a in articles])
    profiles = []
    for article, vector in zip(articles, vectors):
        entities = frozenset(e.text.lower() for e in article.entities if e.label in _ENTITY_LABELS)
        places = frozenset(p.place.geonameid for p in article.places if p.place and p.place.geonameid)
        profiles.append(ReportProfile(vector, entities, places, parse_date(article.published)))
    return profiles


def parse_date(value: str | None) -> date | None:
    """The date of an ISO date(-time) string; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity_matrix(profiles: list[ReportProfile], params: StoryParams) -> np.ndarray:
    """Pairwise report similarity in [0, 1]."""
    n = len(profiles)
    vectors = np.stack([p.vector for p in profiles]) if n else np.zeros((0, 1))
    cosine = np.clip(vectors @ vectors.T, 0.0, 1.0)
    sim = params.weight_embedding * cosine
    for i in range(n):
        for j in range(i + 1, n):
            a, b = profiles[i], profiles[j]
            extra = params.weight_entities * _jaccard(a.entities, b.entities)
            extra += params.weight_places * _jaccard(a.places, b.places)
            score = sim[i, j] + extra
            if a.published and b.published and abs((a.published - b.published).days) > params.max_gap_days:
                score *= params.gap_discount
            sim[i, j] = sim[j, i] = score
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster_reports(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters whose members are on average at least `threshold` similar."""
    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    distance = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def story_id(article_ids: list[str]) -> str:
    """Stable id: derived from the earliest-sorting member, so it survives new members joining later."""
    return "s-" + hashlib.sha256(min(article_ids).encode()).hexdigest()[:12]


def build_story(members: list[Article]) -> Story:
    ordered = sorted(members, key=lambda a: (a.published or "9999", a.id))
    counts: Counter[int] = Counter()
    spellings: dict[int, Counter[str]] = {}
    first: dict[int, StoryPlace] = {}
    for article in members:
        for mention in article.places:
            place = mention.place
            if place is None or place.geonameid is None:
                continue
            counts[place.geonameid] += 1
            spellings.setdefault(place.geonameid, Counter())[mention.text] += 1
            first.setdefault(place.geonameid, StoryPlace(place.name, place.geonameid, place.lat, place.lon,
                                                         place.country_code, 0))
    places = []
    for geonameid, count in counts.most_common():
        entry = first[geonameid]
        entry.mentions = count
        # Name a place as the reports spell it ("Hama"), not as GeoNames does ("Ḩamāh").
        entry.name = spellings[geonameid].most_common(1)[0][0]
        places.append(entry)
    title = next((a.title for a in ordered if a.title), None) or lead_text(ordered[0])[:120]
    return Story(id=story_id([a.id for a in members]), title=title, articles=[a.id for a in ordered], places=places)


def group_stories(articles: list[Article], embedder: Embedder, params: StoryParams | None = None) -> list[Story]:
    """Stories of the given reports, largest first."""
    params = params or StoryParams()
    if not articles:
        return []
    sim = similarity_matrix(profile_reports(articles, embedder), params)
    stories = [build_story([articles[i] for i in group]) for group in cluster_reports(sim, params.threshold)]
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


class GroupStories:
    """Pipeline stage: sets `analysis.stories` (ids, titles, member articles, places)."""

    name = "stories"
    requires = ("articles",)
    assigns = ("stories",)

    def __init__(self, embedder: Embedder | None = None, params: StoryParams | None = None) -> None:
        self._embedder = embedder
        self.params = params or StoryParams()

    def __call__(self, analysis: Analysis) -> Analysis:
        embedder = self._embedder or load_embedder("minilm")
        analysis.stories = group_stories([a for a in analysis.articles if a.claims or a.text], embedder, self.params)
        return analysis
