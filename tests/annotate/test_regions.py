"""Tests for the derived region points and the hand-kept region tables (annotate.regions)."""

from __future__ import annotations

import pytest

from consilience.annotate.places import haversine_km
from consilience.annotate.regions import (
    COUNTRY_POINTS,
    DEMONYMS,
    MACRO_POINTS,
    REGION_POINTS,
    REGIONS,
    US_STATE_ABBREVIATIONS,
    area_names,
    representative_point,
)


def test_regions_representative_point_counts_each_occupied_cell_once():
    # Nine towns crowd one corner, one town sits in the other: the point is between, not at the crowd.
    crowd = [(10.1 + i * 0.01, 10.1) for i in range(9)]
    lat, lon = representative_point(crowd + [(12.5, 12.5)])
    assert 10.9 < lat < 11.9 and 10.9 < lon < 11.9


def test_regions_representative_point_crosses_the_antimeridian():
    lat, lon = representative_point([(60.2, 179.6), (60.2, -179.6)])
    assert haversine_km(lat, lon, 60.5, 180.0) < 60


def test_regions_representative_point_of_nothing_is_none():
    assert representative_point([]) is None


def test_regions_tables_are_well_formed():
    assert all(len(iso) == 2 and city for iso, city, _ in REGIONS.values())
    assert all(len(code) == 2 for code in US_STATE_ABBREVIATIONS)
    assert DEMONYMS["Syrian"] == "SY" and all(len(iso) == 2 for iso in DEMONYMS.values())


def test_regions_point_tables_are_well_formed():
    points = list(COUNTRY_POINTS.values()) + list(REGION_POINTS.values())
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points)
    assert all(len(iso) == 2 and iso.isupper() for iso in COUNTRY_POINTS)
    assert set(REGION_POINTS) <= set(REGIONS)  # a point only for a region the gazetteer adds


@pytest.mark.parametrize(
    "official, level, bare, also",
    [
        ("Departement de la Somme", 2, "Somme", "Somme District"),
        ("Province of Arezzo", 2, "Arezzo", "Arezzo Province"),
        ("Alfred Nzo District Municipality", 2, "Alfred Nzo", "Alfred Nzo District"),
        ("Muhafazat Hamah", 1, "Hamah", "Hamah Governorate"),
        ("Fars", 1, "Fars", "Fars Province"),
        ("Mashonaland West", 1, "Mashonaland West", "Mashonaland West Province"),
    ],
)
def test_regions_area_names_strip_the_official_wrapping(official, level, bare, also):
    name, names = area_names(official, level)
    assert name == bare
    assert {official, bare, also} <= names


@pytest.mark.parametrize("official", ["Centre", "Eastern Province", "Nord"])
def test_regions_area_names_drop_generic_names(official):
    assert area_names(official, 1) == ("", {official})


def test_regions_macro_points_are_well_formed():
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon, _ in MACRO_POINTS.values())
    assert "Mediterranean" in MACRO_POINTS["Mediterranean Sea"][2]
