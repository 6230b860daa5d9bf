"""Web app benchmark: API latency and time to first paint over a large synthetic store.

    python -m consilience.web.bench --stories 1000 --big-story 200 [--runs 5]

Builds a store of hand-made stories (no NLP models: the objects are made directly and saved
through consilience.store), starts the real server (`consilience serve`) on a free loopback
port, times the JSON API with httpx and the pages' first paint in headless Chromium, and prints
one JSON object of medians. A small story's matrix is the baseline each page is compared with.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from ..model import (
    Article,
    Claim,
    ClaimGroup,
    Conflict,
    Mention,
    Place,
    PlaceMention,
    Story,
    StoryPlace,
)
from ..store import open_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Paint entries can arrive after the load event on a light page: wait for them (buffered) instead
# of reading the list once; startTime is milliseconds since navigation start.
READ_PAINTS = """() => new Promise((resolve, reject) => {
  const read = () => performance.getEntriesByType('paint').map(e => ({name: e.name, startTime: e.startTime}));
  const check = () => { const entries = read();
    if (entries.some(e => e.name === 'first-contentful-paint')) { resolve(entries); return true; } return false; };
  if (check()) return;
  new PerformanceObserver(check).observe({type: 'paint', buffered: true});
  setTimeout(() => reject(new Error('no first-contentful-paint entry within 30 s')), 30000);
})"""
BIG_STORY = "s-big"
SMALL_STORY = "s-0"
CLAIMS_PER_REPORT = 8
WORDS = ("officials", "residents", "fighters", "convoy", "ministry", "hospital", "border", "bridge", "ceasefire",
         "aid", "shelling", "talks", "governor", "council", "market", "airport", "village", "district", "police",
         "army", "rebels", "witnesses", "monitor", "agency", "negotiators", "refugees", "checkpoint", "highway")
CITIES = [Place("Hama", 170017, 35.13, 36.76, "SY"), Place("Homs", 169577, 34.73, 36.71, "SY"),
          Place("Aleppo", 170063, 36.20, 37.16, "SY"), Place("Mosul", 99072, 36.34, 43.13, "IQ"),
          Place("Kharkiv", 706483, 49.98, 36.25, "UA"), Place("Gaza", 281133, 31.50, 34.47, "PS")]


def write_report(rng: random.Random, article_id: str, source: str, city: Place, published: str) -> Article:
    """One ~600-word report whose first CLAIMS_PER_REPORT sentences are its claims."""
    sentences, claims, position = [], [], 0
    for n in range(CLAIMS_PER_REPORT * 5):
        words = rng.sample(WORDS, 12)
        sentence = f"{city.name.capitalize() if n % 3 == 0 else words[0].capitalize()} {' '.join(words[1:])}."
        if n < CLAIMS_PER_REPORT:
            claims.append(Claim(id=f"{article_id}-c{n}", article_id=article_id, text=sentence, start=position,
                                end=position + len(sentence), sentence=n, actors=[words[1]], targets=[city.name],
                                event_type="ASSAULT"))
        sentences.append(sentence)
        position += len(sentence) + 1
    text = " ".join(sentences)
    return Article(id=article_id, text=text, source=source, title=f"{city.name}: {' '.join(rng.sample(WORDS, 5))}",
                   published=published, places=[PlaceMention(city.name, 0, len(city.name), city)], claims=claims)


def group_claims(rng: random.Random, story_id: str, reports: list[Article], n_groups: int) -> list[ClaimGroup]:
    """Claim groups over the reports' claims: each claim joins a random group; one group in ten disputed."""
    members: dict[int, list[Mention]] = {}
    for report in reports:
        for claim in report.claims:
            mention = Mention(report.id, claim.id, claim.text, claim.start, claim.end, [], report.source)
            members.setdefault(rng.randrange(n_groups), []).append(mention)
    groups = []
    for k, mentions in sorted(members.items()):
        sources = list(dict.fromkeys(m.source for m in mentions))
        conflicts = []
        if k % 10 == 0 and len(mentions) >= 2:
            conflicts = [Conflict("number", mentions[0], mentions[-1], "The reports give incompatible figures: "
                                  "'dozens' vs 'hundreds'.", ("10-99 people", "100-999 people"))]
        verdict = "disputed" if conflicts else "corroborated" if len(sources) > 1 else "single-source"
        groups.append(ClaimGroup(id=f"{story_id}-g{k}", summary=mentions[0].text, mentions=mentions, verdict=verdict,
                                 independent_origins=len(sources), lineage=[[s] for s in sources],
                                 conflicts=conflicts, event_type="ASSAULT"))
    return groups


