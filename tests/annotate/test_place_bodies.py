"""Tests for reading the place inside a public body's name (annotate.place_bodies)."""

from __future__ import annotations

import pytest
import spacy

from consilience.annotate.gazetteer import load_gazetteer
from consilience.annotate.place_bodies import embedded_place


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _inside(blank, name: str) -> str | None:
    """The place `embedded_place` reads in `name`, taken as one ORG span of its own."""
    doc = blank(name)
    found = embedded_place(list(doc), doc.text, load_gazetteer())
    return None if found is None else doc.text[found[0]:found[1]]


@pytest.mark.parametrize(
    "name, place",
    [
        ("Kentucky State Police", "Kentucky"),
        ("U.S. Department of Justice", "U.S."),
        ("Mobile County Republican Party", "Mobile County"),  # the longest name the gazetteer holds
        ("New York Police Department", "New York"),
        ("Government of Canada", "Canada"),
        ("Enfield Council", "Enfield"),  # GeoNames' own name is "Enfield Town"
        ("Ministry of Health of the Republic of Armenia", "Armenia"),  # the name after the last "of"
    ],
)
def test_place_bodies_read_the_place_a_body_is_named_after(blank, name, place):
    assert _inside(blank, name) == place


@pytest.mark.parametrize(
    "name",
    [
        "New York Times",  # a newspaper
        "University of Arizona",  # a school
        "Michigan State University",
        "Bank of America",  # a firm: "bank" makes no public body
        "Winnipeg Jets",  # a team: no body word
        "Justice Department",  # Justice, Illinois: a small town
        "Big Government",  # "Big" is only listed for Biga, Turkey
        "Mo Cowan Senate",  # a first name, not Missouri's "Mo."
        "Police",
        "Department of",  # cut-off names: nothing after "of", and no crash
        "Government of Canada of",
        "Government of Canada and of",
    ],
)
def test_place_bodies_read_no_place_into_other_names(blank, name):
    assert _inside(blank, name) is None
