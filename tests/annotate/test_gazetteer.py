"""Tests for the GeoNames gazetteer: name normalisation, lookup, spelling variants, the disk cache."""

from __future__ import annotations

import math

import pytest

from consilience.annotate import gazetteer as gz
from consilience.annotate.gazetteer import load_gazetteer, normalise_name, strip_article
from consilience.annotate.places import haversine_km


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Ḩamāh", "hamah"),
        ("Ma'arrat al-Nu'man", "maarrat al numan"),
        ("Ma’arrat  al–Nu‘man", "maarrat al numan"),
        ("As-Salamiyyah", "as salamiyyah"),
        ("Ţarţūs", "tartus"),
        ("U.S.", "u s"),
        ("Łódź", "lodz"),
        ("İzmir", "izmir"),
    ],
)
def test_gazetteer_normalise_name_folds_case_diacritics_and_punctuation(raw, key):
    assert normalise_name(raw) == key


@pytest.mark.parametrize(
    "key, bare",
    [
        ("as salamiyah", "salamiyah"),
        ("al hasakah", "hasakah"),
        ("ash shaykh maskin", "shaykh maskin"),
        ("el arish", "arish"),
        ("deir ez zor", "deir ez zor"),  # only a leading article is stripped
        ("alma", "alma"),  # "al" must be a separate word
        ("al ab", "al ab"),  # too little left to be a name
    ],
)
def test_gazetteer_strip_article_removes_leading_arabic_article(key, bare):
    assert strip_article(key) == bare


def _row_by_id(g, geonameid):
    return next(r for r in range(len(g)) if g.geonameid[r] == geonameid)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, geonameid",
    [
        ("Hama", 170017),
        ("Aleppo", 170063),
        ("Homs", 169577),
        ("Damascus", 170654),
        ("Latakia", 173576),
        ("Tartus", 163345),
        ("Tartous", 163345),
        ("Mhardeh", 166742),
        ("Salamiyah", 164947),
        ("Al-Salamiyah", 164947),  # article variant of an entry listed without it
        ("Raqqa", 172955),
    ],
)
def test_gazetteer_lookup_finds_syrian_cities(name, geonameid):
    g = load_gazetteer()
    match = g.lookup(name)
    assert match is not None
    assert geonameid in {g.geonameid[r] for r in match.rows}


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, geonameid, countries",
    [
        ("As-Salamiyyah", 164947, {"SY"}),
        ("Mahrada", 166742, {"SY"}),
        ("As-Salamiyyah", 164947, set()),  # a big place is found without a country hint too
    ],
)
def test_gazetteer_lookup_fuzzy_finds_transliteration_variants(name, geonameid, countries):
    g = load_gazetteer()
    assert g.lookup(name) is None
    match = g.lookup_fuzzy(name, frozenset(countries))
    assert match is not None and match.kind == "fuzzy"
    assert [g.geonameid[r] for r in match.rows] == [geonameid]


@pytest.mark.slow
@pytest.mark.parametrize("word", ["Erdogan", "Because", "Although", "Hezbollahs"])
def test_gazetteer_lookup_fuzzy_rejects_distant_words(word):
    g = load_gazetteer()
    assert g.lookup_fuzzy(word, frozenset({"SY", "TR"})) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, iso, geonameid",
    [("Syria", "SY", 163843), ("Russia", "RU", 2017370), ("Iran", "IR", 130758), ("Turkey", "TR", 298795),
     ("Ukraine", "UA", 690791), ("United States", "US", 6252001), ("U.S.", "US", 6252001), ("Britain", "GB", 2635167)],
)
def test_gazetteer_countries_carry_geonames_id_and_capital_point(name, iso, geonameid):
    g = load_gazetteer()
    rows = [r for r in g.lookup(name).rows if g.feature_of(r) == "country"]
    assert len(rows) == 1
    place = g.place(rows[0])
    assert (place.country_code, place.geonameid, place.feature) == (iso, geonameid, "country")
    assert place.lat is not None and place.lon is not None


@pytest.mark.slow
@pytest.mark.parametrize("iso, lat, lon", [("US", 39.76, -98.5), ("TR", 39.0, 35.0), ("CN", 35.0, 105.0)])
def test_gazetteer_country_point_is_near_its_middle_not_its_capital(iso, lat, lon):
    from consilience.annotate.places import haversine_km

    g = load_gazetteer()
    country = g.place(g.country_row[iso])
    assert haversine_km(country.lat, country.lon, lat, lon) < 400  # GeoNames' own country point


