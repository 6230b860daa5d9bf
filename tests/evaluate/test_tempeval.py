"""Scoring time expressions on TimeML files (hand-written miniature corpus)."""

from __future__ import annotations

import pytest

from consilience.evaluate.tempeval import GoldTimex, evaluate_tempeval, read_timeml

_TML = """<?xml version="1.0" ?><TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-12-06">December 6, 2024</TIMEX3></DCT>
<TEXT>
Rebels &amp; troops clashed <TIMEX3 tid="t1" type="DATE" value="2024-12-05">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P13Y">13 years</TIMEX3> of war.
</TEXT>
</TimeML>"""


def _corpus(tmp_path):
    folder = tmp_path / "data/TempEval3/Evaluation/te3-platinum"
    folder.mkdir(parents=True)
    (folder / "demo.tml").write_text(_TML, encoding="utf-8")
    return tmp_path


def test_tempeval_read_timeml_offsets_and_dct(tmp_path):
    text, dct, gold = read_timeml(_corpus(tmp_path) / "data/TempEval3/Evaluation/te3-platinum/demo.tml")
    assert dct == "2024-12-06"
    assert [text[g.start:g.end] for g in gold] == ["yesterday", "13 years"]
    assert [g.value for g in gold] == ["2024-12-05", "P13Y"]
    assert "Rebels & troops" in text


@pytest.mark.slow
def test_tempeval_scores_a_perfect_document(tmp_path):
    scores = evaluate_tempeval(_corpus(tmp_path), split="test")
    assert scores["gold_timexes"] == 2
    assert scores["strict"]["f1"] == 1.0
    assert scores["value_accuracy"] == 1.0


def test_tempeval_match_gold_prefers_the_exact_span():
    from consilience.evaluate.tempeval import GoldTimex, _match_gold

    gold = [GoldTimex(0, 10, "DATE", "2024"), GoldTimex(11, 20, "DATE", "2024-12")]
    assert _match_gold(gold, set(), 5, 20) == 0  # overlaps both, exact with neither: first
    assert _match_gold(gold, set(), 11, 20) == 1
    assert _match_gold(gold, {0}, 0, 12) == 1
    assert _match_gold(gold, {0, 1}, 0, 20) is None


def test_tempeval_alignments_score_and_list_errors():
    from consilience.evaluate.tempeval import (
        align_document,
        format_errors,
        score_alignments,
    )
    from consilience.model import TimeMention

    text = "Rebels clashed yesterday after 13 years of war, officials said Monday."
    gold = [GoldTimex(15, 24, "DATE", "2024-12-05"), GoldTimex(31, 39, "DURATION", "P13Y"),
            GoldTimex(63, 69, "DATE", "2024-12-02")]
    system = [TimeMention("yesterday", 15, 24, "DATE", "2024-12-05", None),
              TimeMention("13 years of", 31, 42, "DURATION", "P12Y", None),
              TimeMention("war", 43, 46, "DATE", None, None)]
    rows = align_document("demo.tml", text, gold, system)
    scores = score_alignments(rows)
    assert (scores["gold_timexes"], scores["system_timexes"]) == (3, 3)
    assert scores["relaxed"]["f1"] == round(2 / 3, 4)
    assert scores["strict"]["f1"] == round(1 / 3, 4)
    assert scores["value"]["f1"] == round(1 / 3, 4)
    kinds = [line.split("\t")[:3] for line in format_errors(rows)]
    assert kinds == [["value", "demo.tml", "13 years"], ["spurious", "demo.tml", ""], ["missed", "demo.tml", "Monday"]]


def test_tempeval_as_timeml_keeps_only_mentions_with_a_value():
    from consilience.evaluate.tempeval import as_timeml
    from consilience.model import TimeMention

    dated = TimeMention("yesterday", 15, 24, "DATE", "2024-12-05", None)
    unanchored = TimeMention("that day", 30, 38, "DATE", None, "no date to anchor 'that day'")
    assert as_timeml([dated, unanchored]) == [dated]


@pytest.mark.slow
def test_tempeval_does_not_score_mentions_left_without_a_value(tmp_path):
    # No publication date: "that day" has nothing to anchor it and stays without a value, so it is
    # no system TIMEX3; the dated "December 5, 2024" is one.
    folder = tmp_path / "data/TempEval3/Evaluation/te3-platinum"
    folder.mkdir(parents=True)
    (folder / "undated.tml").write_text(
        '<?xml version="1.0" ?><TimeML><DOCID>undated</DOCID><TEXT>Rebels entered the city on '
        '<TIMEX3 tid="t1" type="DATE" value="2024-12-05">December 5, 2024</TIMEX3>. Troops left that day.</TEXT></TimeML>',
        encoding="utf-8")
    from consilience.annotate.nlp import load_nlp
    from consilience.annotate.times import find_times

    text, dct, _gold = read_timeml(folder / "undated.tml")
    assert [(m.text, m.value) for m in find_times(load_nlp()(text), dct) if m.text == "that day"] == [("that day", None)]
    scores = evaluate_tempeval(tmp_path, split="test")
    assert (scores["gold_timexes"], scores["system_timexes"]) == (1, 1)
    assert scores["value"]["f1"] == 1.0


def test_tempeval_value_f1_equals_the_official_accuracy_times_relaxed_f1():
    # the TempEval-3 scorer (evaluate_entities.py) reports value accuracy over relaxed matches times
    # relaxed F1; with one-to-one alignment that is the F1 of correct / system and correct / gold
    from consilience.evaluate.tempeval import align_document, score_alignments
    from consilience.model import TimeMention

    text = "On Monday and Tuesday, for two weeks, in 2024 and now."
    gold = [GoldTimex(3, 9, "DATE", "2024-12-02"), GoldTimex(14, 21, "DATE", "2024-12-03"),
            GoldTimex(27, 36, "DURATION", "P2W"), GoldTimex(41, 45, "DATE", "2024")]
    system = [TimeMention("Monday", 3, 9, "DATE", "2024-12-02", None),
              TimeMention("Tuesday", 14, 21, "DATE", "2024-11-26", None),
              TimeMention("two weeks", 27, 36, "DURATION", "P2W", None),
              TimeMention("now", 50, 53, "DATE", "PRESENT_REF", None)]
    scores = score_alignments(align_document("demo.tml", text, gold, system))
    official = scores["value_accuracy"] * scores["relaxed"]["f1"]
    assert scores["value"]["f1"] == pytest.approx(official, abs=1e-3)
    assert scores["value"]["f1"] == round(2 * 2 / (4 + 4), 4)
