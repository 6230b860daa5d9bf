import pytest

from consilience.errors import ConsilienceError
from consilience.ingest import Ingest, IngestOptions, read_reports
from consilience.model import Analysis, Problem

BODY = "Rebel fighters entered the city of Hama on Thursday, the army said in a statement."


def test_stage_contract():
    stage = Ingest([])
    assert stage.name == "ingest"
    assert stage.requires == ()
    assert stage.assigns == ("articles", "problems", "inputs_read")


def test_stage_extends_analysis(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    earlier = Problem(code="E012", input="", message="kept")
    analysis = Analysis(problems=[earlier])
    result = Ingest([str(path), str(tmp_path / "missing.txt")])(analysis)
    assert result is analysis
    assert [a.path for a in analysis.articles] == [str(path)]
    assert [p.code for p in analysis.problems] == ["E012", "E001"]
    assert analysis.inputs_read == 2
    assert analysis.failed


def test_stage_uses_reference_date_when_options_do_not_set_one(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Date: 2024-12-01\n\n{BODY}", encoding="utf-8")
    analysis = Ingest([str(path)])(Analysis(reference_date="2024-12-09"))
    assert analysis.articles[0].published == "2024-12-09"
    analysis = Ingest([str(path)], IngestOptions(published="2024-12-03"))(Analysis(reference_date="2024-12-09"))
    assert analysis.articles[0].published == "2024-12-03"
    analysis = Ingest([str(path)])(Analysis())
    assert analysis.articles[0].published == "2024-12-01"


def test_stage_no_inputs_is_e012():
    articles, [problem], read = read_reports([])
    assert (articles, problem.code, read) == ([], "E012", 0)


def test_stage_single_string_is_a_caller_error():
    with pytest.raises(ConsilienceError):
        read_reports("reports/a.txt")
