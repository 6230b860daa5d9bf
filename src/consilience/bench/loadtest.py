"""Concurrent writers and readers on one store: web uploads, CLI ingests and page reads together.

    python -m consilience.bench loadtest --clients 20 --reports 20 --ingests 2 --ingest-reports 20 --readers 4

Starts `consilience serve --token ...` on a free loopback port over a new temporary database.
Client threads upload reports one at a time (POST, then poll the job until it is done), CLI
processes run `consilience analyze --db <same file>` over their own folders, reader threads list
stories and open them, all at once. Then it checks the store: every report stored exactly once,
every report in exactly one story, every stored report with its claims, PRAGMA integrity_check
ok; re-runs one CLI ingest and checks nothing was duplicated. Prints one JSON object: the
invariants, throughput and p50/p95/p99 latency per request kind.

The reports are perturbed copies of examples/hama and tests/data/other-events (each copy gets its
own outlet and one sentence of its own, so each is a distinct report with its own content hash).
"""

from __future__ import annotations

import os
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..web.bench import free_port

REPO = Path(__file__).resolve().parents[3]
TEMPLATE_DIRS = (REPO / "examples" / "hama", REPO / "tests" / "data" / "other-events")
PLACES = ("the northern district", "the old market", "the main road", "the river crossing", "the airport road")


@dataclass
class LoadPlan:
    """How much load to put on the store."""

    clients: int = 4
    reports: int = 3  # per client, uploaded one after another
    ingests: int = 1  # concurrent `consilience analyze` processes
    ingest_reports: int = 6  # per ingest process
    readers: int = 2
    seed: int = 7


@dataclass
class Recorder:
    """Latencies (seconds) per request kind and failures, shared by the worker threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


def read_templates() -> list[tuple[dict[str, str], str]]:
    """(front matter, body) of each template report."""
    templates = []
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            # Two header styles ship: YAML front matter, and "Key: value" lines ending at a blank line.
            header, body = text[4:].split("\n---\n", 1) if text.startswith("---\n") else text.split("\n\n", 1)
            meta = {key.strip().lower(): value.strip()
                    for key, value in (line.split(":", 1) for line in header.splitlines() if ":" in line)}
            templates.append((meta, body))
    return templates


def perturb_report(rng: random.Random, template: tuple[dict[str, str], str], tag: str) -> str:
    """A distinct copy of a template report: its own outlet and one sentence of its own."""
    meta, body = template
    extra = (f"Correspondents for {meta['source']} {tag} counted {rng.randint(3, 400)} people near "
             f"{rng.choice(PLACES)} on the same day, witnesses said.")
    header = "".join(f"{key}: {value}\n" for key, value in {**meta, "source": f"{meta['source']} {tag}"}.items())
    return f"---\n{header}---\n{body.rstrip()}\n\n{extra}\n"


def write_corpus(folder: Path, plan: LoadPlan) -> tuple[list[list[Path]], list[Path]]:
    """The files each client uploads and the folder each CLI ingest reads, all distinct reports."""
    rng = random.Random(plan.seed)
    templates = read_templates()
    uploads: list[list[Path]] = []
    for client in range(plan.clients):
        files = []
        for n in range(plan.reports):
            path = folder / "uploads" / f"c{client}" / f"r{n}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(perturb_report(rng, rng.choice(templates), f"web-{client}-{n}"), encoding="utf-8")
            files.append(path)
        uploads.append(files)
    ingests = []
    for run in range(plan.ingests):
        target = folder / "ingests" / f"i{run}"
        target.mkdir(parents=True)
        for n in range(plan.ingest_reports):
            report = perturb_report(rng, rng.choice(templates), f"cli-{run}-{n}")
            (target / f"r{n}.txt").write_text(report, encoding="utf-8")
        ingests.append(target)
    return uploads, ingests


def start_server(db: Path, port: int, token: str, log: Path) -> subprocess.Popen:
    """`consilience serve --token` on loopback in its own process (output to `log`); returns once it answers."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "consilience.cli", "serve", "--db", str(db), "--port", str(port)],
            env={**os.environ, "CONSILIENCE_TOKEN": token}, stdout=sink, stderr=sink,
        )
    wait_for_server(f"http://127.0.0.1:{port}", process)
    return process


