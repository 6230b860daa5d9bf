"""`consilience ingest`: incremental stories across runs, and interrupted runs resumed without loss or duplicates."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

EVENTS = [
    ("Hama", "Rebel fighters entered Hama after the Syrian army withdrew from the city"),
    ("Lyon", "A chemical plant fire near Lyon forced thousands of residents to stay indoors"),
    ("Osaka", "A magnitude 6 earthquake struck Osaka, halting trains and damaging buildings"),
    ("Lagos", "Floods in Lagos displaced families as heavy rain swamped low-lying districts"),
    ("Quito", "Protesters in Quito blocked roads against a fuel price increase announced by the government"),
    ("Perth", "Firefighters near Perth contained a bushfire that had threatened dozens of homes"),
    ("Oslo", "Oslo city council approved a ban on petrol cars in the centre from next year"),
    ("Dakar", "A ferry carrying passengers capsized off Dakar, and coastguards rescued survivors"),
]
OUTLETS = ["Northern Wire", "Global Courier", "Levant Ledger", "Daily Post", "Morning Star", "City Herald",
           "Evening News", "Harbor Times", "Valley Gazette", "Coast Chronicle", "Metro Daily", "River Report",
           "Plains Record", "Summit Journal"]


def write_reports(folder: Path, events=EVENTS, day: int = 5) -> int:
    """One short report per (event, outlet), each worded a little differently."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for place, lead in events:
        for n, outlet in enumerate(OUTLETS):
            body = (f"{lead}, {outlet} reported on Thursday. Officials in {place} said {10 + n} people were "
                    f"hurt and {n + 2} buildings damaged. Witnesses described scenes of confusion in {place}.")
            (folder / f"{place.lower()}-{n:02d}.txt").write_text(
                f"Title: {lead.split(',')[0]}\nSource: {outlet}\nPublished: 2024-12-{day:02d}\n\n{body}\n",
                encoding="utf-8")
            count += 1
    return count


def ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "consilience.cli", "ingest", str(folder), "--db", str(db),
            "--workers", "1", "--no-progress", "-q"]


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def count_articles(db: Path) -> int:
    try:
        return rows(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.OperationalError:
        return 0


def assert_complete(db: Path, expected: int) -> None:
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(expected, expected)]
    assert rows(db, "SELECT count(*) FROM report_profiles") == [(expected,)]
    membership = rows(db, "SELECT article_id, count(*) FROM story_articles GROUP BY article_id")
    assert len(membership) == expected and all(n == 1 for _, n in membership)  # each report in one story


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_engine_ingest_interrupted_run_resumes_without_duplicates(tmp_path, sig):
    folder, db = tmp_path / "reports", tmp_path / "c.db"
    expected = write_reports(folder)
    run = subprocess.Popen(ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while count_articles(db) == 0 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    run.send_signal(sig)
    run.wait(timeout=60)
    stored = count_articles(db)
    assigned = rows(db, "SELECT count(*) FROM story_articles")[0][0]
    assert 0 < stored and assigned < expected  # it really stopped mid-way, keeping whole chunks
    again = subprocess.run(ingest_command(folder, db), check=False, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert_complete(db, expected)
    stories = rows(db, "SELECT count(*) FROM stories")[0][0]
    assert len(EVENTS) <= stories <= 2 * len(EVENTS)


@pytest.mark.slow
def test_engine_ingest_second_run_joins_stored_stories(tmp_path):
    from consilience.engine import ingest
    from consilience.store.sqlite import SQLiteStore

    db = tmp_path / "c.db"
    first = write_reports(tmp_path / "one", EVENTS[:2], day=5)
    ingest([tmp_path / "one"], db=db)
    with SQLiteStore(db) as store:
        before = store.load_story_members()
    later = [(place, lead.replace("after", "days after")) for place, lead in EVENTS[:1]]
    write_reports(tmp_path / "two", later, day=6)
    result = ingest([tmp_path / "two"], db=db)
    with SQLiteStore(db) as store:
        after = store.load_story_members()
    # the new Hama reports joined the stored Hama story under its old id; nothing was duplicated
    grown = [sid for sid in before if sid in after and len(after[sid]) > len(before[sid])]
    assert grown, (before, after)
    assert grown[0] in {s.id for s in result.stories}
    assert sum(len(m) for m in after.values()) == first + len(OUTLETS)
    assert_complete(db, first + len(OUTLETS))
