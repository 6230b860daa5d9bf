"""Cost growth of `ingest`'s story path against a SQLite store that grows to 100k reports.

`python -m consilience.bench store-growth --reports 100000` measures everything `consilience
ingest` does after the per-report stages (annotate and claims cost the same whatever the store
holds, and are measured by `bench throughput`): saving a batch of reports, loading the window's
stories and report profiles, each new report's profile (MiniLM lead vector, word bags), story
assignment, re-aligning and re-judging the touched stories and saving them, one `assign_stories`
call per batch, as a firehose calling `ingest` every few minutes would.

The 300 BASIL articles are annotated and split into claims once. Copy k of article i is the
same text under the id "<id>~k" with a date that advances `per_day` reports a day. At 8 a day
one pass over the 300 articles spans 37.5 days, a week longer than the 30-day window, so copy
k+1 of an article arrives after copy k's story has left the window (a pass only a day or two
longer than the window is not enough: an event's reports are spread over a day or two): every
story holds one copy of one event, as in a real stream where each event is new, and the window
holds about 240 reports.
What grows is the store: rows, indexes, the search table, stories outside the window.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from ..model import Analysis, Article
from .corpora import SHARED, CorpusMissing

EVAL = SHARED / "eval"


def analysed_base(limit: int | None = None) -> list[Article]:
    """The BASIL articles with their annotations and claims (the per-report stages run once)."""
    from ..engine import choose_workers, report_pipeline
    from ..evaluate.stories import read_basil_documents

    if not (EVAL / "basil" / "articles").is_dir():
        raise CorpusMissing(f"BASIL not found under {EVAL}; the store-growth benchmark needs real reports.")
    articles = [a for a, _ in read_basil_documents(EVAL, "basil-all")[:limit]]
    analysis = Analysis(articles=articles)
    report_pipeline(choose_workers(0, len(articles))).run(analysis)
    return analysis.articles


def copy_article(article: Article, copy: int, published: date) -> Article:
    """Copy `copy` of a report: same text and claims under new ids, a new date."""
    if copy == 0:
        return replace(article, published=published.isoformat())
    new_id = f"{article.id}~{copy}"
    claims = [replace(c, id=f"{c.id}~{copy}", article_id=new_id) for c in article.claims]
    return replace(article, id=new_id, published=published.isoformat(), claims=claims)


def stream(base: list[Article], size: int, per_day: float):
    """`size` copies cycling through the base reports, dated `per_day` a day from 2020-01-01."""
    start = date(2020, 1, 1)
    for position in range(size):
        copy, index = divmod(position, len(base))
        yield copy_article(base[index], copy, start + timedelta(days=int(position / per_day)))


def peak_memory_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def cost_at(batches: list[dict], size: int, span: int = 10) -> float | None:
    """Median ms per report of the `span` batches ending at store size `size` (None if not reached)."""
    ending = [i for i, b in enumerate(batches) if b["store_size"] <= size]
    if not ending or batches[ending[-1]]["store_size"] != size:
        return None
    last = ending[-1]
    return round(statistics.median(b["ms_per_report"] for b in batches[max(0, last - span + 1) : last + 1]), 3)


def assign_only(articles: list[Article], store) -> None:
    """`assign_stories` without re-aligning and re-judging: stories saved with their new members."""
    from ..pipeline import Pipeline
    from ..store.lock import lock_stories
    from ..stories.incremental import AssignStories

    with lock_stories(store):
        assign = AssignStories(store)
        assign.open(articles)
        part = Pipeline([assign]).run(Analysis(articles=articles))
        store.save_stories(part.stories)


def measure_store_growth(reports: int, batch: int, per_day: float, base_limit: int | None,
                         checkpoints: list[int], skip_align: bool = False, db: Path | None = None) -> dict:
    """Ingest `reports` copies batch by batch into a fresh SQLite store; per-batch times and memory.

    With `skip_align` the touched stories are saved without re-aligning and re-judging them
    (those steps cost what the story holds, not what the store holds).
    """
    from ..engine import assign_stories
    from ..store import open_store

    started = time.perf_counter()
    base = analysed_base(base_limit)
    base_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="consilience-growth-") as folder:
        path = db or Path(folder) / "growth.db"
        store = open_store(path)
        batches: list[dict] = []
        pending: list[Article] = []
        total = 0.0
        try:
            for article in stream(base, reports, per_day):
                pending.append(article)
                if len(pending) < batch:
                    continue
                tick = time.perf_counter()
                store.known_articles(a.id for a in pending)  # as store_reports does before analysing
                store.save_articles(pending)
                if skip_align:
                    assign_only(pending, store)
                else:
                    assign_stories(Analysis(articles=pending), store)
                spent = time.perf_counter() - tick
                total += spent
                size = (batches[-1]["store_size"] if batches else 0) + len(pending)
                batches.append({"store_size": size, "ms_per_report": round(1000 * spent / len(pending), 3),
                                "peak_rss_mb": peak_memory_mb()})
                pending = []
            stored = store.count_articles()
            stories = len(store.load_story_members())
        finally:
            store.close()
        size_mb = round(path.stat().st_size / 1e6, 1)
    points = {str(s): cost_at(batches, s) for s in checkpoints}
    first, last = points.get(str(min(checkpoints))), points.get(str(max(checkpoints)))
    return {
        "measured": ("ingest's story path (save, window load, profile, assign, save)"
                     + ("" if skip_align else " with align and judge of the touched stories") + ", per batch"),
        "skip_align": skip_align,
        "base_reports": len(base),
        "base_analysis_s": round(base_s, 1),
        "batch": batch,
        "per_day": per_day,
        "reports": reports,
        "stored_reports": stored,
        "stories": stories,
        "total_s": round(total, 1),
        "mean_ms_per_report": round(1000 * total / max(1, reports), 3),
        "ms_per_report_at": points,
        "ratio_largest_vs_smallest": round(last / first, 3) if first and last else None,
        "peak_rss_mb": peak_memory_mb(),
        "db_mb": size_mb,
        "batches": batches,
    }


def plot_growth(result: dict, target: Path) -> None:
    """PNG of ms per report (each batch) against the number of reports in the store."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [b["store_size"] for b in result["batches"]]
    times = [b["ms_per_report"] for b in result["batches"]]
    figure, axis = plt.subplots(figsize=(7, 3.5), dpi=120)
    axis.plot(sizes, times, linewidth=0.6, alpha=0.5, label="each batch")
    window = 25
    if len(times) >= window:
        smooth = [statistics.median(times[max(0, i - window + 1) : i + 1]) for i in range(len(times))]
        axis.plot(sizes, smooth, linewidth=1.4, label=f"median of {window} batches")
    axis.set_xscale("log")
    axis.set_xlabel("reports in the store")
    axis.set_ylabel("ms per report")
    axis.set_ylim(bottom=0)
    axis.set_title("ingest story path (SQLite): cost per report as the store grows")
    axis.grid(alpha=0.3)
    axis.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(target)
    plt.close(figure)
