"""Grouping reports of the same event into stories (stories stage).

Reports of one event share their lead's meaning, their named actors, figures and places, and were
published within days of each other; reports of another event of the same kind (another battle
in the same war) share the topic but not the specifics. The score mixes the MiniLM cosine of
title + lead with the cosine of the rarest words of the whole text and of the words of the named
entities and figures (stories.terms), and place overlap, discounted by the gap between
publication dates; average-linkage clustering cuts the tree at one threshold.

When a report carries no publication date, the year it speaks from still tells two events of one
kind apart (the same coach hired twice, years apart): a report's year is its publication year, else
the latest year its own time expressions name (a report rarely names a year after its own). Two
reports of the same year gain a bonus, reports years apart are discounted; pairs that both have a
publication date are left to the day gap, which is finer.

Two events of one kind can share nearly every word and still be two events: two players of one team
arrested for drunk driving a month apart. Their reports then disagree on who the report is about
(stories.terms.protagonists_conflict): such a pair is discounted, so the two halves fall under the
cut while reports of one event, which name the same protagonist, are untouched.

A short report (a 20-word brief) or one that tells the event from another angle shares fewer of
the specifics, so it can fall just under the cut and stand alone beside its story. After the cut,
stories of at most `attach_size` reports therefore join the larger story they are on average
closest to when that average reaches the lower `attach_threshold`. Two large stories still need
the full threshold to merge: that is where two events of one kind would be confused.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from ..model import Analysis, Article, Story, StoryPlace
from .embed import Embedder, encode_unique, load_embedder
from .terms import Bag, name_terms, person_counts, protagonist, text_terms

_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT"}
LEAD_SENTENCES = 3


@dataclass
class StoryParams:
    """Weights and the cut of the clustering; tuned on dev data only (docs/benchmarks.md)."""

    weight_embedding: float = 0.2  # lead meaning: finds the topic
    weight_terms: float = 0.4  # rare words of the whole text: the event's specifics
    weight_names: float = 0.4  # named entities, figures, dates: who, how many, when
    weight_places: float = 0.1
    weight_entities: float = 0.0  # Jaccard of entity strings: superseded by weight_names, kept for callers
    weight_year: float = 0.15  # same report year, when at least one of the two has no publication date
    year_gap_discount: float = 0.8  # report years more than one apart (same condition)
    protagonist_discount: float = 0.75  # the two reports are about different people (terms.protagonists_conflict)
    threshold: float = 0.34  # minimum average similarity inside a story
    attach_threshold: float = 0.28  # a small story joins a larger one at this average similarity
    attach_size: int = 3  # stories of at most this many reports are small
    max_gap_days: int = 7  # reports further apart than this are discounted
    gap_discount: float = 0.5


@dataclass
class ReportProfile:
    """What the story grouping compares: meaning of the lead, actors, places, date, distinctive words."""

    vector: np.ndarray
    entities: frozenset[str]
    places: frozenset[int]
    published: date | None
    terms: Bag = field(default_factory=dict)  # stories.terms.text_terms
    names: Bag = field(default_factory=dict)  # stories.terms.name_terms
    year: int | None = None  # report_year: publication year, else the latest year the text names
    persons: dict[str, int] = field(default_factory=dict)  # stories.terms.person_counts


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
        profiles.append(ReportProfile(vector, entities, places, parse_date(article.published),
                                      text_terms(article), name_terms(article), report_year(article),
                                      person_counts(article)))
    return profiles


_YEAR_VALUE = re.compile(r"((?:19|20)\d\d)(?:$|-)")  # TIMEX3 values of a known year: "2013", "2013-08-02", "2009-FA"


def report_year(article: Article) -> int | None:
    """The year a report speaks from: its publication year, else the latest year its time expressions name."""
    published = parse_date(article.published)
    if published:
        return published.year
    years = [int(m.group(1)) for t in article.times if t.value and (m := _YEAR_VALUE.match(t.value))]
    return max(years) if years else None


def parse_date(value: str | None) -> date | None:
    """The date of an ISO date(-time) string; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def similarity_matrix(profiles: list[ReportProfile], params: StoryParams) -> np.ndarray:
    """Pairwise report similarity (the weights sum to about 1); the diagonal is 1."""
    n = len(profiles)
    if n == 0:
        return np.zeros((0, 0))
    vectors = np.stack([p.vector for p in profiles]).astype(np.float64)
    sim = params.weight_embedding * np.clip(vectors @ vectors.T, 0.0, 1.0)
    if params.weight_terms:
        sim += params.weight_terms * _bag_cosines([p.terms for p in profiles])
    if params.weight_names:
        sim += params.weight_names * _bag_cosines([p.names for p in profiles])
    if params.weight_entities:
        sim += params.weight_entities * _jaccards([p.entities for p in profiles])
    if params.weight_places:
        sim += params.weight_places * _jaccards([p.places for p in profiles])
    days = np.array([p.published.toordinal() if p.published else -1 for p in profiles])
    dated = days >= 0
    both_dated = dated[:, None] & dated[None, :]
    years = np.array([p.year or -1 for p in profiles])
    # The report year speaks only where a publication date is missing on one side (module docstring).
    yeared = (years > 0)[:, None] & (years > 0)[None, :] & ~both_dated
    year_gap = np.abs(years[:, None] - years[None, :])
    sim = sim + params.weight_year * (yeared & (year_gap == 0))
    sim = np.where(yeared & (year_gap > 1), sim * params.year_gap_discount, sim)
    far = np.abs(days[:, None] - days[None, :]) > params.max_gap_days
    sim = np.where(far & both_dated, sim * params.gap_discount, sim)
    if params.protagonist_discount != 1.0:
        sim[protagonist_conflicts(profiles)] *= params.protagonist_discount
    np.fill_diagonal(sim, 1.0)
    return sim


