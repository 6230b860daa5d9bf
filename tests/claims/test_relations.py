"""Relations between actors stated in passing: membership, former names, "X-backed"."""

from __future__ import annotations

import pytest

from consilience.annotate.nlp import load_nlp
from consilience.claims.clauses import find_clauses

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, relation, actor, target", [
    ("Hayat Tahrir al-Sham, formerly known as the Nusra Front, led the offensive.", "FORMERLY",
     "Hayat Tahrir al-Sham", "the Nusra Front"),
    ("The group, a member of the Syrian National Army, took the town.", "BELONG", "The group",
     "the Syrian National Army"),
    ("An al-Qaeda-linked group seized the town.", "BELONG", "An al-Qaeda-linked group", "al-Qaeda"),
])
def test_relations_found(text, relation, actor, target):
    clauses = [c for c in find_clauses(list(load_nlp()(text))) if c.relation == relation]
    assert [(c.actors, c.targets) for c in clauses] == [([actor], [target])]


def test_relations_iran_backed_is_support_by_iran():
    doc = load_nlp()("Iran-backed militias attacked the base.")
    [support] = [c for c in find_clauses(list(doc)) if c.support_relation]
    assert support.actors == ["Iran"] and support.targets == ["Iran-backed militias"]


def test_relations_none_in_a_plain_sentence():
    doc = load_nlp()("The army left the city on Thursday.")
    assert not [c for c in find_clauses(list(doc)) if c.relation or c.support_relation]