def stop_server(process: subprocess.Popen, grace: float = 60.0) -> None:
    """SIGTERM, and SIGKILL when the running job does not end within `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_server(base: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    """Poll `base` until it answers; raise when the process exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/stories?limit=1", timeout=5)
            return
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with status {process.returncode}") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def upload_reports(base: str, token: str, files: list[Path], recorder: Recorder, job_timeout: float) -> None:
    """One client: upload each file, then wait for its job, before the next."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for path in files:
            start = time.perf_counter()
            response = client.post("/api/reports/upload", files={"file": (path.name, path.read_bytes(), "text/plain")})
            recorder.add("upload", time.perf_counter() - start)
            if response.status_code != 202:
                recorder.fail(f"upload {path}: HTTP {response.status_code} {response.text[:200]}")
                continue
            job = wait_for_job(client, response.json()["id"], job_timeout)
            recorder.add("upload_to_story", time.perf_counter() - start)
            if job.get("state") != "done":
                recorder.fail(f"job for {path}: {job.get('state')} {job.get('error')}")


def wait_for_job(client: httpx.Client, job_id: str, timeout: float) -> dict[str, Any]:
    """Poll one job until it ends (or the timeout passes: state "timeout")."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    return {"state": "timeout", "error": f"not done after {timeout:.0f} s"}


def read_pages(base: str, stop: threading.Event, recorder: Recorder) -> None:
    """One reader: list stories and open one, over and over, until the writers are done."""
    rng = random.Random(threading.get_ident())
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            start = time.perf_counter()
            listing = client.get("/api/stories", params={"limit": 100})
            recorder.add("read_list", time.perf_counter() - start)
            if listing.status_code != 200:
                recorder.fail(f"GET /api/stories: HTTP {listing.status_code}")
                continue
            rows = listing.json()["stories"]
            if not rows:
                time.sleep(0.1)
                continue
            story = rng.choice(rows)["id"]
            start = time.perf_counter()
            response = client.get(f"/api/stories/{story}")
            recorder.add("read_story", time.perf_counter() - start)
            # A story can be regrouped away between the list and the read: a 404 is a fresh answer, not a failure.
            if response.status_code not in (200, 404):
                recorder.fail(f"GET /api/stories/{story}: HTTP {response.status_code}")


