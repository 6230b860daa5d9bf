import json

import pytest

from consilience.errors import ConsilienceError
from consilience.ingest import IngestOptions, read_reports

BODY = "Rebel fighters entered the city of Hama on Thursday, the army said in a statement."


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_batch_same_file_twice_is_stored_once_with_w001(tmp_path):
    path = write(tmp_path / "a.txt", BODY)
    articles, [problem], read = read_reports([path, path])
    assert len(articles) == 1
    assert read == 2
    assert (problem.code, problem.input, problem.severity) == ("W001", path, "warning")
    assert f"same report as {path}" in problem.message


def test_batch_same_text_from_two_named_outlets_is_kept_twice(tmp_path):
    # Wire copy run verbatim by two outlets is two publications: verdicts need both.
    path = write(tmp_path / "c.jsonl", "\n".join(json.dumps({"text": BODY, "source": s}) for s in ("Outlet A", "Outlet B")))
    articles, problems, _ = read_reports([path])
    assert [a.source for a in articles] == ["Outlet A", "Outlet B"]
    assert problems == []
    assert articles[0].id != articles[1].id


def test_batch_ids_are_stable_between_runs(tmp_path):
    path = write(tmp_path / "a.txt", f"Source: Northern Ledger\n\n{BODY}")
    first = read_reports([path])[0][0].id
    second = read_reports([path])[0][0].id
    assert first == second


def test_batch_published_option_overrides_every_date(tmp_path):
    dated = write(tmp_path / "a.txt", f"Date: 2024-12-01\n\n{BODY}")
    undated = write(tmp_path / "b.txt", BODY + " More.")
    articles, problems, _ = read_reports([dated, undated], IngestOptions(published="2024-12-09"))
    assert problems == []
    assert [a.published for a in articles] == ["2024-12-09", "2024-12-09"]


def test_batch_published_option_must_be_iso():
    with pytest.raises(ConsilienceError):
        IngestOptions(published="9 December")


def test_batch_too_short_is_e011(tmp_path):
    path = write(tmp_path / "a.txt", "Hama falls.")
    articles, [problem], _ = read_reports([path])
    assert articles == []
    assert problem.code == "E011"
    assert "2 words; at least 5 needed" in problem.message


@pytest.mark.parametrize(
    "text, detail",
    [
        ("Le gouvernement a annoncé mardi que les troupes seront retirées de la ville dans les prochains jours.", "French"),
        ("Die Regierung hat am Dienstag angekündigt, dass die Truppen aus der Stadt abgezogen werden.", "German"),
        ("Правительство объявило, что войска будут выведены из города в ближайшие дни.", "Cyrillic"),
        ("أعلنت الحكومة أن القوات ستنسحب من المدينة في الأيام المقبلة.", "Arabic"),
    ],
    ids=["French", "German", "Russian", "Arabic"],
)
def test_batch_non_english_file_is_e009(tmp_path, text, detail):
    path = write(tmp_path / "a.txt", text)
    articles, [problem], read = read_reports([path])
    assert articles == []
    assert read == 1
    assert problem.code == "E009"
    assert detail in problem.message


def test_batch_bad_input_does_not_stop_the_batch(tmp_path):
    good = write(tmp_path / "good.txt", BODY)
    empty = write(tmp_path / "empty.txt", "")
    missing = str(tmp_path / "missing.txt")
    articles, problems, read = read_reports([empty, missing, good])
    assert [a.path for a in articles] == [good]
    assert [(p.code, p.input) for p in problems] == [("E003", empty), ("E001", missing)]
    assert read == 3
