"""The story step of `analyze` and `ingest` runs under the store's story lock and orphans no stored report."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from consilience import engine
from consilience.store import SQLiteStore

pytestmark = pytest.mark.slow

LEAD = ("Flood waters reached the centre of Ghent on Monday, city officials said. About {n} residents were "
        "moved to a school near the station, according to the fire service. The mayor said the river would "
        "fall overnight.")


def write_report(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"r{n}.txt").write_text(f"---\ntitle: Floods reach Ghent\nsource: Outlet {n}\npublished: 2024-12-05\n"
                                      f"---\n{LEAD.format(n=100 + n)}\n", encoding="utf-8")
    return folder


class WatchedStore(SQLiteStore):
    """An SQLite store recording whether each story save happened while the story lock was held."""

    locked = False

    def __init__(self, path) -> None:
        super().__init__(path)
        self.saves: list[bool] = []

    def save_stories(self, stories) -> None:
        self.saves.append(WatchedStore.locked)
        super().save_stories(stories)


@pytest.fixture
def watched_lock(monkeypatch):
    @contextmanager
    def lock(store, timeout: float = 600.0):
        WatchedStore.locked = True
        try:
            yield
        finally:
            WatchedStore.locked = False

    monkeypatch.setattr(engine, "lock_stories", lock)


@pytest.mark.parametrize("run", [engine.analyze, engine.ingest])
def test_engine_story_saves_happen_under_the_story_lock(tmp_path, watched_lock, run):
    folder = write_report(write_report(tmp_path / "in", 0), 1)
    with WatchedStore(tmp_path / "w.db") as store:
        run([str(folder)], db=store)
        assert store.saves and all(store.saves)


def test_engine_analyze_rerun_regroups_stored_co_members(tmp_path):
    db = tmp_path / "c.db"
    engine.ingest([str(write_report(write_report(tmp_path / "both", 0), 1))], db=db)  # one story of two
    again = engine.analyze([str(write_report(tmp_path / "one", 1))], db=db)  # one of them, analysed again
    with SQLiteStore(db) as store:
        members = store.load_story_members()
    assert sorted(map(len, members.values())) == [2]  # the other report was not left in no story
    assert sorted(a.id for a in again.articles) == sorted(next(iter(members.values())))
