"""Time per story as a story grows: 2, 20 and 200 reports of one event (`bench story-sizes`).

The reports are perturbed copies of a small seed set (the shipped Hama example, or one BASIL
event's three articles): copy k of a seed report gets its own outlet, drops a few sentences and
rewords a few common words, so the copies are near-duplicates the way rewritten wire copy is,
not byte-identical (identical copies would be deduplicated by the align stage's caches).
Each size is one `analyze()` call; the JSON gives the stage seconds, claims and claim groups.
"""

from __future__ import annotations

import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

from ..ingest import read_reports
from .corpora import basil_report

HAMA = Path(__file__).resolve().parents[3] / "examples" / "hama"
# A few common words and how another outlet might put them; enough to make copies differ.
_REWORDS = {"said": "stated", "Thursday": "on Thursday", "fighters": "militants", "city": "town",
            "announced": "declared", "killed": "left dead", "reported": "stated", "told": "informed",
            "government": "authorities", "officials": "authorities", "Officials": "Authorities"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def seed_reports(seed: str, basil_dir: Path | None = None) -> list[tuple[str, str, str]]:
    """(title, published, body) of the seed reports: "hama", or "basil" (first event of 2012)."""
    if seed == "hama":
        articles, _problems, _read = read_reports([str(HAMA)])
        return [(a.title or "", a.published or "", a.text) for a in articles]
    if seed == "basil":
        folder = Path(basil_dir or "../shared/eval/basil") / "articles" / "2012"
        files = sorted(folder.glob("*.json"))[:3]
        if not files:
            raise FileNotFoundError(f"no BASIL articles under {folder}")
        reports = []
        for path in files:
            record = json.loads(path.read_text(encoding="utf-8"))
            text = basil_report(record)
            reports.append((record.get("title") or "", record.get("date") or "", text.split("\n\n", 1)[1]))
        return reports
    raise ValueError(f"unknown seed {seed!r}: use 'hama' or 'basil'")


def perturb(body: str, rng: random.Random, drop: float = 0.15, reword: float = 0.3) -> str:
    """A rewritten copy: each sentence dropped with probability `drop`, common words reworded."""
    paragraphs = []
    for paragraph in body.split("\n\n"):
        sentences = [s for s in _SENTENCE.split(paragraph.strip()) if s]
        kept = [s for s in sentences if rng.random() >= drop] or sentences[:1]
        words = [_REWORDS.get(w, w) if rng.random() < reword else w for w in " ".join(kept).split(" ")]
        if kept:
            paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)


def write_story(seeds: list[tuple[str, str, str]], size: int, folder: Path, seed: int = 0) -> list[Path]:
    """`size` perturbed copies of the seed reports as plain-text reports, each from its own outlet."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(size):
        title, published, body = seeds[k % len(seeds)]
        text = perturb(body, rng) if k >= len(seeds) else body
        header = [f"Title: {title}", f"Source: Outlet {k:03d}"] + ([f"Published: {published}"] if published else [])
        path = folder / f"report-{k:03d}.txt"
        path.write_text("\n".join(header) + "\n\n" + text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def measure_story_sizes(sizes: list[int], seed: str = "hama", basil_dir: Path | None = None) -> dict:
    """Seconds of analyze() and of each stage for one story of each size (models warmed up first)."""
    from ..engine import analyze

    seeds = seed_reports(seed, basil_dir)
    rows = []
    with tempfile.TemporaryDirectory(prefix="consilience-sizes-") as tmp:
        analyze([str(p) for p in write_story(seeds, 2, Path(tmp) / "warmup")], store=False)
        for size in sizes:
            paths = write_story(seeds, size, Path(tmp) / f"n{size}", seed=size)
            load = os.getloadavg()[0]
            started = time.perf_counter()
            analysis = analyze([str(p) for p in paths], store=False)
            seconds = time.perf_counter() - started
            rows.append({
                "reports": size,
                "stories": len(analysis.stories),
                "largest_story": max((len(s.articles) for s in analysis.stories), default=0),
                "claims": sum(len(a.claims) for a in analysis.articles),
                "claim_groups": sum(len(s.claims) for s in analysis.stories),
                "seconds": round(seconds, 3),
                "seconds_per_story": round(seconds / max(1, len(analysis.stories)), 3),
                "stages": {name: round(spent, 3) for name, spent in analysis.timings.items()},
                "load_average_1min": round(load, 2),
            })
    return {"seed": seed, "sizes": rows, "cpu_count": os.cpu_count()}
