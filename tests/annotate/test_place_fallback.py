"""Tests for placing gazetteer-less toponyms through the places around them (annotate.place_fallback)."""

from __future__ import annotations

import pytest

from consilience.annotate.place_fallback import (
    is_unknown,
    place_unknown_by_container,
    place_unknown_by_neighbour,
    unseat_stray_towns,
)
from consilience.model import Place, PlaceMention

IDLIB = Place("Idlib", 169388, 35.93, 36.63, "SY", "city", 128840)
WHITTIER = Place("Whittier", 5409059, 33.98, -118.03, "US", "city", 87306)
SYRIA = Place("Syria", 163843, 35.0, 38.0, "SY", "country", 22198110)


def mentions_of(text: str, places: dict[str, Place | None]) -> list[PlaceMention]:
    """Mentions in text order; a None place is an unknown name, as resolve_toponyms reports it."""
    out, pos = [], 0
    for name, place in places.items():
        start = text.index(name, pos)
        pos = start + len(name)
        reason = None if place else f"no gazetteer entry matches '{name}'"
        out.append(PlaceMention(name, start, pos, place, reason=reason))
    return out


def test_place_fallback_container_after_places_a_list_of_villages():
    text = "Rebels shelled the villages of Foua and Kfraya in Idlib on Monday."
    placed = place_unknown_by_container(text, mentions_of(text, {"Foua": None, "Kfraya": None, "Idlib": IDLIB}))
    for mention in placed[:2]:
        assert (mention.place.lat, mention.place.lon, mention.place.country_code) == (35.93, 36.63, "SY")
        assert mention.place.geonameid is None and mention.place.name == mention.text
        assert "Idlib" in mention.reason


def test_place_fallback_container_before_possessive():
    text = "A tree fell in Whittier's Penn Park on Saturday."
    placed = place_unknown_by_container(text, mentions_of(text, {"Whittier": WHITTIER, "Penn Park": None}))
    assert (placed[1].place.lat, placed[1].place.lon) == (33.98, -118.03)


def test_place_fallback_container_needs_the_pattern():
    # "Penn Park" is not said to be in Idlib: a sentence apart, no container.
    text = "Fighting went on in Idlib. Later a rally met at Penn Park."
    placed = place_unknown_by_container(text, mentions_of(text, {"Idlib": IDLIB, "Penn Park": None}))
    assert placed[1].place is None


def test_place_fallback_neighbour_guesses_the_nearest_local_place_only():
    text = "Officials in Syria and Idlib said the Kfraya bakery was hit."
    guessed = place_unknown_by_neighbour(mentions_of(text, {"Syria": SYRIA, "Idlib": IDLIB, "Kfraya": None}))
    assert guessed[2].place.lat == 35.93 and "guessed" in guessed[2].reason
    # Only a country to go by: its point is too coarse, the name stays unresolved with its reason.
    text = "Officials in Syria said the Kfraya bakery was hit."
    alone = place_unknown_by_neighbour(mentions_of(text, {"Syria": SYRIA, "Kfraya": None}))
    assert alone[1].place is None and is_unknown(alone[1])


def test_place_fallback_leaves_vague_regions_alone():
    text = "Drought hit the Horn of Africa and Idlib."
    mentions = [PlaceMention("Horn of Africa", 16, 30, None, reason="macro-region: no entry in the shipped GeoNames extract"),
                PlaceMention("Idlib", 35, 40, IDLIB)]
    assert place_unknown_by_neighbour(place_unknown_by_container(text, mentions))[0].place is None


LONDON = Place("London", 2643743, 51.51, -0.13, "GB", "city", 8961989)
HEATHROW_FLORIDA = Place("Heathrow", 4158476, 28.77, -81.37, "US", "city", 5896)
CALAIS = Place("Calais", 3029276, 50.95, 1.86, "FR", "city", 75961)
DOVER = Place("Dover", 2651048, 51.13, 1.31, "GB", "city", 31022)
COQUELLES = Place("Coquelles", 3023880, 50.93, 1.80, "FR", "city", 2400)


def test_place_fallback_unseat_stray_town_then_container_places_it():
    # The only "Heathrow" is a Florida town: in a British text it is a namesake of the airport.
    text = "Flights into London's Heathrow were cancelled, Dover and Britain said."
    mentions = mentions_of(text, {"London": LONDON, "Heathrow": HEATHROW_FLORIDA, "Dover": DOVER})
    unseated = unseat_stray_towns(mentions, countries={"GB"})
    assert unseated[1].place is None and is_unknown(unseated[1])
    assert "Heathrow (US)" in unseated[1].reason
    placed = place_unknown_by_container(text, unseated)
    assert (placed[1].place.lat, placed[1].place.lon, placed[1].place.geonameid) == (51.51, -0.13, None)


@pytest.mark.parametrize(
    "places, countries",
    [
        # A town across a border from the text's other places stays.
        ({"Dover": DOVER, "London": LONDON, "Coquelles": COQUELLES}, set()),
        # So does a town in a country the text names, or with too few other places to judge by.
        ({"Dover": DOVER, "London": LONDON, "Heathrow": HEATHROW_FLORIDA}, {"US"}),
        ({"London": LONDON, "Heathrow": HEATHROW_FLORIDA}, set()),
        # A city big enough to be named from afar stays.
        ({"Dover": DOVER, "London": LONDON, "Calais": CALAIS}, set()),
    ],
)
def test_place_fallback_unseat_stray_towns_keeps_plausible_towns(places, countries):
    text = ", ".join(places) + "."
    mentions = mentions_of(text, places)
    assert unseat_stray_towns(mentions, countries) == mentions
