"""The CLI as a user meets it: a real `consilience` process, its output, stderr lines and exit code."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from consilience.outputs import load_schema

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "hama"


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "consilience.cli", *args], cwd=cwd or REPO, input=stdin,
                          capture_output=True, text=True, env=env, timeout=600)


def test_cli_help_lists_analyze():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "analyze" in result.stdout


@pytest.mark.slow
def test_cli_analyze_json_validates_and_stores(tmp_path):
    db = tmp_path / "c.db"
    result = run_cli("analyze", str(EXAMPLE), "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema())
    assert len(data["articles"]) == 4 and len(data["stories"]) == 1
    assert "read 4 input(s): 4 report(s) analysed, 0 failed" in result.stderr
    # Re-running the same input stores nothing twice and gives the same verdicts.
    again = run_cli("analyze", str(EXAMPLE), "--db", str(db), "--format", "json")
    assert again.returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    first = sorted((c["summary"], c["verdict"]) for s in data["stories"] for c in s["claims"])
    second = sorted((c["summary"], c["verdict"]) for s in json.loads(again.stdout)["stories"] for c in s["claims"])
    assert first == second


@pytest.mark.slow
def test_cli_bad_inputs_one_line_each_and_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "french.txt").write_text(
        "Les rebelles sont entrés dans la ville de Hama jeudi, selon les habitants de la région, "
        "et l'armée a annoncé qu'elle se retirait pour protéger la vie des civils dans la ville.")
    (tmp_path / "rows.jsonl").write_text('{"text": "Rebels entered Hama on Thursday, residents said, after '
                                         'a long week of fighting in the north.", "source": "A"}\n{not json}\n')
    good = EXAMPLE / "global-courier.txt"
    result = run_cli("analyze", str(good), str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"),
                     str(tmp_path / "binary.txt"), str(tmp_path / "french.txt"), str(tmp_path / "rows.jsonl"),
                     "--no-store", "--format", "json")
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error ")]
    codes = sorted(ln.split()[1] for ln in lines)
    assert codes == ["E001", "E003", "E004", "E008", "E009"], result.stderr
    assert any("row 2" in ln for ln in lines)
    data = json.loads(result.stdout)
    assert {a["source"] for a in data["articles"]} == {"Global Courier", "A"}


@pytest.mark.slow
def test_cli_stdin_and_markdown():
    text = (EXAMPLE / "northern-wire.txt").read_text()
    result = run_cli("analyze", "-", "--no-store", "--format", "markdown", "--published", "2024-12-05", stdin=text)
    assert result.returncode == 0, result.stderr
    assert "Hama" in result.stdout and "#" in result.stdout


def test_cli_rejects_bad_published_date():
    result = run_cli("analyze", str(EXAMPLE), "--published", "32 Novembre")
    assert result.returncode == 2
    assert "ISO date" in result.stderr


@pytest.mark.slow
def test_cli_html_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    result = run_cli("analyze", str(EXAMPLE), "--no-store", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "<script src" not in html and "http://" not in html.replace("https://levant-ledger.example", "")
    assert "Russian troops" in html


@pytest.mark.slow
def test_cli_ingest_progress_bar_counts_reports_and_stories_on_stderr(tmp_path):
    result = run_cli("ingest", str(EXAMPLE), "--db", str(tmp_path / "c.db"), "--workers", "1", "--progress")
    assert result.returncode == 0, result.stderr
    rows = [line.replace("━", " ").split() for line in result.stderr.splitlines()]
    phases = {row[0]: row for row in rows if row and row[0] in ("reports", "stories")}
    assert set(phases) == {"reports", "stories"}
    for row in phases.values():
        assert row[1] == "4/4" and "reports/s" in row and "ETA" in row
    assert json.loads(result.stdout)["reports"] == 4  # the bar goes to stderr only


def test_cli_progress_bar_shows_the_rate_once_reports_have_flowed(capsys):
    import time

    from consilience.cli import progress_bar

    with progress_bar(True) as hook:
        hook("reports", 0, 40)
        time.sleep(0.3)
        hook("reports", 20, 40)
        time.sleep(0.3)
        hook("reports", 40, 40)
    row = next(line for line in capsys.readouterr().err.splitlines() if line.startswith("reports"))
    fields = row.replace("━", " ").split()
    assert fields[1] == "40/40"
    rate = float(fields[fields.index("reports/s") - 1])  # about 40 reports in 0.6 s
    assert 10 < rate < 400


def test_cli_progress_bar_disabled_gives_no_hook(capsys):
    from consilience.cli import progress_bar

    with progress_bar(False) as hook:
        assert hook is None
    assert capsys.readouterr().err == ""