def run_ingest(db: Path, folder: Path, recorder: Recorder, kind: str = "cli_ingest") -> int:
    """`consilience analyze --db db folder` in its own process; returns its exit status."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "consilience.cli", "analyze", str(folder), "--db", str(db), "--format", "json",
         "--out", os.devnull, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    recorder.add(kind, time.perf_counter() - start)
    if result.returncode != 0:
        recorder.fail(f"analyze {folder}: exit {result.returncode} {result.stderr[-300:]}")
    return result.returncode


def check_store(db: Path, expected_sources: set[str] | None = None) -> dict[str, Any]:
    """The store's invariants after concurrent writes (read with plain SQL, not through the store)."""
    conn = sqlite3.connect(db)
    try:
        def one(sql: str) -> Any:
            return conn.execute(sql).fetchone()[0]

        sources = [row[0] for row in conn.execute("SELECT source FROM articles")]
        facts = {
            "integrity_check": one("PRAGMA integrity_check"),
            "articles": len(sources),
            "duplicate_reports": len(sources) - len(set(sources)),
            "articles_without_story": one(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"),
            "articles_in_several_stories": one(
                "SELECT count(*) FROM (SELECT article_id FROM story_articles GROUP BY article_id HAVING count(*) > 1)"),
            "articles_without_claims": one(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM claims)"),
            "empty_stories": one("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"),
            "stories": one("SELECT count(*) FROM stories"),
        }
    finally:
        conn.close()
    if expected_sources is not None:
        facts["missing_reports"] = len(expected_sources - set(sources))
        facts["unexpected_reports"] = len(set(sources) - expected_sources)
    return facts


STORED_ONCE = ("duplicate_reports", "missing_reports", "unexpected_reports", "articles_without_claims")
IN_ONE_STORY = ("articles_without_story", "articles_in_several_stories", "empty_stories")


def invariants_hold(facts: dict[str, Any], names: tuple[str, ...] = STORED_ONCE + IN_ONE_STORY) -> bool:
    """True when the store is whole: integrity ok and none of `names` (lost, duplicated, orphaned...) counted."""
    return facts["integrity_check"] == "ok" and all(facts.get(name, 0) == 0 for name in names)


def summarise(latencies: list[float]) -> dict[str, float]:
    """Count and p50/p95/p99/max in milliseconds."""
    ordered = sorted(latencies)

    def pick(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"n": len(ordered), "p50_ms": round(1000 * statistics.median(ordered), 1), "p95_ms": pick(0.95),
            "p99_ms": pick(0.99), "max_ms": round(1000 * ordered[-1], 1)}


def expected_sources(uploads: list[list[Path]], ingests: list[Path]) -> set[str]:
    """The outlet line of every report written: each report has its own."""
    paths = [p for files in uploads for p in files] + [p for folder in ingests for p in sorted(folder.glob("*.txt"))]
    sources = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("source: "):
                sources.add(line[len("source: "):])
                break
    return sources


def run_loadtest(plan: LoadPlan, workdir: Path | None = None, job_timeout: float = 1800.0) -> dict[str, Any]:
    """Run the plan against a fresh server and database; returns the JSON result."""
    with tempfile.TemporaryDirectory(prefix="consilience-load-") as tmp:
        folder = Path(workdir or tmp)
        uploads, ingests = write_corpus(folder, plan)
        db = folder / "load.db"
        token = secrets.token_urlsafe(24)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = folder / "server.log"
        server = start_server(db, port, token, log)
        recorder = Recorder()
        stop = threading.Event()
        try:
            # Warm the server's models first, so the timings are of the load, not of model loading.
            warm = folder / "warmup.txt"
            warm.write_text(perturb_report(random.Random(0), read_templates()[0], "warmup"), encoding="utf-8")
            warm_recorder = Recorder()
            upload_reports(base, token, [warm], warm_recorder, job_timeout)
            recorder.failures += warm_recorder.failures
            readers = [threading.Thread(target=read_pages, args=(base, stop, recorder)) for _ in range(plan.readers)]
            writers = [threading.Thread(target=upload_reports, args=(base, token, files, recorder, job_timeout))
                       for files in uploads]
            writers += [threading.Thread(target=run_ingest, args=(db, path, recorder)) for path in ingests]
            start = time.perf_counter()
            for thread in readers + writers:
                thread.start()
            for thread in writers:
                thread.join()
            elapsed = time.perf_counter() - start
            stop.set()
            for thread in readers:
                thread.join()
            sources = expected_sources(uploads, ingests) | {f"{read_templates()[0][0]['source']} warmup"}
            after_load = check_store(db, sources)
            # The same input again: stored reports are recognised by content hash, nothing is added.
            rerun_status = run_ingest(db, ingests[0], recorder, kind="cli_rerun") if ingests else None
            after_rerun = check_store(db, sources)
        finally:
            stop.set()
            stop_server(server)
            server_log = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        written = plan.clients * plan.reports + plan.ingests * plan.ingest_reports
        return {
            "benchmark": "loadtest",
            "plan": plan.__dict__,
            "reports_written": written,
            "seconds": round(elapsed, 2),
            "reports_per_second": round(written / elapsed, 3),
            "latency": {kind: summarise(values) for kind, values in sorted(recorder.latencies.items())},
            "failures": recorder.failures[:20],
            "server_log_tail": server_log if recorder.failures else "",
            "store_after_load": after_load,
            "store_after_rerun": after_rerun,
            "rerun_exit_status": rerun_status,
            # After the load: every report stored once, in exactly one story. After the re-run: stored once
            # (no duplicate, none lost); "in one story" is reported apart, because `analyze --db` replaces
            # the stories of its own reports and so drops their stored co-members (see docs/benchmarks.md).
            "invariants_hold": (invariants_hold(after_load) and invariants_hold(after_rerun, STORED_ONCE)
                                and not recorder.failures),
            "one_story_each_after_rerun": invariants_hold(after_rerun, IN_ONE_STORY),
            "load_average": list(os.getloadavg()),
            "cpus": os.cpu_count(),
        }


__all__ = ["LoadPlan", "check_store", "invariants_hold", "run_loadtest"]