@pytest.mark.slow
@pytest.mark.parametrize("iso, lat, lon", [("CA", 60.1, -113.6), ("RU", 60.0, 100.0), ("SY", 35.0, 38.0)])
def test_gazetteer_country_point_is_geonames_own(iso, lat, lon):
    from consilience.annotate.places import haversine_km

    g = load_gazetteer()
    country = g.place(g.country_row[iso])
    assert haversine_km(country.lat, country.lon, lat, lon) < 20


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, iso",
    [("Democratic Republic of Congo", "CD"), ("Zaire", "CD"), ("People's Republic of China", "CN"), ("Republic of Congo", "CG")],
)
def test_gazetteer_lookup_finds_long_and_former_country_names(name, iso):
    g = load_gazetteer()
    rows = [r for r in g.lookup(name).rows if g.feature_of(r) == "country"]
    assert [g.country_code[r] for r in rows] == [iso]


@pytest.mark.slow
def test_gazetteer_big_province_takes_its_geonames_point():
    from consilience.annotate.places import haversine_km

    g = load_gazetteer()
    (row,) = [r for r in g.lookup("Alberta").rows if g.feature_of(r) == "region"]
    assert haversine_km(g.lat[row], g.lon[row], 52.28, -117.47) < 20


@pytest.mark.slow
def test_gazetteer_county_without_namesake_town_is_marked_placed_at_state():
    g = load_gazetteer()
    placed = [r for r in g.placed_at_state]
    assert placed and all(g.feature_of(r) == "county" and g.country_code[r] == "US" for r in placed)
    (miami_dade,) = [r for r in g.lookup("Miami-Dade County").rows if g.feature_of(r) == "county"]
    # No town is called "Miami-Dade": the county sits at the middle of the towns in it, near Miami.
    assert miami_dade not in g.placed_at_state
    assert haversine_km(g.lat[miami_dade], g.lon[miami_dade], 25.77, -80.19) < 60


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, iso, admin1",
    [("Alberta", "CA", "01"), ("B.C.", "CA", "02"), ("NSW", "AU", "02"), ("Ky.", "US", "KY"), ("Calif.", "US", "CA")],
)
def test_gazetteer_lookup_finds_provinces_and_state_abbreviations(name, iso, admin1):
    g = load_gazetteer()
    rows = [r for r in g.lookup(name).rows if g.feature_of(r) == "region"]
    assert [(g.country_code[r], g.admin1[r]) for r in rows] == [(iso, admin1)]
    assert g.place(rows[0]).lat is not None


@pytest.mark.slow
def test_gazetteer_us_county_is_a_region_in_its_state():
    g = load_gazetteer()
    rows = g.lookup("Metcalfe County").rows
    assert {g.admin1[r] for r in rows} == {"KY"}
    place = g.place(rows[0])
    assert place.feature == "region" and place.geonameid is None
    assert 36.4 < place.lat < 39.2 and -89.6 < place.lon < -81.9  # inside Kentucky's bounds


@pytest.mark.slow
@pytest.mark.parametrize("word, iso", [("Syrian", "SY"), ("Syrians", "SY"), ("Turkish", "TR"), ("Chinese", "CN")])
def test_gazetteer_lookup_demonym_names_the_country(word, iso):
    g = load_gazetteer()
    match = g.lookup_demonym(word)
    assert match is not None and match.kind == "demonym"
    assert [g.feature_of(r) for r in match.rows] == ["country"]
    assert g.country_code[match.rows[0]] == iso
    assert g.lookup_demonym("Hama") is None


@pytest.mark.slow
def test_gazetteer_us_state_is_a_region_inside_its_bounds():
    g = load_gazetteer()
    texas = g.place(g.state_row["TX"])
    assert texas.feature == "region" and texas.country_code == "US"
    assert 25.8 < texas.lat < 36.5 and -106.7 < texas.lon < -93.5


def test_gazetteer_index_is_cached_on_disk_and_reloaded(tmp_path, monkeypatch):
    """The pickle is written once and read back instead of rebuilding (build stubbed: no 13 s JSON parse)."""
    monkeypatch.setenv("CONSILIENCE_CACHE", str(tmp_path))
    calls = []
    tiny = {
        "geonameid": [1], "name": ["Testville"], "lat": [1.0], "lon": [2.0], "cc": ["XX"], "admin1": [None],
        "pop": [10], "feature": bytes([0]), "index": {"testville": (0,)}, "country_keys": {}, "big_keys": {},
        "country_row": {}, "state_row": {},
    }

    def fake_build():
        calls.append(1)
        return tiny

    monkeypatch.setattr(gz, "build_index", fake_build)
    gz.load_gazetteer.cache_clear()
    try:
        first = gz.load_gazetteer()
        assert gz.index_path().exists()
        gz.load_gazetteer.cache_clear()
        second = gz.load_gazetteer()
    finally:
        gz.load_gazetteer.cache_clear()
    assert calls == [1]
    assert first.lookup("TESTVILLE").rows == second.lookup("testville").rows == (0,)
    assert math.isclose(second.place(0).lat, 1.0)



