"""A small concurrent load: web uploads, a CLI ingest and readers on one store keep it whole."""

from __future__ import annotations

import pytest

from consilience.bench.loadtest import LoadPlan, run_loadtest


@pytest.mark.slow
def test_concurrency_load_keeps_every_report_once_in_one_story(tmp_path):
    result = run_loadtest(LoadPlan(clients=4, reports=3, ingests=1, ingest_reports=4, readers=2), workdir=tmp_path)
    assert result["failures"] == []
    for facts in (result["store_after_load"], result["store_after_rerun"]):
        assert facts["integrity_check"] == "ok"
        assert facts["articles"] == 4 * 3 + 4 + 1  # + the warm-up upload
        assert facts["duplicate_reports"] == facts["missing_reports"] == facts["unexpected_reports"] == 0
        assert facts["articles_without_claims"] == 0
    after_load = result["store_after_load"]
    assert after_load["articles_without_story"] == after_load["articles_in_several_stories"] == 0
    assert after_load["empty_stories"] == 0
    assert result["rerun_exit_status"] == 0
    assert result["latency"]["read_list"]["n"] > 0 and result["latency"]["upload_to_story"]["n"] == 12
    assert result["invariants_hold"]


@pytest.mark.slow
def test_concurrency_rerun_after_regroup_keeps_every_report_in_a_story(tmp_path):
    import random

    from consilience.bench.loadtest import check_store, perturb_report, read_templates
    from consilience.engine import analyze
    from consilience.store import open_store
    from consilience.web.jobs import add_reports

    rng, template = random.Random(3), read_templates()[3]
    folders = {}
    for tag in "ABC":
        folders[tag] = tmp_path / tag
        folders[tag].mkdir()
        (folders[tag] / "r.txt").write_text(perturb_report(rng, template, tag), encoding="utf-8")
    db = tmp_path / "rerun.db"
    add_reports(str(db), [[folders["A"] / "r.txt"]], [lambda *_: None])  # web upload
    analyze([str(folders["B"])], db=db)  # CLI run
    add_reports(str(db), [[folders["C"] / "r.txt"]], [lambda *_: None])  # web upload: A, B, C in one story
    analyze([str(folders["B"])], db=db)  # the same CLI input again
    facts = check_store(db)
    assert facts["articles"] == 3 and facts["duplicate_reports"] == 0
    assert facts["articles_without_story"] == facts["articles_in_several_stories"] == facts["empty_stories"] == 0
    with open_store(db) as store:
        assert sorted(map(len, store.load_story_members().values())) == [3]  # the re-run kept A and C with B
