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
