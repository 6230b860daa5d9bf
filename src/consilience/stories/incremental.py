"""Incremental story clustering: each new report joins a story or starts one (stories stage, `ingest`).

Batch grouping (group.py) compares every pair of reports: fine for one run, quadratic for a
store that keeps growing. Here a report is compared only with the stories of its nearest
neighbours, found by an approximate-nearest-neighbour index over the lead vectors of the stories
still in the time window, and joins the best one when its average similarity to the members
reaches the batch threshold: the same rule average linkage uses to merge a singleton, so the
two partitions agree (and, as the batch grouping attaches small stories, it joins a large story
at the lower attach threshold). Stories whose newest report left the window age out of the index, which
keeps the per-report cost flat as the store grows.

The ANN index is usearch (HNSW, one PyPI wheel for every platform, no compile, and it removes
keys, which aging needs; faiss-cpu is a 30 MB wheel whose HNSW index cannot remove; hnswlib
ships no wheel for current Pythons). The index is rebuilt from the profiles stored in the
database when a store is opened, not saved beside it: it only holds the window, rebuilding is
seconds, and a file next to the database could fall out of step with it after a crash.

Ids are stable: a story keeps the id it was created with as reports join; a merge keeps the
older story's id and records the other; a split keeps the id for the larger part. Every change
is kept in `Story.history`.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..model import Analysis, Article, StoryChange
from ..store.base import Store
from .embed import Embedder, load_embedder
from .group import (
    ReportProfile,
    StoryParams,
    build_story,
    cluster_stories,
    parse_date,
    profile_reports,
    similarity_matrix,
    story_id,
)
from .terms import bag_cosine, protagonist, protagonists_conflict


@dataclass
class IncrementalParams:
    """How far back a report looks and how much it compares; the similarity is the batch one."""

    story: StoryParams = field(default_factory=StoryParams)
    window_days: int = 30  # stories whose newest report is older than this (vs the newest seen) age out
    neighbours: int = 16  # nearest reports asked of the ANN index per new report
    max_compare: int = 48  # members (newest) compared per candidate story: bounds the cost of big stories
    merge_floor: float = 0.75  # candidates scoring this share of the threshold are checked for a merge
    recheck_max: int = 48
    recluster_max: int = 64  # reports re-clustered together around a changed story (consolidate)  # stories up to this size are re-clustered after a merge (splits)
    age_every: int = 256  # reports between two aging sweeps


PROFILE_VERSION = 4  # 2: + distinctive words (terms, names); 3: + report year; 4: + person counts; older are recomputed


def encode_profile(profile: ReportProfile) -> bytes:
    """Bytes of a profile for the store: vector length, float32 vector, then JSON of the rest."""
    vector = np.asarray(profile.vector, dtype=np.float32)
    extra = {"v": PROFILE_VERSION, "e": sorted(profile.entities), "p": sorted(profile.places),
             "d": profile.published.isoformat() if profile.published else None,
             "t": profile.terms, "n": profile.names, "y": profile.year, "pp": profile.persons}
    return struct.pack("<I", vector.size) + vector.tobytes() + json.dumps(extra).encode()


def decode_profile(blob: bytes) -> ReportProfile:
    """The ReportProfile `encode_profile` wrote (older versions come back without terms, names, year or persons)."""
    (size,) = struct.unpack_from("<I", blob)
    end = 4 + 4 * size
    vector = np.frombuffer(blob[4:end], dtype=np.float32).copy()
    extra = json.loads(blob[end:].decode())
    published = date.fromisoformat(extra["d"]) if extra["d"] else None
    return ReportProfile(vector, frozenset(extra["e"]), frozenset(extra["p"]), published,
                         extra.get("t", {}), extra.get("n", {}), extra.get("y"), extra.get("pp", {}))


def profile_version(blob: bytes) -> int:
    """The encoding version of stored profile bytes (1 for profiles written before versions existed)."""
    (size,) = struct.unpack_from("<I", blob)
    return int(json.loads(blob[4 + 4 * size:].decode()).get("v", 1))


def similarity_to(profile: ReportProfile, others: list[ReportProfile], params: StoryParams) -> np.ndarray:
    """Similarity of one report to each of `others`: the batch formula (group.similarity_matrix), one row."""
    if not others:
        return np.zeros(0)
    vectors = np.stack([o.vector for o in others]).astype(np.float64)
    scores = params.weight_embedding * np.clip(vectors @ np.asarray(profile.vector, dtype=np.float64), 0.0, 1.0)
    entities, places, published, year = profile.entities, profile.places, profile.published, profile.year
    # Only a report with a protagonist can conflict on it: most reports skip the check.
    persons = profile.persons if params.protagonist_discount != 1.0 and protagonist(profile.persons) else None
    for i, other in enumerate(others):
        if params.weight_terms:
            scores[i] += params.weight_terms * bag_cosine(profile.terms, other.terms)
        if params.weight_names:
            scores[i] += params.weight_names * bag_cosine(profile.names, other.names)
        if params.weight_entities and entities and other.entities:
            scores[i] += params.weight_entities * len(entities & other.entities) / len(entities | other.entities)
        if params.weight_places and places and other.places:
            scores[i] += params.weight_places * len(places & other.places) / len(places | other.places)
        if year and other.year and not (published and other.published):
            if year == other.year:
                scores[i] += params.weight_year
            elif abs(year - other.year) > 1:
                scores[i] *= params.year_gap_discount
        if published and other.published and abs((published - other.published).days) > params.max_gap_days:
            scores[i] *= params.gap_discount
        if persons and other.persons and protagonists_conflict(persons, other.persons):
            scores[i] *= params.protagonist_discount
    return scores


@dataclass
class _Cluster:
    members: list[str]
    born: int  # logical clock at creation: the older of two merging stories keeps its id
    newest: date | None = None


class StoryClusterer:
    """Assigns reports one at a time to stories over an ANN index of the reports in the window.

    `assign` returns the story id; `changes` collects per story what happened since the last
    `take_changes`, and `touched` the stories whose membership changed (to re-align and save).
    """

    def __init__(self, params: IncrementalParams | None = None, dimensions: int = 384) -> None:
        self.params = params or IncrementalParams()
        self._dimensions = dimensions
        self._index = self._new_index()
        self._tombstones = 0  # removed keys still inside the HNSW graph
        self.profiles: dict[str, ReportProfile] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, _Cluster] = {}
        self._key_of: dict[str, int] = {}
        self._article_of: dict[int, str] = {}
        self._next_key = 0
        self.clock = 0
        self.newest: date | None = None
        self.changes: dict[str, list[StoryChange]] = {}
        self.touched: set[str] = set()
        self.removed: set[str] = set()  # ids merged away during this run
        self._recent: set[str] = set()  # stories changed since the last consolidation sweep
        self.aged_out = 0
        self.archived: dict[str, str] = {}  # article id -> story id, of stories that aged out

    # --- state -------------------------------------------------------------------------------

    def _new_index(self):
        from usearch.index import Index

        return Index(ndim=self._dimensions, metric="cos", dtype="f32")

    def _forget_key(self, key: int) -> None:
        """Drop one report from the ANN index, rebuilding it once removed entries outnumber live ones.

        usearch only marks a removed node: the graph keeps it, so in a stream where the window
        slides forever the index would hold every report ever seen and searches would crawl
        through the dead ones. Rebuilding from the live profiles when the dead outnumber them
        costs O(live) once per O(live) removals: amortised constant per report.
        """
        self._index.remove(key, threads=1)
        self._tombstones += 1
        live = len(self._article_of)
        if self._tombstones > max(1024, live):
            self._rebuild_index()

    def _rebuild_index(self) -> None:
        index = self._new_index()
        if self._article_of:
            keys = np.fromiter(self._article_of, dtype=np.uint64, count=len(self._article_of))
            vectors = np.stack([self.profiles[self._article_of[int(k)]].vector for k in keys]).astype(np.float32)
            index.add(keys, vectors, threads=1)
        self._index = index
        self._tombstones = 0

    def load_story(self, sid: str, members: list[str], profiles: dict[str, ReportProfile]) -> None:
        """Put an existing story (from the store) back into the candidate set."""
        kept = [m for m in members if m in profiles]
        if not kept:
            return
        self.stories[sid] = _Cluster(list(kept), born=-len(self.stories) - 1)
        for article_id in kept:
            self._remember(article_id, profiles[article_id], sid)

    def _remember(self, article_id: str, profile: ReportProfile, sid: str) -> None:
        self.profiles[article_id] = profile
        self.story_of[article_id] = sid
        key = self._next_key
        self._next_key += 1
        self._key_of[article_id] = key
        self._article_of[key] = article_id
        self._index.add(key, np.asarray(profile.vector, dtype=np.float32), threads=1)
        cluster = self.stories[sid]
        if profile.published and (cluster.newest is None or profile.published > cluster.newest):
            cluster.newest = profile.published
        if profile.published and (self.newest is None or profile.published > self.newest):
            self.newest = profile.published

    def take_changes(self) -> tuple[set[str], dict[str, list[StoryChange]], set[str]]:
        """(touched story ids still alive, their new history entries, ids merged away) since the last call."""
        self.consolidate()
        touched = {s for s in self.touched if s in self.stories}
        result = (touched, self.changes, set(self.removed))
        self.touched, self.changes, self.removed = set(), {}, set()
        return result

    # --- assignment --------------------------------------------------------------------------

    def assign(self, article_id: str, profile: ReportProfile) -> str:
        """Put one report into the best candidate story (or a new one); merge stories it bridges."""
        if article_id in self.story_of:
            return self.story_of[article_id]
        self.clock += 1
        threshold = self.params.story.threshold
        scored = self._score_candidates(profile)
        best = max(scored, key=lambda s: (scored[s], -self.stories[s].born)) if scored else None
        if best is not None and scored[best] < threshold:
            # As in the batch grouping, a report left alone still joins a large story close enough.
            large = [s for s in scored if len(self.stories[s].members) > self.params.story.attach_size]
            best = max(large, key=lambda s: (scored[s], -self.stories[s].born)) if large else None
            if best is not None and scored[best] < self.params.story.attach_threshold:
                best = None
        if best is not None:
            sid = best
            self.stories[sid].members.append(article_id)
        else:
            sid = story_id([article_id])
            while sid in self.stories:  # a removed report re-added: keep ids unique
                sid = story_id([sid])
            self.stories[sid] = _Cluster([article_id], born=self.clock)
            self._record(sid, StoryChange("created", None, [article_id], self.clock))
        self._remember(article_id, profile, sid)
        self.touched.add(sid)
        if sid == best:
            for other in sorted(scored, key=lambda s: -scored[s]):
                if other != sid and other in self.stories and sid in self.stories and scored[other] >= threshold * self.params.merge_floor:
                    sid = self._maybe_merge(sid, other)
        self._recent.add(self.story_of[article_id])
        if self.clock % self.params.age_every == 0:
            self.consolidate()
            self.age_out()
        return self.story_of[article_id]

    def consolidate(self) -> int:
        """Re-cluster the neighbourhood of every story changed since the last sweep; returns stories changed.

        A join only compares the new report with its own candidates, in arrival order. Here each
        changed story and the stories its members' ANN neighbours belong to (at most
        `recluster_max` reports) are clustered again by average linkage, as the batch grouping
        would: stories that grew towards each other merge, a story the new evidence cuts splits.
        """
        changed = 0
        done: set[str] = set()
        for sid in sorted(self._recent):
            if sid in self.stories and sid not in done:
                group = self._neighbourhood(sid)
                done |= set(group)
                changed += self._recluster(group)
        self._recent = set()
        return changed

    def _neighbourhood(self, sid: str) -> list[str]:
        """The story and its nearest neighbouring stories, up to `recluster_max` reports in all."""
        chosen, size = [sid], len(self.stories[sid].members)
        for other in self._neighbour_stories(sid):
            extra = len(self.stories[other].members)
            if size + extra > self.params.recluster_max:
                continue
            chosen.append(other)
            size += extra
        return chosen

    def _recluster(self, sids: list[str]) -> int:
        """Average-linkage over the members of these stories; ids follow the rules of the module docstring."""
        if len(sids) < 2 and len(self.stories[sids[0]].members) < 3:
            return 0
        members = [m for sid in sids for m in self.stories[sid].members]
        sim = similarity_matrix([self.profiles[m] for m in members], self.params.story)
        groups = [[members[i] for i in g] for g in cluster_stories(sim, self.params.story)]
        old = {sid: set(self.stories[sid].members) for sid in sids}
        if sorted(map(sorted, groups)) == sorted(map(sorted, old.values())):
            return 0
        groups.sort(key=lambda g: (-len(g), g[0]))
        # Each old story's id goes with its largest part; a group holding several keeps the oldest.
        home = {sid: max(range(len(groups)), key=lambda k: (len(old[sid] & set(groups[k])), -k)) for sid in sids}
        born = {sid: self.stories[sid].born for sid in sids}
        clusters = {sid: self.stories.pop(sid) for sid in sids}
        for k, group in enumerate(groups):
            claimants = sorted((sid for sid in sids if home[sid] == k), key=lambda sid: (born[sid], sid))
            if claimants:
                sid, merged = claimants[0], claimants[1:]
                self.stories[sid] = _Cluster(group, born=born[sid])
            else:
                sid, merged = story_id(group), []
                while sid in self.stories or sid in clusters:
                    sid = story_id([sid])
                self.stories[sid] = _Cluster(group, born=self.clock)
                source = max(sids, key=lambda o: (len(old[o] & set(group)), -born[o]))
                self._record(source, StoryChange("split", sid, list(group), self.clock))
                self._record(sid, StoryChange("split", source, list(group), self.clock))
            for gone in merged:
                self._record(sid, StoryChange("merged", gone, sorted(old[gone] & set(group)), self.clock))
                self.changes.pop(gone, None)
                self.removed.add(gone)
                self.touched.discard(gone)
            dates = [self.profiles[m].published for m in group if self.profiles[m].published]
            self.stories[sid].newest = max(dates) if dates else None
            for article_id in group:
                self.story_of[article_id] = sid
            self.touched.add(sid)
        for sid in sids:
            if sid not in self.stories:
                self.removed.add(sid)
                self.touched.discard(sid)
            else:
                self.removed.discard(sid)
        return len(groups)

    def _neighbour_stories(self, sid: str) -> list[str]:
        members = self.stories[sid].members[-self.params.max_compare // 2:]
        vectors = np.stack([self.profiles[m].vector for m in members]).astype(np.float32)
        found = self._index.search(vectors, self.params.neighbours, threads=1)
        keys = np.atleast_2d(found.keys).ravel()
        live = (self._article_of.get(int(k)) for k in keys)
        newest = self.stories[sid].newest
        return [other for other in dict.fromkeys(self.story_of[a] for a in live if a is not None and self.story_of[a] != sid)
                if self._within_window(self.stories[other].newest, newest)]

    def _score_candidates(self, profile: ReportProfile) -> dict[str, float]:
        """Average similarity of the report to each story holding one of its nearest neighbours."""
        if len(self._index) == 0:
            return {}
        found = self._index.search(np.asarray(profile.vector, dtype=np.float32), self.params.neighbours, threads=1)
        # Removed keys can still surface from the graph: only reports still in the window count.
        live = (self._article_of.get(int(k)) for k in found.keys)
        candidates = [sid for sid in dict.fromkeys(self.story_of[a] for a in live if a is not None)
                      if self._within_window(self.stories[sid].newest, profile.published)]
        if not candidates:
            return {}
        # One similarity row over the (newest, capped) members of every candidate, then a mean per story.
        samples = [self.stories[sid].members[-self.params.max_compare:] for sid in candidates]
        row = similarity_to(profile, [self.profiles[m] for sample in samples for m in sample], self.params.story)
        starts = np.cumsum([0] + [len(sample) for sample in samples[:-1]])
        means = np.add.reduceat(row, starts) / np.array([len(sample) for sample in samples])
        return dict(zip(candidates, means.tolist()))

    def _within_window(self, a: date | None, b: date | None) -> bool:
        """Whether two dates (a story's newest report, a report or another story's newest) are
        within the window of each other; an unknown date is within every window.

        Aging sweeps run only every `age_every` reports, and an `ingest` call loads the stories
        of its whole batch's window: without this check a report, or a consolidation sweep,
        could join a story that went quiet more than a window earlier.
        """
        if a is None or b is None:
            return True
        return abs((a - b).days) <= self.params.window_days

    def _linkage(self, a: list[str], b: list[str]) -> float:
        """Average-linkage similarity between two member lists (each capped at its newest members)."""
        cap = self.params.max_compare // 2
        others = [self.profiles[m] for m in b[-cap:]]
        return float(np.mean([similarity_to(self.profiles[m], others, self.params.story).mean() for m in a[-cap:]]))

    def _maybe_merge(self, sid: str, other: str) -> str:
        """Merge two stories when their average linkage reaches the threshold; returns the surviving id."""
        if self._linkage(self.stories[sid].members, self.stories[other].members) < self._merge_threshold(sid, other):
            return sid
        keep, gone = (sid, other) if self.stories[sid].born <= self.stories[other].born else (other, sid)
        moved = self.stories.pop(gone)
        kept = self.stories[keep]
        kept.members.extend(moved.members)
        if moved.newest and (kept.newest is None or moved.newest > kept.newest):
            kept.newest = moved.newest
        for article_id in moved.members:
            self.story_of[article_id] = keep
        self._record(keep, StoryChange("merged", gone, list(moved.members), self.clock))
        self.changes.pop(gone, None)
        self.touched.add(keep)
        self.touched.discard(gone)
        self.removed.add(gone)
        self._maybe_split(keep)
        return keep if keep in self.stories else sid

    def _merge_threshold(self, sid: str, other: str) -> float:
        """The batch rule: a small story joins a large one at the attach threshold, else the full one."""
        story = self.params.story
        sizes = sorted((len(self.stories[sid].members), len(self.stories[other].members)))
        return story.attach_threshold if sizes[0] <= story.attach_size < sizes[1] else story.threshold

    def _maybe_split(self, sid: str) -> None:
        """Re-cluster a small story after a merge: evidence may now cut it; the larger part keeps the id."""
        members = self.stories[sid].members
        if len(members) < 3 or len(members) > self.params.recheck_max:
            return
        sim = similarity_matrix([self.profiles[m] for m in members], self.params.story)
        groups = cluster_stories(sim, self.params.story)
        if len(groups) < 2:
            return
        groups.sort(key=lambda g: (-len(g), g[0]))
        self.stories[sid].members = [members[i] for i in groups[0]]
        for group in groups[1:]:
            part = [members[i] for i in group]
            new = story_id(part)
            while new in self.stories:
                new = story_id([new])
            self.stories[new] = _Cluster(part, born=self.clock)
            newest = [self.profiles[m].published for m in part if self.profiles[m].published]
            self.stories[new].newest = max(newest) if newest else None
            for article_id in part:
                self.story_of[article_id] = new
            self._record(sid, StoryChange("split", new, part, self.clock))
            self._record(new, StoryChange("split", sid, part, self.clock))
            self.touched.add(new)
        self.touched.add(sid)

    def _record(self, sid: str, change: StoryChange) -> None:
        self.changes.setdefault(sid, []).append(change)

    # --- aging -------------------------------------------------------------------------------

    def age_out(self) -> int:
        """Drop stories whose newest report is older than the window from the index; returns how many."""
        if self.newest is None:
            return 0
        limit = self.newest - timedelta(days=self.params.window_days)
        old = [sid for sid, c in self.stories.items() if c.newest is not None and c.newest < limit]
        for sid in old:
            for article_id in self.stories.pop(sid).members:
                self.archived[article_id] = sid
                key = self._key_of.pop(article_id)
                del self._article_of[key]
                self._forget_key(key)
                self.profiles.pop(article_id, None)
                self.story_of.pop(article_id, None)
        self.aged_out += len(old)
        return len(old)

    def partition(self) -> dict[str, list[str]]:
        """Story id -> members of every story still in the candidate set."""
        return {sid: list(c.members) for sid, c in self.stories.items()}


def window_start(dates: list[date | None], window_days: int) -> str | None:
    """ISO date from which stored stories are candidates for reports with these dates; None: all."""
    if not dates or any(d is None for d in dates):
        return None  # an undated report may belong anywhere in time
    return (min(d for d in dates if d) - timedelta(days=window_days)).isoformat()


def order_for_ingest(items: list[tuple[str, ReportProfile]]) -> list[tuple[str, ReportProfile]]:
    """Reports in publication order (undated last, then by id): a stream arrives roughly by date."""
    return sorted(items, key=lambda item: (item[1].published is None, item[1].published or date.min, item[0]))


class AssignStories:
    """Stage of `ingest`: puts a chunk's reports into the stored stories; sets `analysis.stories`
    to the stories whose membership changed (with their members in `analysis.articles`, ready for
    align and verdicts), keeping ids and history from the store.
    """

    name = "stories"
    requires = ("articles",)
    assigns = ("stories",)

    def __init__(self, store: Store, params: IncrementalParams | None = None, embedder: Embedder | None = None) -> None:
        self.store = store
        self.params = params or IncrementalParams()
        self._embedder = embedder
        self.clusterer: StoryClusterer | None = None
        self._assigned: set[str] = set()
        self.removed: set[str] = set()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder("minilm")
        return self._embedder

    def open(self, articles: list[Article]) -> None:
        """Load the stored stories inside the window of these reports into a fresh ANN index."""
        since = window_start([parse_date(a.published) for a in articles], self.params.window_days)
        # A report of this run that an interrupted run already assigned is dated on or after
        # `since`, so its story is among the window's: the whole store is read only for undated runs.
        members = self.store.load_story_members(since)
        self._assigned = {a for ids in members.values() for a in ids}
        profiles = self.profiles_of([a for ids in members.values() for a in ids])
        self.clusterer = StoryClusterer(self.params, dimensions=self._dimensions(profiles))
        for sid, ids in members.items():
            self.clusterer.load_story(sid, ids, profiles)

    def _dimensions(self, profiles: dict[str, ReportProfile]) -> int:
        if profiles:
            return next(iter(profiles.values())).vector.size
        return int(self.embedder.encode(["dimension probe"]).shape[1])

    def profiles_of(self, ids: list[str], articles: dict[str, Article] | None = None) -> dict[str, ReportProfile]:
        """Stored profiles of these articles; missing or outdated ones (new reports, a v1 store) computed and saved."""
        stored = self.store.load_report_profiles(ids)
        # Profiles from an older encoding lack what the similarity now compares: recompute them.
        found = {k: decode_profile(v) for k, v in stored.items() if profile_version(v) == PROFILE_VERSION}
        missing = [i for i in ids if i not in found]
        if missing:
            given = articles or {}
            loaded = [given[i] for i in missing if i in given]
            loaded += self.store.load_articles([i for i in missing if i not in given])
            made = dict(zip([a.id for a in loaded], profile_reports(loaded, self.embedder)))
            self.store.save_report_profiles([(i, p.published.isoformat() if p.published else None, encode_profile(p))
                                             for i, p in made.items()])
            found.update(made)
        return found

    def __call__(self, analysis: Analysis) -> Analysis:
        if self.clusterer is None:
            self.open(analysis.articles)
        assert self.clusterer is not None
        new = [a for a in analysis.articles if a.id not in self._assigned]
        profiles = self.profiles_of([a.id for a in new], {a.id: a for a in new})
        for article_id, profile in order_for_ingest([(a.id, profiles[a.id]) for a in new if a.id in profiles]):
            self.clusterer.assign(article_id, profile)
            self._assigned.add(article_id)
        touched, changes, removed = self.clusterer.take_changes()
        self.removed |= removed
        partition = self.clusterer.partition()
        wanted = sorted({m for sid in touched for m in partition[sid]})
        known = {a.id: a for a in analysis.articles}
        articles = {**{a.id: a for a in self.store.load_articles([i for i in wanted if i not in known])},
                    **{i: known[i] for i in wanted if i in known}}
        previous = {s.id: s for s in self.store.load_stories_by_id(sorted(touched))}
        stories = []
        for sid in sorted(touched):
            story = build_story([articles[m] for m in partition[sid] if m in articles])
            story.id = sid
            story.history = (previous[sid].history if sid in previous else []) + changes.get(sid, [])
            stories.append(story)
        analysis.articles = list(articles.values())
        analysis.stories = sorted(stories, key=lambda s: (-len(s.articles), s.id))
        return analysis
