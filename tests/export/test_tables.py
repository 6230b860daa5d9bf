"""The flat tables: documented headers, analyst columns that say the right thing, CSV the stdlib reads."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from consilience.export import TABLES, export_store, import_export
from consilience.export.tables import tabulate_snapshot
from consilience.store import SQLiteStore

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def test_tables_csv_opens_with_stdlib_csv_and_has_the_documented_headers(tmp_path, stored):
    export_store(stored, "csv", tmp_path / "t")
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{n}.csv" for n in TABLES)
    for name, columns in TABLES.items():
        header, _ = _read_csv(tmp_path / "t" / f"{name}.csv")
        assert header == [c.name for c in columns]
        # The README table lists every column of every table (analyst and round-trip together).
        line = next(ln for ln in README.splitlines() if ln.startswith(f"| {name} |"))
        documented = set(re.findall(r"[a-z_]+", line.split("|", 2)[2]))
        assert {c.name for c in columns} <= documented, name
    assert len(_read_csv(tmp_path / "t" / "articles.csv")[1]) == 2


def test_tables_csv_cells_keep_commas_quotes_newlines_and_non_ascii(tmp_path, stored, snapshot):
    export_store(stored, "csv", tmp_path / "t")
    _, articles = _read_csv(tmp_path / "t" / "articles.csv")
    assert [a["text"] for a in articles] == [a.text for a in snapshot.articles]
    assert articles[0]["title"] == 'Rebels enter Hama, "army leaves"'
    assert articles[1]["title"] == "" and articles[1]["published"] == ""  # unknown stays empty


def test_tables_analyst_rows_for_claims_mentions_conflicts_origins(snapshot):
    tables = tabulate_snapshot(snapshot)
    story = tables["stories"][0]
    assert (story["reports"], story["claims"], story["corroborated"], story["single_source"], story["disputed"]) == (
        2, 3, 1, 1, 1)
    assert story["article_ids"] == "a1; b2" and story["places"] == "Hama"
    claims = {row["claim_id"]: row for row in tables["claims"]}
    assert [row["position"] for row in tables["claims"]] == [0, 1, 2]
    assert claims["g1"]["sources"] == "Northern Wire; Levant Ledger"  # b2's mention has no source: its article's
    assert claims["g1"]["origins"] == "Reuters" and claims["g1"]["reports"] == 2
    assert claims["g2"]["verdict"] == "disputed" and claims["g2"]["conflict_kinds"] == "number"
    mention = tables["mentions"][0]
    assert (mention["attribution"], mention["origin"], mention["published"]) == ("Reuters", "reuters", "2024-12-05")
    assert tables["mentions"][1]["origin"] is None and tables["mentions"][1]["published"] is None
    [conflict] = tables["conflicts"]
    assert (conflict["a_source"], conflict["a_value"], conflict["b_source"], conflict["b_value"]) == (
        "Northern Wire", "100–999 people", "Levant Ledger", "1000–9999 people")
    assert [(o["outlet"], o["origin"], o["chain"]) for o in tables["origins"] if o["claim_id"] == "g2"] == [
        ("Northern Wire", "Northern Wire", "Northern Wire"), ("Levant Ledger", "Ali Şahin", "Levant Ledger → Ali Şahin")]


def test_tables_every_column_is_documented_and_only_data_columns_round_trip():
    for columns in TABLES.values():
        assert all(c.doc and c.type in ("str", "int") for c in columns)
        assert len({c.name for c in columns}) == len(columns)
    round_trip = {(name, c.name) for name, columns in TABLES.items() for c in columns if c.round_trip}
    assert round_trip == {("articles", "data"), ("stories", "data"), ("claims", "story_id"),
                          ("claims", "position"), ("claims", "data")}


@pytest.mark.parametrize("fmt", ["csv"])
def test_tables_edited_analyst_columns_do_not_change_what_imports(tmp_path, stored, fmt):
    export_store(stored, fmt, tmp_path / "t")
    path = tmp_path / "t" / "claims.csv"
    header, rows = _read_csv(path)
    rows.reverse()  # an analyst sorted the sheet and retyped a verdict
    rows[0]["verdict"] = "corroborated"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header + ["note"])
        writer.writeheader()
        writer.writerows([{**row, "note": "checked"} for row in rows])
    with SQLiteStore(":memory:") as copy:
        import_export(tmp_path / "t", copy)
        assert copy.load_stories() == stored.load_stories()