def protagonist_conflicts(profiles: list[ReportProfile]) -> np.ndarray:
    """Boolean matrix of the pairs about different people (terms.protagonists_conflict), vectorised."""
    n = len(profiles)
    conflicts = np.zeros((n, n), dtype=bool)
    leads = {i: name for i, p in enumerate(profiles) if (name := protagonist(p.persons))}
    if len(leads) < 2:
        return conflicts
    rows = sorted(leads)
    column = {name: k for k, name in enumerate(sorted(set(leads.values())))}
    # counts[i, k]: how often report rows[i] names protagonist k (sparse: a report names few of them);
    # mentions[i, j]: how often report rows[i] names the protagonist of report rows[j].
    entries = [(i, column[name], c) for i, r in enumerate(rows) for name, c in profiles[r].persons.items()
               if name in column]
    at, names, values = zip(*entries)
    counts = csr_matrix((values, (at, names)), shape=(len(rows), len(column)), dtype=np.int32)
    own = np.array([column[leads[i]] for i in rows])
    mentions = counts[:, own].toarray()
    lead_count = mentions.diagonal()
    side_note = 2 * mentions < lead_count[:, None]
    different = own[:, None] != own[None, :]
    conflicts[np.ix_(rows, rows)] = different & side_note & side_note.T
    return conflicts


def _sparse_rows(rows: list[dict]) -> csr_matrix:
    """One sparse row per {key: weight} (sets count each member as 1)."""
    columns: dict = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        for key, weight in row.items():
            indices.append(columns.setdefault(key, len(columns)))
            data.append(weight)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), max(1, len(columns))), dtype=np.float64)


def _bag_cosines(bags: list[Bag]) -> np.ndarray:
    matrix = _sparse_rows(bags)
    return (matrix @ matrix.T).toarray()


def _jaccards(sets: list[frozenset]) -> np.ndarray:
    matrix = _sparse_rows([dict.fromkeys(s, 1.0) for s in sets])
    shared = (matrix @ matrix.T).toarray()
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    union = sizes[:, None] + sizes[None, :] - shared
    # An empty set shares nothing: 0, as for two disjoint sets.
    return np.divide(shared, union, out=np.zeros_like(shared), where=(union > 0) & (shared > 0))


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


def cluster_stories(sim: np.ndarray, params: StoryParams) -> list[list[int]]:
    """Stories of the reports of a similarity matrix: average linkage, then small stories attached."""
    return attach_small_stories(sim, cluster_reports(sim, params.threshold), params)


def attach_small_stories(sim: np.ndarray, groups: list[list[int]], params: StoryParams) -> list[list[int]]:
    """Move each story of at most `attach_size` reports into the larger story it is closest to on
    average, when that average reaches `attach_threshold` (the larger stories are those of the cut,
    so the result does not depend on the order of the small ones)."""
    large = [g for g in groups if len(g) > params.attach_size]
    if not large:
        return groups
    # Row sums of the similarity over each large story's members: one pass over the matrix.
    order = [i for g in large for i in g]
    starts = np.cumsum([0] + [len(g) for g in large[:-1]])
    to_large = np.add.reduceat(sim[:, order], starts, axis=1) / np.array([len(g) for g in large])
    joined: list[list[int]] = [list(g) for g in large]
    alone = []
    for small in (g for g in groups if len(g) <= params.attach_size):
        scores = to_large[small].mean(axis=0)
        best = int(np.argmax(scores))
        if scores[best] >= params.attach_threshold:
            joined[best].extend(small)
        else:
            alone.append(small)
    return sorted([sorted(g) for g in joined] + alone, key=lambda g: g[0])


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
    stories = [build_story([articles[i] for i in group]) for group in cluster_stories(sim, params)]
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
