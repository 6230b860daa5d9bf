"""Kill -9 mid-write: the CLI ingest and the server's upload job. Nothing committed is lost, nothing
half-written is visible, the server restarts on the same database and a re-run adds no duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from consilience.bench.loadtest import check_store, stop_server, wait_for_server
from consilience.engine import CHUNK
from consilience.web.bench import free_port

pytestmark = pytest.mark.slow

CITIES = ("Ghent", "Leuven", "Namur", "Liege", "Mons", "Bruges", "Hasselt", "Arlon", "Tournai", "Wavre")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def small_report(n: int) -> dict[str, str]:
    """A short flood report of its own (distinct outlet, city, figures), with attributed claims."""
    city, day = CITIES[n % len(CITIES)], DAYS[n % len(DAYS)]
    text = (f"Flood waters reached the centre of {city} on {day}, city officials said. "
            f"About {100 + n} residents were moved to a school near the station, according to the fire service. "
            f"The mayor said the river would fall by {n % 20 + 2} centimetres overnight.")
    return {"title": f"Floods reach {city} ({n})", "source": f"Outlet {n:03d}", "published": "2024-03-02",
            "text": text}


def write_reports(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        r = small_report(n)
        (folder / f"r{n:03d}.txt").write_text(
            f"---\ntitle: {r['title']}\nsource: {r['source']}\npublished: {r['published']}\n---\n{r['text']}\n",
            encoding="utf-8")
    return folder


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0
    finally:
        conn.close()


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def analyze_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "consilience.cli", "analyze", str(folder), "--db", str(db), "--format", "json",
            "--out", os.devnull, "--quiet", "--workers", "1"]


def assert_nothing_half_written(db: Path) -> dict:
    facts = check_store(db)
    assert facts["integrity_check"] == "ok"
    # Articles land in chunks of CHUNK, each chunk in one transaction with its claims.
    assert facts["articles"] % CHUNK == 0, facts
    assert facts["articles_without_claims"] == 0, facts
    assert facts["duplicate_reports"] == 0, facts
    return facts


def test_concurrency_kill_ingest_mid_write_then_rerun(tmp_path):
    folder = write_reports(tmp_path / "reports", 150)
    db = tmp_path / "kill.db"
    process = subprocess.Popen(analyze_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: count_articles(db) >= CHUNK or process.poll() is not None, 600, "the first chunk")
        assert process.poll() is None, "the ingest ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    killed = assert_nothing_half_written(db)
    assert CHUNK <= killed["articles"] < 150

    rerun = subprocess.run(analyze_command(folder, db), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr[-500:]
    again = subprocess.run(analyze_command(folder, db), capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr[-500:]
    facts = check_store(db, {f"Outlet {n:03d}" for n in range(150)})
    assert facts["integrity_check"] == "ok"
    assert facts["articles"] == 150 and facts["duplicate_reports"] == 0
    assert facts["missing_reports"] == facts["unexpected_reports"] == 0
    assert facts["articles_without_claims"] == 0
    assert facts["articles_without_story"] == facts["articles_in_several_stories"] == 0


def start_server(db: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "consilience.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_server(f"http://127.0.0.1:{port}", process, timeout=300)
    return process


def upload_jsonl(client: httpx.Client, reports: list[dict]) -> str:
    body = "".join(json.dumps(r) + "\n" for r in reports).encode("utf-8")
    response = client.post("/api/reports/upload", files={"file": ("batch.jsonl", body, "application/jsonl")})
    assert response.status_code == 202, response.text
    return response.json()["id"]


def test_concurrency_kill_server_during_upload_job_then_restart(tmp_path):
    db = tmp_path / "served.db"
    first = [small_report(n) for n in range(8)]
    batch = [small_report(n) for n in range(8, 8 + 2 * CHUNK + 10)]
    port = free_port()
    server = start_server(db, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            job = upload_jsonl(client, first)
            wait_until(lambda: client.get(f"/api/jobs/{job}").json()["state"] in ("done", "failed"), 600, "job 1")
            assert client.get(f"/api/jobs/{job}").json()["state"] == "done"
            before = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
            upload_jsonl(client, batch)
            # Kill once the big job has committed its first chunk and is still writing.
            wait_until(lambda: count_articles(db) >= len(first) + CHUNK or server.poll() is not None, 600,
                       "the first chunk of the big job")
        server.send_signal(signal.SIGKILL)
        server.wait()
    finally:
        if server.poll() is None:
            server.kill()
    facts = check_store(db)
    assert facts["integrity_check"] == "ok" and facts["articles_without_claims"] == 0
    assert facts["articles"] - len(first) in (CHUNK, 2 * CHUNK)  # whole chunks only
    assert facts["duplicate_reports"] == 0

    server = start_server(db, port)  # the same file, with the WAL of the killed process
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            stories = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
            for story_id in before:  # the stories committed before the kill are still served
                assert story_id in stories and client.get(f"/api/stories/{story_id}").status_code == 200
            job = upload_jsonl(client, batch)  # the same input again
            wait_until(lambda: client.get(f"/api/jobs/{job}").json()["state"] in ("done", "failed"), 600, "re-run")
            assert client.get(f"/api/jobs/{job}").json()["state"] == "done"
    finally:
        stop_server(server)
    facts = check_store(db, {r["source"] for r in first + batch})
    assert facts["integrity_check"] == "ok"
    assert facts["articles"] == len(first) + len(batch) and facts["duplicate_reports"] == 0
    assert facts["missing_reports"] == facts["unexpected_reports"] == 0
    assert facts["articles_without_claims"] == 0
    assert facts["articles_without_story"] == facts["articles_in_several_stories"] == 0
