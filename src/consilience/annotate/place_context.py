"""What a whole text says about where it is: the countries and states it names, the
containers it gives ("Paris, Texas"), the names it reads as states ("New York state"), and
where its other confidently resolved places lie."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..model import Place
from .gazetteer import Gazetteer, normalise_name, strip_article
from .place_geometry import haversine_km, to_radians
from .place_recognition import (
    PLACE_LABELS,
    Toponym,
    implied_countries,
    named_countries,
    own_key,
)

STATE_CITY_POPULATION = 600_000  # "New York", "Washington" (690,000): the big city, not a state mention;
# "Quebec" (the city has 530,000) is the province: news copy calls the city "Quebec City"


@dataclass
class Context:
    """What the whole text says about where it is."""

    countries: set[str]  # named in the text or by the reference places
    nearby: set[str]  # also countries implied by big cities, for spelling variants
    regions: set[tuple[str, str]]  # (country, admin1) of the states and provinces named in the text
    anchors: list[tuple[float, float]]  # points of reference places


@dataclass
class Support:
    """Where the other confidently resolved places of the text lie: evidence for a candidate
    in the same country or state, or near them (Lieberman et al. 2010's local lexicon)."""

    points: np.ndarray | None  # radians, n x 2
    countries: frozenset[str]
    regions: frozenset[tuple[str, str]]
    country_counts: dict[str, int] = field(default_factory=dict)  # how many of those places each country holds

    @classmethod
    def of(cls, gazetteer: Gazetteer, rows: Iterable[int], anchors: list[tuple[float, float]]) -> Support:
        rows = sorted(rows)
        points = anchors + [(gazetteer.lat[r], gazetteer.lon[r]) for r in rows]
        return cls(
            to_radians(points),
            frozenset(gazetteer.country_code[r] for r in rows if gazetteer.country_code[r]),
            frozenset((gazetteer.country_code[r], gazetteer.admin1[r]) for r in rows if gazetteer.admin1[r]),
            dict(Counter(gazetteer.country_code[r] for r in rows if gazetteer.country_code[r])),
        )


def read_context(toponyms: list[Toponym], gazetteer: Gazetteer, references: list[Place]) -> Context:
    countries = named_countries(toponyms, gazetteer) | {p.country_code for p in references if p.country_code}
    regions = set()
    for t in toponyms:
        rows = t.match.rows if t.match else ()
        if any(gazetteer.feature_of(r) == "country" or (gazetteer.feature_of(r) == "city" and gazetteer.population[r] >= STATE_CITY_POPULATION) for r in rows):
            continue  # "New York" is the city, "Georgia" may be the country: neither proves a US text
        # An ORG-tagged "Delta" is no evidence of Delta State: areas count from place labels only.
        features = ("region", "county", "province") if t.label in PLACE_LABELS else ("region", "county")
        named = {(gazetteer.country_code[r], gazetteer.admin1[r]) for r in rows
                 if gazetteer.feature_of(r) in features and gazetteer.country_code[r] and gazetteer.admin1[r]}
        regions |= named
    nearby = countries | implied_countries(toponyms, gazetteer) | {cc for cc, _ in regions}
    anchors = [(p.lat, p.lon) for p in references if p.lat is not None and p.lon is not None and p.feature == "city"]
    return Context(countries, nearby, regions, anchors)


AREA_ROLES = frozenset({"state", "gov", "governor", "legislature", "assembly", "province", "county"})
AREA_KINDS = frozenset({"state", "province", "commonwealth"})  # "the state of Victoria", "province of Alberta"
_LIST_JOINS = frozenset({",", "and", ", and", "or", ", or", "&"})


def find_area_readings(text: str, toponyms: list[Toponym], gazetteer: Gazetteer, containers: dict) -> set[int]:
    """Indexes of toponyms that name a state or province rather than the city of that name:
    the container in "Buffalo, New York", "New York state", "New York State" (one name), "the state of Victoria" or
    "Washington Gov. ...", and a member of a list of states ("Oregon, Washington and Idaho")."""
    has_area = [any(gazetteer.feature_of(r) in ("region", "province") for r in t.rows) for t in toponyms]
    plain_area = [has_area[i] and not any(gazetteer.feature_of(r) == "city" and gazetteer.population[r] >= STATE_CITY_POPULATION for r in t.rows)
                  for i, t in enumerate(toponyms)]
    found = set()
    for i, t in enumerate(toponyms):
        if not has_area[i]:
            continue
        if i - 1 in containers:
            # "Brooklyn, New York" is the city: the contained place lies inside it.
            cities = [r for r in t.rows if gazetteer.feature_of(r) == "city" and gazetteer.population[r] >= STATE_CITY_POPULATION]
            inner = toponyms[i - 1].rows
            if not any(haversine_km(gazetteer.lat[a], gazetteer.lon[a], gazetteer.lat[c], gazetteer.lon[c]) < 40 for a in inner for c in cities):
                found.add(i)
            continue
        words = t.text.split()
        if len(words) > 1 and words[-1].lower() in AREA_KINDS:
            # "New York State" read as one name: the state, not the city.
            found.add(i)
            continue
        following = text[t.end : t.end + 14].split()
        if following and following[0].strip(".,;:'’").lower() in AREA_ROLES:
            found.add(i)
            continue
        preceding = text[max(0, t.start - 16) : t.start].lower().split()
        if preceding[-2:-1] and preceding[-1] == "of" and preceding[-2] in AREA_KINDS:
            found.add(i)
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(toponyms) and plain_area[j] and _listed_together(text, toponyms[min(i, j)], toponyms[max(i, j)]):
                found.add(i)
                break
    # One sense per discourse: "the state of Victoria" makes a later bare "Victoria" the state too.
    names = {normalise_name(toponyms[i].text) for i in found}
    return found | {i for i, t in enumerate(toponyms) if has_area[i] and normalise_name(t.text) in names}


def _listed_together(text: str, first: Toponym, second: Toponym) -> bool:
    return " ".join(text[first.end : second.start].split()) in _LIST_JOINS


def find_containers(text: str, toponyms: list[Toponym], gazetteer: Gazetteer) -> dict[int, tuple[str, str | None, int]]:
    """Toponym index -> (country, state or province or None, the container's row) for "X, Y"
    where Y is a country, US state or province.

    Not when X is itself a state or country: "Washington, West Virginia and Ohio" is a list."""
    containers = {}
    for i in range(len(toponyms) - 1):
        here, nxt = toponyms[i], toponyms[i + 1]
        if text[here.end : nxt.start].strip() != "," or not nxt.rows:
            continue
        if any(gazetteer.feature_of(r) in ("country", "region", "province") and own_key(gazetteer, r) == strip_article(normalise_name(here.text)) for r in here.rows):
            continue
        # "Atlanta, Georgia": of the container's readings, one holding a candidate comes first.
        holds = {(gazetteer.country_code[r], gazetteer.admin1[r]) for r in here.rows} | {(gazetteer.country_code[r], None) for r in here.rows}
        readings = sorted(nxt.rows, key=lambda r: (gazetteer.country_code[r], None if gazetteer.feature_of(r) == "country" else gazetteer.admin1[r]) not in holds)
        for r in readings:
            feature = gazetteer.feature_of(r)
            if feature == "country":
                containers[i] = (gazetteer.country_code[r], None, r)
                break
            if feature == "province" and (gazetteer.country_code[r], gazetteer.admin1[r]) not in holds:
                # An area known only by its towns holds none of these candidates: more likely the
                # next item of a list ("New York City, Long Island, New York") than a container.
                continue
            if feature in ("region", "province") and gazetteer.country_code[r] and gazetteer.admin1[r]:
                containers[i] = (gazetteer.country_code[r], gazetteer.admin1[r], r)  # "Edmonton, Alberta"
                break
    return containers


def lies_inside(gazetteer: Gazetteer, rows: tuple[int, ...], container: tuple[str, str | None, int]) -> bool:
    cc, state, _ = container
    return any(gazetteer.country_code[r] == cc and (state is None or gazetteer.admin1[r] == state) for r in rows)


def all_towns(gazetteer: Gazetteer, rows: tuple[int, ...]) -> bool:
    """No candidate is a country, state or province ("Russia, Ukraine" is a list, not a container)."""
    return not any(gazetteer.feature_of(r) in ("country", "region", "province") for r in rows)
