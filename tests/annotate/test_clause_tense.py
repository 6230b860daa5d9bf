"""Which way the clause around a time expression points (loads spaCy)."""

from __future__ import annotations

import pytest

from consilience.annotate.clause_tense import find_clause_tense

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


def _tense(nlp, text: str, surface: str) -> str | None:
    start = text.index(surface)
    return find_clause_tense(nlp(text), start, start + len(surface))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The banks will stay shut until Tuesday, the minister said.", "future"),
        ("The judge postponed the hearing until Tuesday.", "future"),  # a moved term lies ahead
        ("The rebels gave the army until Tuesday to leave the city.", "future"),
        ("The government must pay the salaries by Tuesday.", "future"),
        ("The opposition plans to hold a rally on Tuesday.", "future"),  # present "plans" governs the day
    ],
)
def test_clause_tense_terms_and_plans_look_ahead(nlp, text, expected):
    assert _tense(nlp, text, "Tuesday") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The banks remained closed until Tuesday.",  # a past term, told in the past
        "The company declared a dividend payable Tuesday.",
        "The army withdrew on Tuesday.",
    ],
)
def test_clause_tense_past_clauses_do_not_look_ahead(nlp, text):
    assert _tense(nlp, text, "Tuesday") != "future"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arafat and Netanyahu meet separately on Monday with Albright.", "present"),  # news present: ahead
        ("The trial resumes Monday.", "present"),
        ("The move follows Monday's ruling by the court.", None),  # the day dates a noun, not the verb
        ("As of Monday, talks continue.", None),
        ("Lower prices hurt the index on Monday.", None),  # "hurt" may be past: the tag says nothing
        ("Officials say the talks ended on Monday.", "past"),
    ],
)
def test_clause_tense_plain_present_points_ahead_only_for_the_verb_own_day(nlp, text, expected):
    assert _tense(nlp, text, "Monday") == expected


def test_clause_tense_a_date_before_the_reported_clause_belongs_to_the_telling(nlp):
    # spaCy hangs "on Tuesday" on "cut"; it precedes the clause "it would cut", so "said" governs it
    assert _tense(nlp, "The company said on Tuesday it would cut 1,000 jobs.", "Tuesday") == "past"
    assert _tense(nlp, "The company said it would cut 1,000 jobs on Tuesday.", "Tuesday") == "future"


def test_clause_tense_ahead_of_a_day_looks_forward(nlp):
    text = "She is campaigning in Iowa ahead of Thursday's debate."
    start = text.index("Thursday")
    assert find_clause_tense(nlp(text), start, start + len("Thursday")) == "future"
    text = "He resigned on Monday ahead of Thursday's vote."
    start = text.index("Thursday")
    assert find_clause_tense(nlp(text), start, start + len("Thursday")) == "past"
