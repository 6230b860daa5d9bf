"""`engine.delete_reports`: reports leave the store, their stories are re-judged without them or go."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest

from consilience import engine
from consilience.align.align import AlignClaims
from consilience.model import (
    Article,
    Claim,
    ClaimGroup,
    Conflict,
    Mention,
    Story,
    StoryChange,
)
from consilience.store import open_store

SAME = "Rebels entered Hama on Thursday."
OTHER = "Rebels entered Hama on Friday."


class FakeEmbedder:
    """Every claim about Hama gets one vector, anything else another: no model loads."""

    name = "fake"

    def encode(self, texts):
        return np.stack([np.array([1.0, 0.0]) if "Hama" in t else np.array([0.0, 1.0]) for t in texts])


def report(article_id: str, source: str, text: str, published: str) -> Article:
    claim = Claim(id=f"{article_id}-c0", article_id=article_id, text=text, start=0, end=len(text), sentence=0,
                  actors=["Rebels"], targets=["Hama"], event_type="SEIZE", lead=True)
    return Article(id=article_id, text=text, source=source, title=f"{source}: rebels in Hama", published=published,
                   claims=[claim])


def mention(article: Article) -> Mention:
    claim = article.claims[0]
    return Mention(article.id, claim.id, claim.text, claim.start, claim.end, [], article.source)


@pytest.fixture
def db(tmp_path):
    """A store with story s-hama (a, b, c: c disagrees on the day) and story s-solo (d alone)."""
    a, b = report("a", "Wire One", SAME, "2024-12-05"), report("b", "Courier Two", SAME, "2024-12-06")
    c, d = report("c", "Post Three", OTHER, "2024-12-07"), report("d", "Gazette", "Floods hit Ghent.", "2024-12-01")
    stale = ClaimGroup(id="g0", summary=SAME, mentions=[mention(a), mention(b), mention(c)], verdict="disputed",
                       conflicts=[Conflict("date", mention(a), mention(c), "Thursday vs Friday")])
    hama = Story(id="s-hama", title="Rebels in Hama", articles=["a", "b", "c"], claims=[stale],
                 history=[StoryChange("created", None, ["a"], 1)])
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.save_articles([a, b, c, d])
        store.save_stories([hama, Story(id="s-solo", title="Floods", articles=["d"])])
    return path


@pytest.fixture
def fake_align(monkeypatch):
    monkeypatch.setattr(engine, "AlignClaims", lambda: AlignClaims(embedder=FakeEmbedder()))


def test_engine_delete_rejudges_the_story_without_the_report(db, fake_align):
    result = engine.delete_reports(["c"], db=db)
    assert result.deleted == ["c"] and result.removed_stories == []
    [story] = result.stories
    assert story.id == "s-hama" and story.articles == ["a", "b"]
    assert [m.article for g in story.claims for m in g.mentions] == ["a", "b"]
    [group] = story.claims
    assert group.verdict == "corroborated" and group.conflicts == []  # the disagreeing report is gone
    assert story.history == [StoryChange("created", None, ["a"], 1), StoryChange("removed", None, ["c"], 4)]
    with open_store(db) as store:
        assert store.load_stories_by_id(["s-hama"]) == [story]
        assert store.load_story_members() == {"s-hama": ["a", "b"], "s-solo": ["d"]}
        assert store.known_articles(["a", "b", "c", "d"]) == {"a", "b", "d"}


def test_engine_delete_last_report_deletes_its_story(db, monkeypatch):
    def no_align():
        raise AssertionError("nothing is left to re-align")

    monkeypatch.setattr(engine, "AlignClaims", no_align)
    result = engine.delete_reports(["d", "ghost"], db=db)
    assert result.deleted == ["d"] and result.stories == [] and result.removed_stories == ["s-solo"]
    with open_store(db) as store:
        assert [s.id for s in store.load_stories()] == ["s-hama"]
        assert store.search_articles("Ghent") == []


def test_engine_delete_unknown_ids_changes_nothing(db):
    assert engine.delete_reports(["ghost"], db=db) == engine.Deletion()
    with open_store(db) as store:
        assert store.count_articles() == 4 and len(store.load_stories()) == 2


def test_engine_delete_refuses_one_string(db):
    with pytest.raises(TypeError, match="list of report ids"):
        engine.delete_reports("c", db=db)


def test_engine_delete_failed_rejudge_deletes_nothing(db, monkeypatch):
    class Broken:
        name, requires, assigns = "align", (), ()

        def __call__(self, analysis):
            raise RuntimeError("model files missing")

    monkeypatch.setattr(engine, "AlignClaims", Broken)
    with pytest.raises(RuntimeError, match="model files missing"):
        engine.delete_reports(["c"], db=db)
    with open_store(db) as store:
        assert store.count_articles() == 4
        assert store.load_story_members()["s-hama"] == ["a", "b", "c"]


def test_engine_delete_holds_the_story_lock(db, fake_align, monkeypatch):
    held = {"now": False}
    deleted_under_lock = []

    @contextmanager
    def watched_lock(store):
        held["now"] = True
        try:
            yield
        finally:
            held["now"] = False

    real_delete = engine._delete_locked

    def checking(ids, store):
        deleted_under_lock.append(held["now"])
        return real_delete(ids, store)

    monkeypatch.setattr(engine, "lock_stories", watched_lock)
    monkeypatch.setattr(engine, "_delete_locked", checking)
    engine.delete_reports(["c"], db=db)
    assert deleted_under_lock == [True]


@pytest.mark.slow
def test_engine_delete_rejudges_with_the_real_models(db):
    result = engine.delete_reports(["c"], db=db)
    [story] = result.stories
    assert story.articles == ["a", "b"]
    mentioned = {m.article for g in story.claims for m in g.mentions}
    assert mentioned == {"a", "b"}
    assert all(not g.conflicts for g in story.claims)
    with open_store(db) as store:
        assert store.load_stories_by_id(["s-hama"]) == [story]
