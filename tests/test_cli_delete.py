"""`consilience delete`: thin over engine.delete_reports; JSON on stdout, exit 1 for an unknown id."""

from __future__ import annotations

import json

from click.testing import CliRunner

from consilience.cli import main
from consilience.model import Article, Story
from consilience.store import open_store


def make_db(path):
    """Two one-report stories: deleting either needs no model to re-align anything."""
    with open_store(path) as store:
        store.save_articles([Article(id="r1", text="Floods hit Ghent.", source="Gazette"),
                             Article(id="r2", text="Markets rose in Tokyo.", source="Wire")])
        store.save_stories([Story(id="s1", title="Floods", articles=["r1"]),
                            Story(id="s2", title="Markets", articles=["r2"])])
    return path


def test_cli_delete_removes_reports_and_their_emptied_stories(tmp_path):
    db = make_db(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["delete", "r1", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"deleted": ["r1"], "missing": [], "stories": [], "removed_stories": ["s1"]}
    with open_store(db) as store:
        assert [a.id for a in store.list_articles()] == ["r2"]
        assert [s.id for s in store.load_stories()] == ["s2"]


def test_cli_delete_unknown_id_exits_1_and_keeps_the_rest(tmp_path):
    db = make_db(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["delete", "ghost", "r2", "--db", str(db)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["deleted"] == ["r2"]
    assert "ghost: no such report" in result.stderr
    with open_store(db) as store:
        assert store.count_articles() == 1


def test_cli_delete_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["delete", "r1", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no such store" in result.stderr
    assert not (tmp_path / "nope.db").exists()  # nothing created