def build_store(path: Path, stories: int, big_story: int, big_groups: int, seed: int = 7) -> dict[str, Any]:
    """A store of `stories` 3-report stories plus one story of `big_story` reports; returns its sizes."""
    rng = random.Random(seed)
    articles: list[Article] = []
    saved: list[Story] = []

    def add_story(story_id: str, n_reports: int, n_groups: int, outlets: int) -> None:
        city = CITIES[len(saved) % len(CITIES)]
        day = 1 + len(saved) % 28
        reports = [write_report(rng, f"{story_id}-r{j}", f"Outlet {j % outlets}", city,
                                f"2024-{1 + len(saved) % 12:02d}-{day:02d}") for j in range(n_reports)]
        articles.extend(reports)
        saved.append(Story(id=story_id, title=reports[0].title, articles=[r.id for r in reports],
                           places=[StoryPlace(city.name, city.geonameid, city.lat, city.lon, city.country_code,
                                              n_reports)],
                           claims=group_claims(rng, story_id, reports, n_groups)))

    for s in range(stories):
        add_story(f"s-{s}", 3, CLAIMS_PER_REPORT, 3)
    add_story(BIG_STORY, big_story, big_groups, 40)
    with open_store(path) as store:
        store.save_articles(articles)
        store.save_stories(saved)
    big = saved[-1]
    return {"stories": len(saved), "reports": len(articles), "big_story": big.id,
            "big_story_reports": len(big.articles), "big_story_groups": len(big.claims),
            "db_bytes": path.stat().st_size + _size(Path(f"{path}-wal"))}


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    """`consilience serve` in its own process (so the timing client does not share its interpreter)."""
    process = subprocess.Popen([sys.executable, "-m", "consilience.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
            return process
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with status {process.returncode}") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start within 60 s")


def time_api(base: str, paths: dict[str, str], runs: int) -> dict[str, Any]:
    """Median latency (ms) and response size of each API path, after one warm-up request each."""
    results = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, path in paths.items():
            client.get(path).raise_for_status()
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
            results[name] = {"path": path, "median_ms": round(statistics.median(times), 1),
                             "runs_ms": [round(t, 1) for t in times], "bytes": len(response.content)}
    return results


def time_paint(base: str, paths: dict[str, str], runs: int) -> dict[str, Any]:
    """Median first paint, first contentful paint and load (ms) of each page, a fresh browser context per run."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in paths.items():
                samples: dict[str, list[float]] = {"first_paint": [], "first_contentful_paint": [], "load": []}
                for run in range(runs + 1):  # run 0 warms the server's caches and is dropped
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    page.goto(base + path, wait_until="load", timeout=120_000)
                    paints = {e["name"]: e["startTime"] for e in page.evaluate(READ_PAINTS)}
                    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                    size = page.evaluate("document.documentElement.outerHTML.length")
                    context.close()
                    if run:
                        samples["first_paint"].append(paints["first-paint"])
                        samples["first_contentful_paint"].append(paints["first-contentful-paint"])
                        samples["load"].append(load)
                results[name] = {"path": path, "html_chars": size,
                                 **{f"{k}_median_ms": round(statistics.median(v), 1) for k, v in samples.items()},
                                 "first_contentful_paint_runs_ms": [round(t, 1) for t in
                                                                    samples["first_contentful_paint"]]}
        finally:
            browser.close()
    return results


def add_ratios(results: dict[str, Any], baseline: str, key: str) -> None:
    """Each entry's `key` divided by the baseline entry's, measured in the same run."""
    base = results[baseline][key]
    for entry in results.values():
        entry["ratio_to_baseline"] = round(entry[key] / base, 2) if base else None


def run_benchmark(stories: int, big_story: int, big_groups: int, runs: int, workdir: Path) -> dict[str, Any]:
    """Build the store, serve it, time the API and the pages; the JSON-ready result."""
    load_before = os.getloadavg()
    db = workdir / "bench.db"
    start = time.perf_counter()
    store = build_store(db, stories, big_story, big_groups)
    store["build_s"] = round(time.perf_counter() - start, 1)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    try:
        start = time.perf_counter()
        httpx.get(f"{base}/api/stories", timeout=120).raise_for_status()
        cold_ms = round((time.perf_counter() - start) * 1000, 1)  # the first request reads the whole store
        api = time_api(base, {
            "stories": "/api/stories",
            "stories_search": "/api/stories?q=ceasefire+convoy",
            "stories_filtered": "/api/stories?place=Hama&from=2024-03-01&to=2024-09-30",
            "big_story": f"/api/stories/{BIG_STORY}",
            "big_story_matrix": f"/api/stories/{BIG_STORY}/matrix",
            "big_story_matrix_25_rows": f"/api/stories/{BIG_STORY}/matrix?limit=25",
            "small_story_matrix": f"/api/stories/{SMALL_STORY}/matrix",
        }, runs)
        add_ratios(api, "small_story_matrix", "median_ms")
        paint = time_paint(base, {
            "stories_page": "/",
            "big_story_matrix_page": f"/stories/{BIG_STORY}",
            "big_story_diff_page": f"/stories/{BIG_STORY}/diff",
            "small_story_matrix_page": f"/stories/{SMALL_STORY}",
        }, runs)
        add_ratios(paint, "small_story_matrix_page", "first_contentful_paint_median_ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "command": " ".join(["python -m consilience.web.bench", f"--stories {stories}", f"--big-story {big_story}",
                             f"--big-groups {big_groups}", f"--runs {runs}"]),
        "machine": {"cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in os.getloadavg()], "git": _git_commit()},
        "store": store,
        "cold_first_request_ms": cold_ms,
        "api": api,
        "paint": paint,
    }


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10, check=False,
                             cwd=Path(__file__).parent)
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, timeout=10, check=False,
                               cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip() + ("-dirty" if dirty else "")) or None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m consilience.web.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000, help="3-report stories in the store")
    parser.add_argument("--big-story", type=int, default=200, help="reports in the one big story")
    parser.add_argument("--big-groups", type=int, default=150, help="claim groups in the big story (matrix rows)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (medians reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="consilience-web-bench-") as workdir:
        result = run_benchmark(args.stories, args.big_story, args.big_groups, args.runs, Path(workdir))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
