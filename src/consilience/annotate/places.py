"""Toponym recognition and resolution: spaCy entities + a gazetteer pass, resolved to GeoNames.

Recognition trusts GPE/LOC/FAC entities, and takes ORG/NORP/PERSON entities (en_core_web_sm
tags "Hama" as ORG and "Aleppo" as NORP) and untagged proper nouns only when they match the
gazetteer strongly. Resolution follows the usual geoparsing heuristics (Leidner 2007; Lieberman
et al. 2010): an explicit container ("Paris, Texas") first, then countries named in the text,
then closeness to the other places of the text (in three passes: sure towns, then the towns
they settle, then all), then population. Names the gazetteer lacks are placed through the
places around them (see place_fallback).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from ..model import Place, PlaceMention
from .gazetteer import Gazetteer, Match, load_gazetteer, normalise_name, strip_article
from .place_fallback import place_unknown_by_container, place_unknown_by_neighbour

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})

# Before a PERSON-tagged name these mark it as a location ("fled to Jordan", not "Jordan said").
LOCATIVE_WORDS = frozenset(
    "in at near from to into toward towards outside inside across around through via between "
    "across within north south east west northeast northwest southeast southwest".split()
)

# Capitalised words that the gazetteer knows as some town but that news copy uses otherwise.
NOT_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today christmas easter ramadan "
    "god allah president minister general army government police state city north south east west "
    "reuters afp ap bbc cnn hamas hezbollah taliban kremlin pentagon white house congress senate "
    "parliament union council court republic democrat republican christian muslim arab".split()
)

# Regions news copy names too vaguely for one point (and without a point in regions.MACRO_POINTS);
# their names do match small towns (Levant, Kansas), so they stay unresolved instead.
MACRO_REGIONS = frozenset({
    "near east", "far east", "gulf", "levant", "balkans",
    "caucasus", "sahel", "maghreb",
    "horn of africa", "kurdistan", "central asia",
    "southeast asia", "south asia", "east asia", "latin america", "eastern europe", "western europe",
    "central europe", "west", "midwest", "sub saharan africa",
    "north africa", "west africa", "east africa", "southern africa",
})

DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ans", "i", "is", "ic")

STRONG_POPULATION = 50_000  # an unlabelled or ORG/PERSON-tagged name must be a city at least this big
CONTEXT_POPULATION = 5_000  # ... or this big inside a country the text names
FUZZY_CUTOFF_CONTEXT = 90.0
FUZZY_CUTOFF_GLOBAL = 92.0
IMPLIED_POPULATION = 100_000  # a city this big implies its country as context for spelling variants


@dataclass
class Toponym:
    """A recognised toponym before resolution."""

    text: str
    start: int
    end: int
    label: str  # the NER label, or "GAZ" for the gazetteer pass
    match: Match | None
    fuzzy_ok: bool = True
    rows: tuple[int, ...] = field(default=())


def find_places(
    doc, reference_places: Iterable[Place] | None = None, demonyms: bool = False, guess_unknown: bool = False
) -> list[PlaceMention]:
    """Toponyms in a spaCy `Doc` with the GeoNames place each resolves to, sorted by offset.

    `reference_places`: places known from elsewhere (the story's other reports); their countries
    and positions count as context like the document's own places.
    `demonyms`: also report NORP demonyms ("Syrian") as mentions of their country, as some
    geoparsing gold sets count them; claims never want them, so it is off by default.
    `guess_unknown`: put a name the gazetteer lacks, and the text gives no container for, at
    the resolved place named nearest to it (see place_fallback); a guess, so off by default:
    such names stay unresolved with their reason.
    """
    gazetteer = load_gazetteer()
    references = list(reference_places or ())
    text = doc.text  # Doc.text re-joins every token: read it once
    toponyms = recognise_toponyms(doc, gazetteer, references, text)
    if demonyms:
        toponyms = sorted(toponyms + _demonym_toponyms(doc, text, gazetteer, toponyms), key=lambda t: t.start)
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


# --- recognition --------------------------------------------------------------------------------


def recognise_toponyms(doc, gazetteer: Gazetteer, references: list[Place], text: str | None = None) -> list[Toponym]:
    """Toponyms from the NER plus proper-noun runs the NER missed, without overlaps."""
    text = doc.text if text is None else text
    toponyms: list[Toponym] = []
    for ent in doc.ents:
        toponyms.extend(_toponyms_from_entity(ent, text, gazetteer))
    countries = _named_countries(toponyms, gazetteer) | _implied_countries(toponyms, gazetteer)
    countries |= {p.country_code for p in references if p.country_code}
    # ORG/PERSON/NORP names recur through a report: judge (and fuzzy-match) each once.
    strong: dict[tuple[str, str], bool] = {}
    variants: dict[tuple[str, str], Match | None] = {}
    kept = []
    for t in toponyms:
        if t.label not in PLACE_LABELS:
            memo = (t.label, t.text)
            if memo not in strong:
                strong[memo] = _is_strong(t, gazetteer, countries)
                variants[memo] = t.match
            t.match = variants[memo]
            if not strong[memo]:
                continue
        kept.append(t)
    toponyms = kept
    toponyms.extend(_toponyms_missed_by_ner(doc, text, gazetteer, countries))
    return sorted(toponyms, key=lambda t: t.start)


def _demonym_toponyms(doc, doc_text: str, gazetteer: Gazetteer, toponyms: list[Toponym]) -> list[Toponym]:
    """NORP entities that are demonyms of a country, outside the toponyms already found."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "NORP" or any(t.start < ent.end_char and ent.start_char < t.end for t in toponyms):
            continue
        match = gazetteer.lookup_demonym(ent.text)
        if match is not None:
            found.append(Toponym(ent.text, ent.start_char, ent.end_char, "NORP", match, fuzzy_ok=False))
    return found


def _toponyms_from_entity(ent, doc_text: str, gazetteer: Gazetteer) -> list[Toponym]:
    if ent.label_ not in PLACE_LABELS and ent.label_ not in MAYBE_PLACE_LABELS:
        return []
    tokens = list(ent)
    # "the United States", "Syria's": the determiner and possessive are not part of the name.
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens.pop()
    if not tokens:
        return []
    # spaCy sometimes keeps "Paris, Texas" as one GPE: split at commas, the container comes after.
    parts: list[list] = [[]]
    for tok in tokens:
        if tok.text == ",":
            parts.append([])
        else:
            parts[-1].append(tok)
    found = []
    for part in parts:
        if not part:
            continue
        start, end = part[0].idx, part[-1].idx + len(part[-1].text)
        text = doc_text[start:end]
        if normalise_name(text) in NOT_PLACES:
            continue
        if ent.label_ in MAYBE_PLACE_LABELS and not _may_be_place(ent, part, text):
            continue
        found.append(Toponym(text, start, end, ent.label_, gazetteer.lookup(text), fuzzy_ok=ent.label_ in PLACE_LABELS))
    return found


def _may_be_place(ent, part, text: str) -> bool:
    """Whether an ORG/NORP/PERSON span could be a mis-labelled place at all."""
    key = normalise_name(text)
    if ent.label_ == "NORP" and key.endswith(DEMONYM_ENDINGS):
        return False  # "Syrian", "Kurdish", "Israeli": demonyms are not place mentions
    if ent.label_ == "PERSON":
        before = ent.doc[part[0].i - 1] if part[0].i > 0 else None
        has_article = strip_article(key) != key
        return has_article or (before is not None and before.lower_ in LOCATIVE_WORDS)
    return True


def _is_strong(toponym: Toponym, gazetteer: Gazetteer, countries: set[str]) -> bool:
    """A non-place-labelled span counts as a place only for a clear gazetteer hit: a country or
    region, a big city whose own name the span spells, or a town in a country the text names.
    A Syrian-article name ("As-Salamiyyah") may also match a spelling variant in those countries."""
    match = toponym.match
    if match is None and toponym.label == "PERSON":
        if countries:
            match = gazetteer.lookup_fuzzy(toponym.text, frozenset(countries), FUZZY_CUTOFF_CONTEXT)
        if match is None or not match.rows:
            match = gazetteer.lookup_fuzzy(toponym.text, cutoff=FUZZY_CUTOFF_GLOBAL)
        if match is not None and match.rows:
            toponym.match = match
    if match is None or not match.rows:
        return False
    return any(_is_strong_row(gazetteer, row, match.key, countries) for row in match.rows)


def _is_strong_row(gazetteer: Gazetteer, row: int, key: str, countries: set[str]) -> bool:
    feature = gazetteer.feature_of(row)
    if feature in ("province", "district"):
        # Thousands of areas share names with people and firms ("Delta"): only in their country's text.
        return gazetteer.country_code[row] in countries
    if feature != "city":
        # A sea, continent or world region ("Pacific", "EU") is also a firm's, a magazine's or an
        # institution's name: it needs a place label from the NER.
        return gazetteer.country_code[row] is not None
    pop = gazetteer.population[row]
    if gazetteer.country_code[row] in countries and pop >= CONTEXT_POPULATION:
        return True
    # An exonym or translation ("Hamas" is listed for Hamm) is too weak; a spelling of the city's
    # own name ("Hama" for "Ḩamāh") is not.
    return pop >= STRONG_POPULATION and fuzz.ratio(strip_article(key), own_key(gazetteer, row)) >= 80


def _toponyms_missed_by_ner(doc, doc_text: str, gazetteer: Gazetteer, countries: set[str]) -> list[Toponym]:
    """Runs of capitalised proper nouns outside every entity that exactly name a strong place."""
    in_entity = set()
    for ent in doc.ents:
        in_entity.update(range(ent.start, ent.end))
    found = []
    for run in _proper_noun_runs(doc):
        if any(t.i in in_entity for t in run):
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        text = doc_text[start:end]
        if normalise_name(text) in NOT_PLACES:
            continue
        match = gazetteer.lookup(text)
        if match is None or match.kind != "exact":
            continue
        toponym = Toponym(text, start, end, "GAZ", match, fuzzy_ok=False)
        if _is_strong(toponym, gazetteer, countries):
            found.append(toponym)
    return found


def _proper_noun_runs(doc) -> list[list]:
    """Maximal runs of title-case PROPN tokens, joined through in-word hyphens ("Deir ez-Zor")."""
    runs, run = [], []
    for tok in doc:
        joins = tok.text == "-" and run and not run[-1].whitespace_
        if (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or joins or (run and tok.lower_ in ("al", "el", "ez", "as", "ar")):
            run.append(tok)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    # A run cannot end on a hyphen or article.
    return [r for r in (_trim_run(r) for r in runs) if r]


def _trim_run(run: list) -> list:
    while run and not run[-1].text[:1].isupper():
        run = run[:-1]
    return run


# --- resolution ---------------------------------------------------------------------------------

# Scores are on a log-population scale: 1.5 points = a factor of 10 in population.
POPULATION_WEIGHT = 1.5
COUNTRY_SCORE = 20.0  # a country name resolves to the country, not "Mexico" City...
COUNTRY_AS_US_STATE_SCORE = 7.0  # ...except "Georgia" in a US text that never names the country
REGION_SCORE = 9.0  # a state, province or continent outranks towns but not cities over ~1M
PROVINCE_SCORE = 8.5  # a first-level area known by its towns: a little below the hand-kept regions
DISTRICT_SCORE = 6.5  # a second-level area ("Suffolk"): a town of ~20,000 unless the text is in its country
COUNTY_SCORE = 9.0  # "X County" names only counties; among them the state named in the text decides
IN_COUNTRY_BONUS = 2.0  # the text (or the story) names the candidate's country
IN_REGION_BONUS = 2.0  # the text names the candidate's state or province ("Edmonton" in a Kentucky text)
SUPPORT_COUNTRY_BONUS = 1.0  # another place of the text lies in the candidate's country
SUPPORT_REGION_BONUS = 1.0  # ... or in its state or province
NEAR_BONUS = (1.5, 0.75)  # within 200 / 800 km of a confidently resolved place of the text
OTHER_NAME_PENALTY = 2.0  # the span matched an alternate name unlike the place's own ("Illinois" for Riverside)
COUNTY_FAR_BONUS = 0.75  # a county within 800 km of the text's places (as NEAR_BONUS[1] for towns)
COUNTY_TIE_KM_WEIGHT = 1e-4  # 0.1 points per 1,000 km: breaks ties between same-named counties
EARTH_RADIUS_KM = 6371.0088
CONFIDENT_MARGIN = 1.0  # a first-pass choice this far ahead of the runner-up may anchor the others
STATE_CITY_POPULATION = 500_000  # "New York", "Washington": the big city, not a state mention


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

    @classmethod
    def of(cls, gazetteer: Gazetteer, rows: Iterable[int], anchors: list[tuple[float, float]]) -> Support:
        rows = sorted(rows)
        points = anchors + [(gazetteer.lat[r], gazetteer.lon[r]) for r in rows]
        return cls(
            _radians(points),
            frozenset(gazetteer.country_code[r] for r in rows if gazetteer.country_code[r]),
            frozenset((gazetteer.country_code[r], gazetteer.admin1[r]) for r in rows if gazetteer.admin1[r]),
        )


def resolve_toponyms(
    text: str, toponyms: list[Toponym], gazetteer: Gazetteer, references: list[Place], guess_unknown: bool = False
) -> list[PlaceMention]:
    """Pick one candidate per toponym, using the countries, containers and positions in context.

    Names the gazetteer lacks go to the container the text gives them; with `guess_unknown`,
    failing that, to the nearest resolved place (see place_fallback)."""
    context = _read_context(toponyms, gazetteer, references)
    nearby = frozenset(context.nearby)
    variants: dict[str, Match | None] = {}
    for t in toponyms:
        if t.match is None and t.label in PLACE_LABELS:
            t.match = gazetteer.lookup_core(t.text)
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

    containers = _containers(text, toponyms, gazetteer)
    areas = _area_readings(text, toponyms, gazetteer, containers)
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
                first_ranked[memo_key] = _rank_rows(t, gazetteer, context, containers.get(i), no_support, i in areas)
            row, margin = first_ranked[memo_key][:2]
            if margin >= CONFIDENT_MARGIN and gazetteer.feature_of(row) == "city":
                first[i] = row
    # A middle pass with that support: the towns, counties and districts it settles (even narrowly)
    # support the last pass too, so a local report's places pull each other together.
    first = _supported_choices(toponyms, gazetteer, context, containers, areas, first)

    mentions = []
    ranked: dict[tuple, tuple[int, float, str | None]] = {}
    for i, t in enumerate(toponyms):
        if normalise_name(t.text) in MACRO_REGIONS:
            mentions.append(PlaceMention(t.text, t.start, t.end, None, reason="macro-region: no entry in the shipped GeoNames extract"))
            continue
        if not t.rows:
            mentions.append(PlaceMention(t.text, t.start, t.end, None, reason=f"no gazetteer entry matches '{t.text}'"))
            continue
        if i in containers and containers[i][1] is not None and not _inside(gazetteer, t.rows, containers[i]) and _all_towns(gazetteer, t.rows):
            # "Holliday, Missouri" with no Holliday in Missouri: a town the extract lacks, in that state.
            # ("Bundibugyo, Cote d'Ivoire" is more often a list of places than a town and its country.)
            mentions.append(_placed_in_container(gazetteer, t, containers[i][2]))
            continue
        key = normalise_name(t.text)
        memo_key = (key, t.rows, containers.get(i), i in areas)
        if memo_key not in ranked:  # a name repeated through the text is ranked once
            others = {r for j, r in first.items() if normalise_name(toponyms[j].text) != key}
            ranked[memo_key] = _rank_rows(t, gazetteer, context, containers.get(i), Support.of(gazetteer, others, context.anchors), i in areas)
        row, _, reason = ranked[memo_key]
        if t.match.kind == "fuzzy":
            note = f"spelling variant of '{gazetteer.name[row]}' (similarity {t.match.score:.0f})"
            reason = f"{note}; {reason}" if reason else note
        place = gazetteer.place(row)
        if row in gazetteer.placed_at_state:
            place, reason = _place_county_by_context(gazetteer, place, row, first, reason)
        mentions.append(PlaceMention(t.text, t.start, t.end, place, reason=reason))
    mentions = place_unknown_by_container(text, mentions)
    return place_unknown_by_neighbour(mentions) if guess_unknown else mentions


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
            memo[memo_key] = _rank_rows(t, gazetteer, context, containers.get(i), Support.of(gazetteer, others, context.anchors), i in areas)
        row, margin = memo[memo_key][:2]
        if (margin >= SUPPORTED_MARGIN or i in first) and gazetteer.feature_of(row) in LOCAL_FEATURES:
            chosen[i] = row
    return chosen


def _inside(gazetteer: Gazetteer, rows: tuple[int, ...], container: tuple[str, str | None, int]) -> bool:
    cc, state, _ = container
    return any(gazetteer.country_code[r] == cc and (state is None or gazetteer.admin1[r] == state) for r in rows)


def _all_towns(gazetteer: Gazetteer, rows: tuple[int, ...]) -> bool:
    """No candidate is a country, state or province ("Russia, Ukraine" is a list, not a container)."""
    return not any(gazetteer.feature_of(r) in ("country", "region", "province") for r in rows)


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


def _read_context(toponyms: list[Toponym], gazetteer: Gazetteer, references: list[Place]) -> Context:
    countries = _named_countries(toponyms, gazetteer) | {p.country_code for p in references if p.country_code}
    regions = set()
    for t in toponyms:
        rows = t.match.rows if t.match else ()
        if any(gazetteer.feature_of(r) == "country" or (gazetteer.feature_of(r) == "city" and gazetteer.population[r] >= STATE_CITY_POPULATION) for r in rows):
            continue  # "New York" is the city, "Georgia" may be the country: neither proves a US text
        # An ORG-tagged "Delta" is no evidence of Delta State: areas count from place labels only.
        features = ("region", "county", "province") if t.label in PLACE_LABELS else ("region", "county")
        regions |= {(gazetteer.country_code[r], gazetteer.admin1[r]) for r in rows
                    if gazetteer.feature_of(r) in features and gazetteer.country_code[r] and gazetteer.admin1[r]}
    nearby = countries | _implied_countries(toponyms, gazetteer) | {cc for cc, _ in regions}
    anchors = [(p.lat, p.lon) for p in references if p.lat is not None and p.lon is not None and p.feature == "city"]
    return Context(countries, nearby, regions, anchors)


def _named_countries(toponyms: list[Toponym], gazetteer: Gazetteer) -> set[str]:
    """Countries the text names, leaving out names that are also a US state ("Georgia")."""
    named = set()
    for t in toponyms:
        rows = t.match.rows if t.match else ()
        if any(gazetteer.feature_of(r) == "region" and gazetteer.country_code[r] == "US" for r in rows):
            continue
        named |= {gazetteer.country_code[r] for r in rows if gazetteer.feature_of(r) == "country"}
    return named


def _implied_countries(toponyms: list[Toponym], gazetteer: Gazetteer) -> set[str]:
    """Countries of big cities named by place-labelled spans ("Homs" implies Syria)."""
    implied = set()
    for t in toponyms:
        if t.label in PLACE_LABELS and t.match is not None and t.match.kind != "fuzzy":
            biggest = max(t.match.rows, key=lambda r: gazetteer.population[r])
            if gazetteer.feature_of(biggest) == "city" and gazetteer.population[biggest] >= IMPLIED_POPULATION:
                implied.add(gazetteer.country_code[biggest])
    return implied


AREA_ROLES = frozenset({"state", "gov", "governor", "legislature", "assembly", "province", "county"})
_LIST_JOINS = frozenset({",", "and", ", and", "or", ", or", "&"})


def _area_readings(text: str, toponyms: list[Toponym], gazetteer: Gazetteer, containers: dict) -> set[int]:
    """Indexes of toponyms that name a state or province rather than the city of that name:
    the container in "Buffalo, New York", "New York state" or "Washington Gov. ...", and a member
    of a list of states ("Oregon, Washington and Idaho")."""
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
        following = text[t.end : t.end + 14].split()
        if following and following[0].strip(".,;:'’").lower() in AREA_ROLES:
            found.add(i)
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(toponyms) and plain_area[j] and _listed_together(text, toponyms[min(i, j)], toponyms[max(i, j)]):
                found.add(i)
                break
    return found


def _listed_together(text: str, first: Toponym, second: Toponym) -> bool:
    return " ".join(text[first.end : second.start].split()) in _LIST_JOINS


def _containers(text: str, toponyms: list[Toponym], gazetteer: Gazetteer) -> dict[int, tuple[str, str | None, int]]:
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
            if feature in ("region", "province") and gazetteer.country_code[r] and gazetteer.admin1[r]:
                containers[i] = (gazetteer.country_code[r], gazetteer.admin1[r], r)  # "Edmonton, Alberta"
                break
    return containers


def _rank_rows(
    toponym: Toponym,
    gazetteer: Gazetteer,
    context: Context,
    container: tuple[str, str | None, int] | None,
    support: Support,
    as_area: bool = False,
) -> tuple[int, float, str | None]:
    """The best candidate row, its lead over the runner-up, and a note when the choice was close.

    `as_area`: the context reads the name as a state or province (see `_area_readings`)."""
    rows = toponym.rows
    if as_area:
        rows = tuple(r for r in rows if gazetteer.feature_of(r) in ("region", "province")) or rows
    if container is not None:
        cc, state, _ = container
        inside = [r for r in rows if gazetteer.country_code[r] == cc and (state is None or gazetteer.admin1[r] == state)]
        rows = tuple(inside) or rows
    key = strip_article(toponym.match.key)
    rows = _prefer_regions(gazetteer, rows, key)
    has_us_state = any(gazetteer.feature_of(r) == "region" and gazetteer.country_code[r] == "US" for r in rows)
    scored = sorted(((_score_row(gazetteer, r, key, context, has_us_state, support), r) for r in rows), reverse=True)
    best_score, best = scored[0]
    if len(scored) == 1:
        return best, math.inf, None
    margin = best_score - scored[1][0]
    if margin < 0.5:
        close = [r for s, r in scored if best_score - s < 0.5]
        names = ", ".join(f"{gazetteer.name[r]} ({gazetteer.country_code[r]})" for r in close[:3])
        return best, margin, f"ambiguous: {len(close)} candidates score alike ({names})"
    return best, margin, None


def _prefer_regions(gazetteer: Gazetteer, rows: tuple[int, ...], key: str) -> tuple[int, ...]:
    """A name that is a country's or a state's own ("California", "Oregon") means that area, not
    the small towns named after it: only cities big enough to rival it stay in the running."""
    if not any(gazetteer.feature_of(r) in ("country", "region") and own_key(gazetteer, r) == key for r in rows):
        return rows
    return tuple(r for r in rows if gazetteer.feature_of(r) != "city" or gazetteer.population[r] >= STATE_CITY_POPULATION)


def _score_row(
    gazetteer: Gazetteer, row: int, key: str, context: Context, has_us_state: bool, support: Support
) -> float:
    feature = gazetteer.feature_of(row)
    cc = gazetteer.country_code[row]
    if feature == "country":
        us_text = "US" in context.nearby and cc not in context.nearby
        return COUNTRY_AS_US_STATE_SCORE if has_us_state and us_text else COUNTRY_SCORE
    if feature == "region":
        # The country bonus lifts "Ontario" the province over Ontario, California in a Canadian
        # text; "Washington" the state and the city both get it, so the city still wins there.
        return REGION_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0)
    if feature == "province":
        return PROVINCE_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0) + (SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0)
    if feature == "district":
        score = DISTRICT_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0)
        score += SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0
        score += SUPPORT_REGION_BONUS if (cc, gazetteer.admin1[row]) in support.regions else 0.0
        if support.points is not None:
            nearest = _nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
            score += NEAR_BONUS[0] if nearest < 200 else NEAR_BONUS[1] if nearest < 800 else 0.0
        return score
    if feature == "county":
        score = COUNTY_SCORE + (IN_REGION_BONUS if (cc, gazetteer.admin1[row]) in context.regions else 0.0)
        if support.points is not None:
            nearest = _nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
            score += NEAR_BONUS[0] if nearest < 200 else COUNTY_FAR_BONUS if nearest < 800 else 0.0
            score -= nearest * COUNTY_TIE_KM_WEIGHT  # of namesakes otherwise alike, the one nearest the text's places
        return score
    score = POPULATION_WEIGHT * math.log10(max(gazetteer.population[row], 0) + 10)
    if cc in context.countries:
        score += IN_COUNTRY_BONUS
    region = (cc, gazetteer.admin1[row])
    if region in context.regions:
        score += IN_REGION_BONUS
    if not _spells_own_name(gazetteer, row, key):
        score -= OTHER_NAME_PENALTY
    if support.points is not None:
        nearest = _nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
        score += NEAR_BONUS[0] if nearest < 200 else NEAR_BONUS[1] if nearest < 800 else 0.0
    score += SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0
    score += SUPPORT_REGION_BONUS if region in support.regions else 0.0
    return score


def _spells_own_name(gazetteer: Gazetteer, row: int, key: str) -> bool:
    return fuzz.token_set_ratio(key, own_key(gazetteer, row)) >= 75


def own_key(gazetteer: Gazetteer, row: int) -> str:
    """The normalised, article-free primary name of a row (cached: names repeat across texts)."""
    return _own_key(gazetteer.name[row])


@lru_cache(maxsize=65536)
def _own_key(name: str) -> str:
    return strip_article(normalise_name(name))


def _radians(anchors: list[tuple[float, float]]) -> np.ndarray | None:
    return np.radians(np.asarray(anchors, dtype=float)) if anchors else None


def _nearest_km(lat: float, lon: float, points: np.ndarray) -> float:
    """Great-circle distance from (lat, lon) to the nearest of `points` (radians, shape n x 2)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((points[:, 0] - p1) / 2) ** 2 + math.cos(p1) * np.cos(points[:, 0]) * np.sin((points[:, 1] - l1) / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a.min()))))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