@pytest.mark.slow
@pytest.mark.parametrize(
    "name, iso, feature, lat, lon",
    [
        ("Suffolk", "GB", "district", 52.2, 1.0),  # an English county, from its towns
        ("Fife", "GB", "district", 56.2, -3.1),
        ("Fars Province", "IR", "province", 29.5, 53.0),
        ("Artibonite", "HT", "province", 19.2, -72.7),
        ("Mediterranean", None, "region", 35.0, 18.0),  # from the hand-kept macro table
    ],
)
def test_gazetteer_lookup_finds_areas_known_by_their_towns(name, iso, feature, lat, lon):
    g = load_gazetteer()
    rows = [r for r in g.lookup(name).rows if g.feature_of(r) == feature and g.country_code[r] == iso]
    assert rows and haversine_km(g.lat[rows[0]], g.lon[rows[0]], lat, lon) < 100


@pytest.mark.slow
def test_gazetteer_area_named_like_its_town_is_left_to_the_town():
    # The Province of Arezzo is not a second candidate beside the town of Arezzo.
    g = load_gazetteer()
    assert {g.feature_of(r) for r in g.lookup("Arezzo").rows} == {"city"}


@pytest.mark.slow
@pytest.mark.parametrize("word, name, feature", [
    ("European", "Europe", "region"), ("Asians", "Asia", "region"), ("Briton", "United Kingdom", "country"),
    ("Syrian", "Syria", "country"),
])
def test_gazetteer_lookup_demonym_names_countries_and_continents(word, name, feature):
    g = load_gazetteer()
    row = g.lookup_demonym(word).rows[0]
    assert (g.name[row], g.feature_of(row)) == (name, feature)
    assert g.lookup_demonym("Qwertian") is None


@pytest.mark.slow
def test_gazetteer_lookup_core_reads_names_through_qualifiers():
    g = load_gazetteer()
    dallas = g.lookup_core("North Dallas")
    assert dallas.kind == "core" and any(g.name[r] == "Dallas" and g.country_code[r] == "US" for r in dallas.rows)
    assert any(g.name[r] == "Toronto" for r in g.lookup_core("Greater Toronto Area").rows)
    assert any(g.name[r] == "Akita" for r in g.lookup_core("Akita Prefecture").rows)
    # A direction on an area or a small town is a part too far from the whole's point.
    assert g.lookup_core("South Darfur") is None
    assert g.lookup_core("Qwertyville") is None


@pytest.mark.slow
def test_gazetteer_congo_alone_names_dr_congo():
    g = load_gazetteer()
    countries = [g.country_code[r] for r in g.lookup("Congo").rows if g.feature_of(r) == "country"]
    assert countries == ["CD"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, town, cc",
    [
        ("Vancouver Art Gallery", "Vancouver", "CA"),
        ("Montreal-Pierre Elliott Trudeau International Airport", "Montreal", "CA"),
        ("Salinas Valley", "Salinas", "US"),
    ],
)
def test_gazetteer_lookup_landmark_reads_the_town_a_landmark_is_named_after(name, town, cc):
    g = load_gazetteer()
    assert g.lookup(name) is None
    match = g.lookup_landmark(name)
    assert match.kind == "landmark" and match.key == normalise_name(town)
    assert cc in {g.country_code[r] for r in match.rows}
    assert all(g.feature_of(r) == "city" for r in match.rows)


@pytest.mark.slow
def test_gazetteer_us_county_sits_among_its_towns_not_at_a_namesake_town():
    g = load_gazetteer()
    # Seminole, Florida lies in Pinellas County, 150 km from Seminole County (Sanford, Oviedo).
    (row,) = [r for r in g.lookup("Seminole County").rows if g.admin1[r] == "FL"]
    assert haversine_km(g.lat[row], g.lon[row], 28.71, -81.24) < 40


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, feature, lat, lon",
    [
        ("Mauritius", "country", -20.3, 57.58),  # its outer islands would pull a town-derived point out to sea
        ("Alaska", "region", 64.0, -150.0),  # its towns hug the south coast
    ],
)
def test_gazetteer_areas_with_far_flung_towns_take_the_geonames_point(name, feature, lat, lon):
    g = load_gazetteer()
    (row,) = [r for r in g.lookup(name).rows if g.feature_of(r) == feature]
    assert haversine_km(g.lat[row], g.lon[row], lat, lon) < 1


@pytest.mark.slow
@pytest.mark.parametrize("code, state", [("NY", "New York"), ("TX", "Texas"), ("DC", "District of Columbia")])
def test_gazetteer_lookup_reads_unambiguous_postal_codes_as_states(code, state):
    g = load_gazetteer()
    rows = g.lookup(code).rows
    assert any(g.name[r] == state and g.feature_of(r) == "region" and g.country_code[r] == "US" for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize("word", ["IN", "OR", "ME", "OK"])
def test_gazetteer_lookup_leaves_postal_codes_that_are_words_alone(word):
    g = load_gazetteer()
    match = g.lookup(word)
    assert match is None or not any(g.feature_of(r) == "region" and g.country_code[r] == "US" for r in match.rows)
