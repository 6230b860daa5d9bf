"""Distinctive words of a report: rarity from the shipped vocabulary, the two bags and their cosine."""

from __future__ import annotations

import math

import pytest

from consilience.model import Article, Entity
from consilience.stories.terms import (
    bag_cosine,
    name_terms,
    person_counts,
    protagonist,
    protagonists_conflict,
    surname,
    text_terms,
    weigh_words,
    word_rarity,
)


def test_terms_word_rarity_orders_common_below_rare():
    assert word_rarity("the") < word_rarity("police") < word_rarity("sukanya")
    assert word_rarity("the") < 3.0  # below MIN_RARITY: never kept


def test_terms_weigh_words_keeps_rare_words_normalised():
    bag = weigh_words(["the", "the", "of", "pirates", "pirates", "aden", "http", "www", "a"], limit=10)
    assert set(bag) == {"pirates", "aden"}  # common words, web address pieces and single letters dropped
    assert math.sqrt(sum(v * v for v in bag.values())) == pytest.approx(1.0, abs=1e-3)
    assert weigh_words(["pirates", "aden", "sukanya"], limit=2).keys() <= {"pirates", "aden", "sukanya"}
    assert len(weigh_words(["pirates", "aden", "sukanya"], limit=2)) == 2
    assert weigh_words([], limit=5) == {}


def test_terms_text_and_name_terms_read_title_body_and_entities():
    text = "The Indian navy captured 26 pirates off Aden. The pirates surrendered."
    article = Article(id="a", text=text, source="x", title="INS Sukanya foils piracy",
                      entities=[Entity("Indian", "NORP", 4, 10), Entity("26", "CARDINAL", 25, 27),
                                Entity("Aden", "GPE", 40, 44)])
    terms = text_terms(article)
    assert {"sukanya", "pirates", "aden", "26"} <= set(terms)
    assert "the" not in terms
    assert set(name_terms(article)) == {"indian", "26", "aden"}


def test_terms_bag_cosine_sums_shared_words():
    assert bag_cosine({"a1": 0.6, "b2": 0.8}, {"a1": 1.0}) == pytest.approx(0.6)
    assert bag_cosine({"a1": 1.0}, {"b2": 1.0}) == 0.0
    assert bag_cosine({}, {"a1": 1.0}) == 0.0


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Vincent Jackson", "jackson"), ("Jackson's", "jackson"), ("Martin Luther King Jr.", "king"),
     ("José Núñez", "núñez"), ("O'Brien", "o'brien"), ("42", None)],
)
def test_terms_surname_is_the_last_word_of_the_name(name, expected):
    assert surname(name) == expected


def test_terms_person_counts_reads_only_person_mentions():
    text = "Vincent Jackson was arrested. Jackson said San Diego police were wrong. Jackson's lawyer agreed."
    article = Article(id="a", text=text, source="x",
                      entities=[Entity("Vincent Jackson", "PERSON", 0, 15), Entity("Jackson", "PERSON", 30, 37),
                                Entity("San Diego", "GPE", 43, 52), Entity("Jackson's", "PERSON", 70, 79)])
    assert person_counts(article) == {"jackson": 3}


@pytest.mark.parametrize(
    ("persons", "expected"),
    [({"jackson": 8, "baehr": 1}, "jackson"),
     ({"jackson": 2}, None),  # too few mentions to be the report's subject
     ({"gaskin": 3, "buckley": 3, "rait": 2, "moon": 2}, None),  # 3 of 10: nobody dominates
     ({}, None)],
)
def test_terms_protagonist_dominates_the_person_mentions(persons, expected):
    assert protagonist(persons) == expected


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [({"jackson": 8}, {"williams": 6, "jackson": 2}, True),  # the later report recalls the earlier arrest
     ({"jackson": 8}, {"jackson": 5, "smith": 1}, False),  # same protagonist
     ({"gaskin": 5}, {"buckley": 5, "gaskin": 3}, False),  # both climbers central to one report
     ({"jackson": 8}, {"williams": 2}, False),  # no protagonist on one side: no evidence
     ({}, {"williams": 6}, False)],
)
def test_terms_protagonists_conflict_when_each_is_the_other_side_note(a, b, conflict):
    assert protagonists_conflict(a, b) is conflict
    assert protagonists_conflict(b, a) is conflict
