"""Export then import gives a store with the same content, for every format; bad files fail clearly."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from consilience.cli import main
from consilience.errors import ConsilienceError
from consilience.export import FORMATS, detect_format, export_store, import_export
from consilience.model import Article
from consilience.store import SQLiteStore

# (format, output name): csv and parquet also go into one zip when the name ends in .zip.
TARGETS = [("json", "out.json"), ("jsonld", "out.jsonld"), ("csv", "tables"), ("parquet", "tables"),
           ("csv", "tables.zip"), ("parquet", "tables.zip")]


@pytest.mark.parametrize("fmt, name", TARGETS)
def test_transfer_round_trip_gives_the_same_store_content(tmp_path, stored, fmt, name):
    result = export_store(stored, fmt, tmp_path / name)
    with SQLiteStore(tmp_path / "copy.db") as copy:
        counts = import_export(tmp_path / name, copy)
        assert copy.list_articles() == stored.list_articles()
        assert copy.load_stories() == stored.load_stories()
    assert (counts.articles, counts.stories, counts.claims, counts.mentions, counts.conflicts) == (2, 1, 3, 5, 1)
    assert counts == result.counts
    assert detect_format(tmp_path / name) == fmt


@pytest.mark.parametrize("fmt, name", TARGETS)
def test_transfer_import_twice_into_a_non_empty_store_adds_no_duplicates(tmp_path, stored, fmt, name):
    export_store(stored, fmt, tmp_path / name)
    other = Article(id="z9", text="An unrelated report that was already stored.", source="Other Outlet")
    with SQLiteStore(tmp_path / "busy.db") as busy:
        busy.save_articles([other])
        import_export(tmp_path / name, busy)
        first = (busy.list_articles(), busy.load_stories())
        import_export(tmp_path / name, busy)
        assert (busy.list_articles(), busy.load_stories()) == first
        assert [a.id for a in busy.list_articles()] == ["z9", "a1", "b2"]
        assert [s.id for s in busy.load_stories()] == ["s1"]


def test_transfer_single_table_path_reads_its_whole_folder(tmp_path, stored):
    export_store(stored, "csv", tmp_path / "tables")
    with SQLiteStore(":memory:") as copy:
        import_export(tmp_path / "tables" / "claims.csv", copy)
        assert copy.load_stories() == stored.load_stories()


def test_transfer_empty_store_exports_and_imports_nothing(tmp_path):
    with SQLiteStore(tmp_path / "empty.db") as empty:
        for fmt, name in TARGETS[:4]:
            assert export_store(empty, fmt, tmp_path / f"{fmt}-{name}").counts.articles == 0
            assert import_export(tmp_path / f"{fmt}-{name}", empty).stories == 0
        assert empty.count_articles() == 0


def _truncate(path, keep=0.5):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


@pytest.mark.parametrize("fmt, name, damaged", [
    ("json", "out.json", "out.json"),
    ("jsonld", "out.jsonld", "out.jsonld"),
    ("csv", "tables", "tables/claims.csv"),
    ("csv", "tables", "tables/articles.csv"),
    ("parquet", "tables", "tables/stories.parquet"),
    ("csv", "tables.zip", "tables.zip"),
])
def test_transfer_truncated_export_is_refused_before_anything_is_written(tmp_path, stored, fmt, name, damaged):
    export_store(stored, fmt, tmp_path / name)
    _truncate(tmp_path / damaged)
    with SQLiteStore(tmp_path / "copy.db") as copy:
        with pytest.raises(ConsilienceError) as caught:
            import_export(tmp_path / name, copy)
        assert copy.count_articles() == 0
    message = str(caught.value)
    assert str(tmp_path) in message and "export the store again" in message.lower()


@pytest.mark.parametrize("content, expected", [
    ({"schema_version": 1, "articles": [], "stories": []}, "not a Consilience export"),
    ({"format": "consilience-export", "version": 99, "articles": [], "stories": []}, "export version 99"),
    ({"format": "consilience-export", "version": 1, "articles": [{"id": "x"}], "stories": []},
     "item 0 does not describe a article"),
    ({"format": "consilience-export", "version": 1, "articles": "nope", "stories": []}, "not a list"),
    ({"format": "consilience-export", "version": 1, "articles": [], "stories": [{"id": "s", "title": "t",
      "articles": ["missing"]}]}, "neither in the export nor in the store"),
    ({"@context": {}, "@graph": [{"@id": "x"}]}, "not a Consilience JSON-LD export"),
])
def test_transfer_foreign_or_inconsistent_json_is_refused(tmp_path, content, expected):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with SQLiteStore(":memory:") as store, pytest.raises(ConsilienceError, match=expected):
        import_export(path, store)


def test_transfer_folder_without_tables_and_missing_path_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with SQLiteStore(":memory:") as store:
        with pytest.raises(ConsilienceError, match="no articles.csv or articles.parquet"):
            import_export(tmp_path / "empty", store)
        with pytest.raises(ConsilienceError, match="no such file or folder"):
            import_export(tmp_path / "nothing.json", store)


def test_transfer_zip_without_its_claims_table_is_refused(tmp_path, stored):
    export_store(stored, "csv", tmp_path / "t.zip")
    with zipfile.ZipFile(tmp_path / "t.zip") as source, zipfile.ZipFile(tmp_path / "cut.zip", "w") as cut:
        for info in source.infolist():
            if info.filename != "claims.csv":
                cut.writestr(info, source.read(info))
    with SQLiteStore(":memory:") as store, pytest.raises(ConsilienceError, match="claims.csv is missing"):
        import_export(tmp_path / "cut.zip", store)


def test_transfer_unknown_format_and_wrong_targets_are_refused(tmp_path, stored):
    with pytest.raises(ConsilienceError, match="unknown export format 'xml'"):
        export_store(stored, "xml", tmp_path / "x.xml")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ConsilienceError, match="is a folder"):
        export_store(stored, "json", tmp_path / "folder")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConsilienceError, match="is a file"):
        export_store(stored, "csv", tmp_path / "file")
    assert set(FORMATS) == {"json", "csv", "parquet", "jsonld"}


def test_transfer_cli_export_then_import_round_trips(tmp_path, stored):
    runner = CliRunner()
    source = str(tmp_path / "source.db")
    for fmt, name in TARGETS[:4]:
        out = str(tmp_path / f"cli-{name}")
        exported = runner.invoke(main, ["export", "--db", source, "--format", fmt, "--out", out])
        assert exported.exit_code == 0, exported.output
        assert f"exported 2 report(s), 1 story, 3 claim(s), 5 mention(s), 1 conflict(s) as {fmt}" in exported.output
        copy = str(tmp_path / f"cli-{fmt}.db")
        imported = runner.invoke(main, ["import", out, "--db", copy])
        assert imported.exit_code == 0, imported.output
        with SQLiteStore(copy) as restored:
            assert restored.load_stories() == stored.load_stories()


def test_transfer_cli_damaged_file_gives_one_error_line_not_a_traceback(tmp_path, stored):
    runner = CliRunner()
    export_store(stored, "jsonld", tmp_path / "out.jsonld")
    _truncate(tmp_path / "out.jsonld", 0.3)
    result = runner.invoke(main, ["import", str(tmp_path / "out.jsonld"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert result.output.startswith("Error: ") and "damaged or cut short" in result.output
    assert result.output.count("\n") == 1
    missing = runner.invoke(main, ["export", "--db", str(tmp_path / "absent.db"), "--out", str(tmp_path / "o.json")])
    assert missing.exit_code == 1 and "no such store" in missing.output
    assert not (tmp_path / "absent.db").exists()


def test_transfer_parquet_claims_without_positions_are_refused(tmp_path, stored):
    import pyarrow.parquet as pq

    export_store(stored, "parquet", tmp_path / "t")
    claims = pq.read_table(tmp_path / "t" / "claims.parquet").drop_columns(["position"])
    pq.write_table(claims, tmp_path / "t" / "claims.parquet")
    with SQLiteStore(":memory:") as store, pytest.raises(ConsilienceError, match="no position column"):
        import_export(tmp_path / "t", store)


def test_transfer_exported_files_get_ordinary_permissions(tmp_path, stored):
    (tmp_path / "plain.txt").write_text("x")
    export_store(stored, "json", tmp_path / "out.json")
    export_store(stored, "csv", tmp_path / "tables")
    expected = (tmp_path / "plain.txt").stat().st_mode
    assert (tmp_path / "out.json").stat().st_mode == expected
    assert (tmp_path / "tables" / "claims.csv").stat().st_mode == expected
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_transfer_cli_offers_exactly_the_library_formats():
    [fmt] = [p for p in main.commands["export"].params if p.name == "fmt"]
    assert tuple(fmt.type.choices) == FORMATS
