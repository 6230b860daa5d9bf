"""Toponym recognition and resolution: spaCy entities + a gazetteer pass, resolved to GeoNames.

Recognition trusts GPE/LOC/FAC entities, and takes ORG/NORP/PERSON entities (en_core_web_sm
tags "Hama" as ORG and "Aleppo" as NORP) and untagged proper nouns only when they match the
gazetteer strongly. Resolution follows the usual geoparsing heuristics (Leidner 2007; Lieberman
et al. 2010): an explicit container ("Paris, Texas") first, then countries named in the text,
then closeness to the other places of the text (in three passes: sure towns, then the towns
they settle, then all), then population. Names the gazetteer lacks, and small towns that only
share a name with what the text means, are placed through the places around them (see
place_fallback); a landmark goes to the town its name starts with ("Vancouver Art Gallery").

The stages live in their own modules: place_recognition (spans and candidates), place_context
(what the whole text says), place_scoring (ranking candidates), place_geometry (distances).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..model import Place, PlaceMention
from .gazetteer import Gazetteer, Match, load_gazetteer, normalise_name, strip_article
from .place_context import (
    Context,
    Support,
    all_towns,
    find_area_readings,
    find_containers,
    lies_inside,
    read_context,
)
from .place_fallback import (
    place_unknown_by_container,
    place_unknown_by_neighbour,
    unseat_stray_towns,
)
from .place_geometry import haversine_km
from .place_recognition import (
    FUZZY_CUTOFF_CONTEXT,
    FUZZY_CUTOFF_GLOBAL,
    MACRO_REGIONS,
    PLACE_LABELS,
    Toponym,
    find_demonym_toponyms,
    own_key,
    recognise_toponyms,
)
from .place_scoring import rank_rows

__all__ = ["Toponym", "find_places", "haversine_km", "recognise_toponyms", "resolve_spans", "resolve_toponyms"]

CONFIDENT_MARGIN = 1.0  # a first-pass choice this far ahead of the runner-up may anchor the others


def find_places(
    doc, reference_places: Iterable[Place] | None = None, demonyms: bool = False, guess_unknown: bool = False,
    text: str | None = None,
) -> list[PlaceMention]:
    """Toponyms in a spaCy `Doc` with the GeoNames place each resolves to, sorted by offset.

    `reference_places`: places known from elsewhere (the story's other reports); their countries
    and positions count as context like the document's own places.
    `demonyms`: also report NORP demonyms ("Syrian") as mentions of their country, as some
    geoparsing gold sets count them; claims never want them, so it is off by default.
    `guess_unknown`: put a name the gazetteer lacks, and the text gives no container for, at
    the resolved place named nearest to it (see place_fallback); a guess, so off by default:
    such names stay unresolved with their reason.
    `text`: `doc.text` when the caller has it (spaCy re-joins every token on each access).
    """
    gazetteer = load_gazetteer()
    references = list(reference_places or ())
    text = doc.text if text is None else text
    toponyms = recognise_toponyms(doc, gazetteer, references, text)
    if demonyms:
        toponyms = sorted(toponyms + find_demonym_toponyms(doc, text, gazetteer, toponyms), key=lambda t: t.start)
    return resolve_toponyms(text, toponyms, gazetteer, references, guess_unknown)


def resolve_spans(
    doc, spans: Iterable[tuple[int, int]], reference_places: Iterable[Place] | None = None, guess_unknown: bool = False
) -> list[PlaceMention]:
    """Resolve given toponym spans (character offsets into doc.text), e.g. gold annotations.

    The toponyms `find_places` recognises elsewhere in the text still count as context.
    """
    gazetteer = load_gazetteer()
    references = list(reference_places or ())
    text = doc.text
    # A given span that spells a demonym ("Spanish", also a town in Ontario) is the country's.
    given = [Toponym(text[s:e], s, e, "GPE", gazetteer.lookup_demonym(text[s:e]) or gazetteer.lookup(text[s:e])) for s, e in spans]
    context = [t for t in recognise_toponyms(doc, gazetteer, references, text) if not any(t.start < g.end and g.start < t.end for g in given)]
    toponyms = sorted(given + context, key=lambda t: t.start)
    wanted = {(g.start, g.end) for g in given}
    return [m for m in resolve_toponyms(text, toponyms, gazetteer, references, guess_unknown) if (m.start, m.end) in wanted]



def resolve_toponyms(
    text: str, toponyms: list[Toponym], gazetteer: Gazetteer, references: list[Place], guess_unknown: bool = False
) -> list[PlaceMention]:
    """Pick one candidate per toponym, using the countries, containers and positions in context.

    Names the gazetteer lacks go to the container the text gives them; with `guess_unknown`,
    failing that, to the nearest resolved place (see place_fallback)."""
    context = read_context(toponyms, gazetteer, references)
    nearby = frozenset(context.nearby)
    variants: dict[str, Match | None] = {}
    for t in toponyms:
        if t.match is None and t.label in PLACE_LABELS:
            t.match = gazetteer.lookup_core(t.text) or gazetteer.lookup_landmark(t.text)
        if t.match is None and t.fuzzy_ok:
            if t.text not in variants:
                match = gazetteer.lookup_fuzzy(t.text, nearby, FUZZY_CUTOFF_CONTEXT) if nearby else None
                if match is None or not match.rows:
                    match = gazetteer.lookup_fuzzy(t.text, cutoff=FUZZY_CUTOFF_GLOBAL)
                variants[t.text] = match
            t.match = variants[t.text]
        # Macro-regions are neither resolved nor anchors for the others.
        t.rows = t.match.rows if t.match and normalise_name(t.text) not in MACRO_REGIONS else ()
        if t.label not in PLACE_LABELS:
            # An ORG/PERSON-tagged name kept for a town ("Delta" the airline, Delta, BC) is not
            # also an area of a country the text never names (Delta State, Nigeria).
            t.rows = tuple(r for r in t.rows if gazetteer.feature_of(r) not in ("province", "district") or gazetteer.country_code[r] in nearby) or t.rows

    containers = find_containers(text, toponyms, gazetteer)
    named = context.countries | {cc for cc, _ in context.regions}
    for i, t in enumerate(toponyms):
        if t.rows and is_dateline(text, t) and i not in containers:
            # "WASHINGTON (Reuters) -": a dateline names the town the report was filed from, and
            # one without its state or country is a town its readers know: the biggest of the name
            # in the countries the text is about.
            towns = [r for r in t.rows if gazetteer.feature_of(r) == "city"]
            towns = [r for r in towns if own_key(gazetteer, r) == strip_article(t.match.key)] or towns
            towns = [r for r in towns if gazetteer.country_code[r] in named] or towns
            if towns:
                t.rows = (max(towns, key=lambda r: (gazetteer.population[r], -r)),)

    areas = find_area_readings(text, toponyms, gazetteer, containers)
    # One sense per discourse: a bare "Paris" after "Paris, Texas" is the same Paris.
    by_key = {normalise_name(toponyms[i].text): c for i, c in containers.items()}
    for i, t in enumerate(toponyms):
        if i not in containers and normalise_name(t.text) in by_key:
            containers[i] = by_key[normalise_name(t.text)]

    # First pass without the other places; its confident city choices support the second pass.
    no_support = Support.of(gazetteer, (), context.anchors)
    first = {}
    first_ranked: dict[tuple, tuple[int, float, str | None]] = {}
    for i, t in enumerate(toponyms):
        if t.rows:
            memo_key = (t.rows, containers.get(i), i in areas)
            if memo_key not in first_ranked:
                first_ranked[memo_key] = rank_rows(t, gazetteer, context, containers.get(i), no_support, i in areas)
            row, margin = first_ranked[memo_key][:2]
            if margin >= CONFIDENT_MARGIN and gazetteer.feature_of(row) == "city":
                first[i] = row
    # A middle pass with that support: the towns, counties and districts it settles (even narrowly)
    # support the last pass too, so a local report's places pull each other together.
    first = _supported_choices(toponyms, gazetteer, context, containers, areas, first)
    # A landmark placed at the town its name starts with is too weak a clue to pull the others.
    first = {i: row for i, row in first.items() if toponyms[i].match.kind != "landmark"}

    mentions = []
    ranked: dict[tuple, tuple[int, float, str | None]] = {}
    for i, t in enumerate(toponyms):
        if normalise_name(t.text) in MACRO_REGIONS:
            mentions.append(PlaceMention(t.text, t.start, t.end, None, reason="macro-region: no entry in the shipped GeoNames extract"))
            continue
        if not t.rows:
            mentions.append(PlaceMention(t.text, t.start, t.end, None, reason=f"no gazetteer entry matches '{t.text}'"))
            continue
        if i in containers and containers[i][1] is not None and not lies_inside(gazetteer, t.rows, containers[i]) and all_towns(gazetteer, t.rows):
            # "Holliday, Missouri" with no Holliday in Missouri: a town the extract lacks, in that state.
            # ("Bundibugyo, Cote d'Ivoire" is more often a list of places than a town and its country.)
            mentions.append(_placed_in_container(gazetteer, t, containers[i][2]))
            continue
        key = normalise_name(t.text)
        memo_key = (key, t.rows, containers.get(i), i in areas)
        if memo_key not in ranked:  # a name repeated through the text is ranked once
            others = {r for j, r in first.items() if normalise_name(toponyms[j].text) != key}
            ranked[memo_key] = rank_rows(t, gazetteer, context, containers.get(i), Support.of(gazetteer, others, context.anchors), i in areas)
        row, _, reason = ranked[memo_key]
        if t.match.kind == "fuzzy":
            note = f"spelling variant of '{gazetteer.name[row]}' (similarity {t.match.score:.0f})"
            reason = f"{note}; {reason}" if reason else note
        elif t.match.kind == "landmark":
            note = f"no gazetteer entry for '{t.text}': placed at {gazetteer.name[row]}, the town its name starts with"
            reason = f"{note}; {reason}" if reason else note
        place = gazetteer.place(row)
        if row in gazetteer.placed_at_state:
            place, reason = _place_county_by_context(gazetteer, place, row, first, reason)
        mentions.append(PlaceMention(t.text, t.start, t.end, place, reason=reason))
    mentions = unseat_stray_towns(mentions, context.countries)
    mentions = place_unknown_by_container(text, mentions)
    return place_unknown_by_neighbour(mentions) if guess_unknown else mentions


def is_dateline(text: str, toponym: Toponym) -> bool:
    """Whether a toponym opens a line in capitals ("LONDON (AP) —", "WASHINGTON Barack Obama ..."),
    not an abbreviation ("U.S. District Judge")."""
    line_start = text.rfind("\n", 0, toponym.start) + 1
    letters = sum(c.isalpha() for c in toponym.text)
    return toponym.text.isupper() and letters >= 3 and "." not in toponym.text and not text[line_start : toponym.start].strip()


SUPPORTED_MARGIN = 0.5  # a middle-pass choice this far ahead of the runner-up supports the last pass
LOCAL_FEATURES = ("city", "county", "district")


def _supported_choices(
    toponyms: list[Toponym], gazetteer: Gazetteer, context: Context, containers: dict, areas: set[int], first: dict[int, int]
) -> dict[int, int]:
    """Toponym index -> row for the local places (towns, counties, districts) chosen with the
    support of the first pass's confident towns: those confident choices, and those ahead by
    SUPPORTED_MARGIN."""
    chosen = {}
    memo: dict[tuple, tuple[int, float, str | None]] = {}
    for i, t in enumerate(toponyms):
        if not t.rows or normalise_name(t.text) in MACRO_REGIONS:
            continue
        key = normalise_name(t.text)
        memo_key = (key, t.rows, containers.get(i), i in areas)
        if memo_key not in memo:
            others = {r for j, r in first.items() if normalise_name(toponyms[j].text) != key}
            memo[memo_key] = rank_rows(t, gazetteer, context, containers.get(i), Support.of(gazetteer, others, context.anchors), i in areas)
        row, margin = memo[memo_key][:2]
        if (margin >= SUPPORTED_MARGIN or i in first) and gazetteer.feature_of(row) in LOCAL_FEATURES:
            chosen[i] = row
    return chosen


def _placed_in_container(gazetteer: Gazetteer, toponym: Toponym, container_row: int) -> PlaceMention:
    """A toponym none of whose candidates lies in its explicit container, put at the container's point."""
    home = gazetteer.place(container_row)
    place = Place(toponym.text, None, home.lat, home.lon, home.country_code, "city", None)
    note = f"no gazetteer entry for '{toponym.text}' in {home.name}: placed at {home.name}'s point"
    return PlaceMention(toponym.text, toponym.start, toponym.end, place if home.lat is not None else None, reason=note)


def _place_county_by_context(gazetteer: Gazetteer, place: Place, row: int, first: dict[int, int], reason: str | None) -> tuple[Place, str | None]:
    """A county known only by its state is put at a town of the text confidently resolved in that
    state: local news names the county its towns lie in."""
    state = gazetteer.admin1[row]
    towns = {r for r in first.values() if gazetteer.country_code[r] == "US" and gazetteer.admin1[r] == state and gazetteer.feature_of(r) == "city"}
    if not towns:
        return place, reason
    # Of several, the one nearest the state's middle: a town at the state's edge is the riskier guess.
    town = min(sorted(towns), key=lambda r: haversine_km(place.lat, place.lon, gazetteer.lat[r], gazetteer.lon[r]))
    note = f"placed at {gazetteer.name[town]}, the text's town in its state"
    moved = dataclasses.replace(place, lat=round(gazetteer.lat[town], 5), lon=round(gazetteer.lon[town], 5))
    return moved, f"{reason}; {note}" if reason else note
