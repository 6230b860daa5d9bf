"""Story clustering on public data: ECB+ seminal events, BASIL triplets, and a mixed stream.

Gold partitions:
- ECB+ (982 documents): topic + half (`ecb` / `ecbplus`), two different events of one kind per
  topic. Splits by topic as in Barhom et al. 2019: dev {2,5,12,18,21,23,34,35}, test 36-45,
  train the other topics 1-35.
- BASIL (300 articles): the 100 triplet events; 2010-2014 is dev, 2015-2019 test.
- mixed: every ECB+, BASIL and PolNeAR text in one stream. ECB+ has no dates, so the stream is
  a seeded shuffle in which the dated reports (BASIL, PolNeAR) keep their date order. PolNeAR
  has no event labels: it is there as distractors and for the batch/incremental agreement;
  gold scores are over the ECB+ and BASIL reports only, each PolNeAR report its own event.

Both the batch grouping (stories.group, average linkage over all pairs, then small stories
attached to large ones) and the incremental one
(stories.incremental, one report at a time through the ANN index) run over the same profiles;
`agreement` is the B3 F1 between their two partitions; `errors` under each lists the clusters that
merge gold events and the events split over clusters, by label (`partition_errors`).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import combinations
from pathlib import Path
from xml.etree import ElementTree

from ..errors import ConsilienceError
from ..model import Analysis, Article
from ..stories.embed import Embedder, load_embedder
from ..stories.group import (
    ReportProfile,
    StoryParams,
    cluster_stories,
    profile_reports,
    similarity_matrix,
)
from ..stories.incremental import IncrementalParams, StoryClusterer
from .coref_metrics import score_b_cubed

SPLITS = ("ecbplus-train", "ecbplus-dev", "ecbplus-test", "basil-dev", "basil-test", "basil-all", "mixed")
ECB_DEV = {2, 5, 12, 18, 21, 23, 34, 35}
ECB_TEST = set(range(36, 46))
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'](?:\s|$)|n't|'s)")

Labelled = list[tuple[Article, str]]


# --- reading the gold data ------------------------------------------------------------------


def ecbplus_topics(split: str) -> set[int]:
    """Topic numbers of an ECB+ split (Barhom et al. 2019)."""
    if split == "dev":
        return set(ECB_DEV)
    if split == "test":
        return set(ECB_TEST)
    return set(range(1, 36)) - ECB_DEV


def read_ecbplus_documents(root: Path, split: str) -> Labelled:
    """ECB+ documents of a split as reports, each labelled with its seminal event (topic + half)."""
    folder = root / "ecbplus" / "ECB+_LREC2014" / "ECB+"
    topics = ecbplus_topics(split)
    labelled = []
    for path in sorted(folder.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        topic = int(path.parent.name)
        if topic not in topics:
            continue
        half = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        labelled.append((Article(id=f"ecb-{path.stem}", text=ecbplus_text(path), source=path.stem),
                         f"ecb-{topic}-{half}"))
    return labelled


def ecbplus_text(path: Path) -> str:
    """The plain text of one ECB+ document: its tokens, one line per sentence, spaced as prose."""
    sentences: dict[int, list[str]] = {}
    for token in ElementTree.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
    return "\n".join(_SPACE_BEFORE.sub(r"\1", " ".join(words)) for _, words in sorted(sentences.items()))


def read_basil_documents(root: Path, split: str) -> Labelled:
    """BASIL articles as reports, each labelled with its triplet event; dev = 2010-2014, test = 2015-2019."""
    folder = root / "basil" / "articles"
    years = {"basil-dev": range(2010, 2015), "basil-test": range(2015, 2020)}.get(split, range(2010, 2020))
    labelled = []
    for path in sorted(folder.glob("*/*.json")):
        if int(path.parent.name) not in years:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in record.get("body-paragraphs", [])]
        article = Article(id=f"basil-{path.stem}", text="\n\n".join(p for p in paragraphs if p),
                          source=record.get("source") or "unknown", title=record.get("title"),
                          published=(record.get("date") or None))
        labelled.append((article, f"basil-{record.get('triplet-uuid') or path.stem.rsplit('_', 1)[0]}"))
    return labelled


def read_polnear_documents(root: Path) -> Labelled:
    """Every PolNeAR text as a report with its publication date; each its own event (no gold)."""
    data = root / "polnear" / "data"
    dates = {}
    with (data / "metadata.tsv").open(encoding="utf-8") as rows:
        header = next(rows).rstrip("\n").split("\t")
        for row in rows:
            values = dict(zip(header, row.rstrip("\n").split("\t")))
            dates[values["filename"]] = values.get("publication_date")
    labelled = []
    for path in sorted(data.glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        published = dates.get(path.stem)
        article = Article(id=f"polnear-{path.parent.parent.name}-{path.stem}", text=body.strip() or text,
                          source=path.stem.split("_", 1)[0], title=title.strip() or None,
                          published=published if published and published != "None" else None)
        labelled.append((article, article.id))
    return labelled


def read_stream(root: Path, split: str, limit: int | None = None) -> Labelled:
    """The labelled reports of a split, in the order the incremental run ingests them."""
    if split.startswith("ecbplus-"):
        labelled = read_ecbplus_documents(root, split.removeprefix("ecbplus-"))
    elif split.startswith("basil-"):
        labelled = read_basil_documents(root, split)
        labelled.sort(key=lambda item: (item[0].published or "", item[0].id))
    elif split == "mixed":
        labelled = mix_stream(read_ecbplus_documents(root, "train") + read_ecbplus_documents(root, "dev")
                              + read_ecbplus_documents(root, "test") + read_basil_documents(root, "basil-all")
                              + read_polnear_documents(root))
    else:
        raise ConsilienceError(f"stories has no split {split!r}: choose one of {', '.join(SPLITS)}.")
    return labelled[:limit] if limit else labelled


def mix_stream(labelled: Labelled, seed: int = 0) -> Labelled:
    """A seeded shuffle in which the dated reports keep their date order (undated ones fall anywhere)."""
    stream = list(labelled)
    random.Random(seed).shuffle(stream)
    slots = [i for i, (article, _) in enumerate(stream) if article.published]
    dated = sorted((stream[i] for i in slots), key=lambda item: (item[0].published, item[0].id))
    for slot, item in zip(slots, dated):
        stream[slot] = item
    return stream


# --- scoring ------------------------------------------------------------------------------


def pairwise_scores(key: Sequence[frozenset], response: Sequence[frozenset]) -> dict[str, float]:
    """Precision, recall and F1 over the pairs of reports put in the same cluster."""
    def pairs(clusters: Sequence[frozenset]) -> set[frozenset]:
        return {frozenset(p) for c in clusters for p in combinations(sorted(c), 2)}

    gold, found = pairs(key), pairs(response)
    correct = len(gold & found)
    precision = correct / len(found) if found else 0.0
    recall = correct / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def partition_scores(key: Sequence[frozenset], response: Sequence[frozenset]) -> dict:
    """B3 and pairwise P/R/F1 of a response partition, and the share of key clusters found exactly."""
    b3 = {k: round(v, 4) for k, v in score_b_cubed(key, response).items()}
    exact = len(set(key) & set(response))
    return {"b3": b3, "pairwise": pairwise_scores(key, response),
            "exact_events": round(exact / len(key), 4) if key else 0.0, "clusters": len(response)}


def partition_errors(labels: dict[str, str], response: Sequence[frozenset]) -> dict:
    """Where a partition departs from gold: the clusters that hold several events (with how many
    reports of each) and the events spread over several clusters (the sizes of their parts).

    This is the error analysis of a run, by gold label only (no text), so it can sit in the JSON.
    """
    merged, parts = [], {}
    for cluster in response:
        counts = Counter(labels[x] for x in cluster if x in labels)
        if len(counts) > 1:
            merged.append(dict(sorted(counts.items())))
        for label, count in counts.items():
            parts.setdefault(label, []).append(count)
    split = {label: sorted(sizes, reverse=True) for label, sizes in sorted(parts.items()) if len(sizes) > 1}
    return {"merged": sorted(merged, key=lambda c: (-sum(c.values()), sorted(c))), "split": split}


def group_labels(labels: dict[Hashable, Hashable]) -> list[frozenset]:
    """Clusters (frozensets of items) from an item -> label mapping."""
    groups: dict[Hashable, set] = {}
    for item, label in labels.items():
        groups.setdefault(label, set()).add(item)
    return [frozenset(g) for g in groups.values()]


def batch_partition(ids: list[str], profiles: list[ReportProfile], params: StoryParams) -> list[frozenset]:
    """The batch grouping's partition (what `analyze` computes) over these profiles."""
    groups = cluster_stories(similarity_matrix(profiles, params), params)
    return [frozenset(ids[i] for i in g) for g in groups]


