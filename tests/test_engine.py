"""The analyze driver: chunked, transactional per-report work that resumes without duplicates."""

from __future__ import annotations

import pytest

from consilience import engine
from consilience.claims.stage import ExtractClaims
from consilience.store import open_store

pytestmark = pytest.mark.slow


def test_engine_interrupted_run_keeps_finished_chunks_and_resumes(tmp_path, example_dir, monkeypatch):
    db = tmp_path / "c.db"
    monkeypatch.setattr(engine, "CHUNK", 1)
    calls = {"n": 0}
    real = ExtractClaims.__call__

    def interrupt_on_third(self, analysis):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the user presses Ctrl-C during the third report
        return real(self, analysis)

    monkeypatch.setattr(ExtractClaims, "__call__", interrupt_on_third)
    with pytest.raises(KeyboardInterrupt):
        engine.analyze([example_dir], db=db)
    with open_store(db) as store:
        stored = store.list_articles()
    assert len(stored) == 2
    assert all(a.claims for a in stored)  # nothing half-written: each stored report is complete

    monkeypatch.setattr(ExtractClaims, "__call__", real)
    calls["n"] = 0
    analysed = []
    original = engine.report_pipeline

    def counting_pipeline(n_process=1):
        pipeline = original(n_process)
        first = pipeline.stages[0]

        class Counting:
            name, requires, assigns = first.name, first.requires, first.assigns

            def __call__(self, analysis):
                analysed.extend(a.id for a in analysis.articles)
                return first(analysis)

        pipeline.stages[0] = Counting()
        return pipeline

    monkeypatch.setattr(engine, "report_pipeline", counting_pipeline)
    result = engine.analyze([example_dir], db=db)
    assert len(analysed) == 2  # only the two reports that were not stored yet
    assert len(result.articles) == 4 and len(result.stories) == 1
    with open_store(db) as store:
        assert store.count_articles() == 4
        assert {a.id for a in store.list_articles()} == {a.id for a in result.articles}


def test_engine_without_store_writes_nothing(tmp_path, example_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = engine.analyze([example_dir / "global-courier.txt"], store=False)
    assert len(result.articles) == 1
    assert not list(tmp_path.iterdir())