def incremental_partition(ids: list[str], profiles: list[ReportProfile], params: IncrementalParams) -> list[frozenset]:
    """The incremental grouping's partition (what `ingest` computes), reports ingested in the given order."""
    clusterer = StoryClusterer(params, dimensions=profiles[0].vector.size if profiles else 384)
    for article_id, profile in zip(ids, profiles):
        clusterer.assign(article_id, profile)
    clusterer.consolidate()
    final = dict(clusterer.story_of)
    # Aged-out stories left the candidate set but are still stories: recover them from history.
    return group_labels({**clusterer.archived, **final})


def profile_documents(articles: list[Article], embedder: Embedder | None = None) -> list[ReportProfile]:
    """Annotate the reports (entities, places) and compute their story profiles, as `ingest` does."""
    from ..annotate.stage import (
        Annotate,  # spaCy: imported only when a benchmark really runs
    )
    from ..engine import choose_workers
    from ..pipeline import Pipeline

    analysis = Analysis(articles=list(articles))
    Pipeline([Annotate(n_process=choose_workers(0, len(articles)))]).run(analysis)
    by_id = {a.id: a for a in analysis.articles}
    return profile_reports([by_id[a.id] for a in articles], embedder or load_embedder("minilm"))


def score_stream(labelled: Labelled, profiles: list[ReportProfile], params: IncrementalParams,
                 gold_only: set[str] | None = None) -> dict:
    """Batch and incremental partitions scored against gold and against each other."""
    ids = [a.id for a, _ in labelled]
    key = group_labels({a.id: label for a, label in labelled})
    batch = batch_partition(ids, profiles, params.story)
    incremental = incremental_partition(ids, profiles, params)
    if gold_only is not None:
        key, batch_scored, incremental_scored = (_restrict(p, gold_only) for p in (key, batch, incremental))
    else:
        batch_scored, incremental_scored = batch, incremental
    agreement = score_b_cubed(batch, incremental)
    labels = {a.id: label for a, label in labelled if gold_only is None or a.id in gold_only}
    return {
        "documents": len(ids),
        "events": len(key),
        "batch": {**partition_scores(key, batch_scored), "errors": partition_errors(labels, batch_scored)},
        "incremental": {**partition_scores(key, incremental_scored),
                        "errors": partition_errors(labels, incremental_scored)},
        "agreement": {"b3_f1": round(agreement["f1"], 4), "pairwise_f1": pairwise_scores(batch, incremental)["f1"]},
    }


def _restrict(partition: Sequence[frozenset], keep: set[str]) -> list[frozenset]:
    return [c for c in (frozenset(x for x in cluster if x in keep) for cluster in partition) if c]


def evaluate_stories(data_dir: str | Path, split: str = "ecbplus-test", limit: int | None = None,
                     params: IncrementalParams | None = None) -> dict:
    """Story clustering scores of one split (see the module docstring); limit: the first N reports of the stream."""
    params = params or IncrementalParams()
    labelled = read_stream(Path(data_dir), split, limit)
    if not labelled:
        raise ConsilienceError(f"{data_dir}: no documents for split {split!r}. Point --data at the eval root.")
    profiles = profile_documents([a for a, _ in labelled])
    gold = {a.id for a, _ in labelled if not a.id.startswith("polnear-")} if split == "mixed" else None
    result = score_stream(labelled, profiles, params, gold)
    result["params"] = {"threshold": params.story.threshold, "attach_threshold": params.story.attach_threshold,
                        "attach_size": params.story.attach_size,
                        "protagonist_discount": params.story.protagonist_discount, "window_days": params.window_days,
                        "neighbours": params.neighbours, "max_compare": params.max_compare}
    return result
