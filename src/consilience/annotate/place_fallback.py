"""Placing toponyms the gazetteer lacks through the places the text puts them in.

The shipped GeoNames extract has no streets, parks, airports, buildings, villages under 500
people or neighbourhoods, yet news copy names them beside a place it does have: "Whittier's
Penn Park", "the villages of Foua and Kfraya in Idlib", "Stoke Newington, London". Such a name
is put at that container's point (its own `Place` keeps the name the text gives it and no
GeoNames id), with a reason saying so. Failing a container it stays unresolved, unless the
caller asks for a guess: then it goes to the resolved place named nearest to it in the text.
"""

from __future__ import annotations

import re

from ..model import Place, PlaceMention
from .place_geometry import haversine_km

# What may stand between a place and its container after it: "X in Y", "X, Y", "X near Y".
_CONTAINER_AFTER = re.compile(r"^\s*(?:,|in|in the|at|near|outside|of|on|,? in|, near)\s*$", re.IGNORECASE)
# ... and before it: "Y's X", "Paris' iconic X", "Cairo's Abbasiya" (at most two lower-case words between).
_CONTAINER_BEFORE = re.compile(r"^(?:['’]s?)\s+(?:[a-z][\w-]*\s+){0,2}$")
# Members of one list share the container named after the list: "Foua and Kfraya in Idlib".
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|, and|, or|&)\s*$")


def place_unknown_by_container(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """`mentions` (in text order) with each gazetteer-less one put at its container, when the text names one.

    Working from the end lets a chain ("Qatraneh in Karak in Jordan") resolve through its placed links.
    """
    out = list(mentions)
    for i in range(len(out) - 1, -1, -1):
        mention = out[i]
        if mention.place is not None or not is_unknown(mention):
            continue
        container = _container_after(text, out, i) or _container_before(text, out, i)
        if container is None or container.place is None:
            continue
        home = container.place
        place = Place(name=mention.text, geonameid=None, lat=home.lat, lon=home.lon,
                      country_code=home.country_code, feature="city", population=None)
        note = f"no gazetteer entry matches '{mention.text}': placed at {home.name}, which the text puts it in"
        out[i] = PlaceMention(mention.text, mention.start, mention.end, place, reason=note)
    return out


# A town this small, in a country no other place of the text lies in, is more likely a namesake
# of something the extract lacks ("Heathrow" has only a Florida town; "Piccadilly" an Australian
# one) than the place meant; bigger cities are named from afar often enough to keep.
STRAY_POPULATION = 20_000
STRAY_MIN_OTHERS = 2  # the text must place this many other names to show where it is
STRAY_KM = 500.0  # ... and none of its towns or areas within this distance (a town across a border stays)


def unseat_stray_towns(mentions: list[PlaceMention], countries: set[str]) -> list[PlaceMention]:
    """`mentions` with each small town that lies in a country the text neither names (`countries`)
    nor places any other name in turned back into an unknown name, for the container or
    neighbour fallbacks to place."""
    placed = [(m.text.casefold(), m.place.country_code) for m in mentions if m.place is not None and m.place.country_code]
    out = []
    for mention in mentions:
        place = mention.place
        if place is None or place.feature != "city" or not place.geonameid or (place.population or 0) >= STRAY_POPULATION or place.country_code in countries:
            out.append(mention)
            continue
        others = [cc for name, cc in placed if name != mention.text.casefold()]
        if len(others) < STRAY_MIN_OTHERS or place.country_code in others or _near_other_places(place, mention.text, mentions):
            out.append(mention)
            continue
        note = (f"no gazetteer entry matches '{mention.text}' where the text is: its only match near enough "
                f"by name, {place.name} ({place.country_code}), lies in a country no other place of the text does")
        out.append(PlaceMention(mention.text, mention.start, mention.end, None, reason=note))
    return out


def _near_other_places(place: Place, name: str, mentions: list[PlaceMention]) -> bool:
    """Whether a town or area the text names otherwise lies within STRAY_KM of `place`."""
    return any(
        m.place is not None and m.place.lat is not None and m.place.feature != "country" and m.text.casefold() != name.casefold()
        and haversine_km(place.lat, place.lon, m.place.lat, m.place.lon) <= STRAY_KM
        for m in mentions
    )


def is_unknown(mention: PlaceMention) -> bool:
    """Whether a mention is unresolved because no gazetteer name matched it (not a vague region)."""
    return mention.place is None and (mention.reason or "").startswith("no gazetteer entry")


def _container_after(text: str, mentions: list[PlaceMention], i: int) -> PlaceMention | None:
    j = i
    while j + 1 < len(mentions) and _LIST_GAP.match(text[mentions[j].end : mentions[j + 1].start]):
        j += 1
    if j + 1 < len(mentions) and _CONTAINER_AFTER.match(text[mentions[j].end : mentions[j + 1].start]):
        nxt = mentions[j + 1]
        if nxt.place is not None and nxt.place.lat is not None:
            return nxt
    return None


def _container_before(text: str, mentions: list[PlaceMention], i: int) -> PlaceMention | None:
    if i == 0:
        return None
    prev = mentions[i - 1]
    if prev.place is None or prev.place.lat is None or prev.place.feature == "country":
        return None  # "Britain's Heathrow" is fine, but a country's point is too far from most of its places
    return prev if _CONTAINER_BEFORE.match(text[prev.end : mentions[i].start]) else None



def place_unknown_by_neighbour(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """`mentions` with each gazetteer-less one left by `place_unknown_by_container` put at the
    resolved town or area nearest to it in the text (countries aside): a street, school or
    village a report names sits, more often than not, by the places named around it.

    A guess, and the reason says so; without any resolved place below country level the
    mention stays unresolved.
    """
    local = [m for m in mentions if m.place is not None and m.place.lat is not None and m.place.feature != "country" and m.place.geonameid]
    if not local:
        return list(mentions)
    out = []
    for mention in mentions:
        if mention.place is not None or not is_unknown(mention):
            out.append(mention)
            continue
        home = min(local, key=lambda m: abs(m.start - mention.start)).place
        place = Place(name=mention.text, geonameid=None, lat=home.lat, lon=home.lon,
                      country_code=home.country_code, feature="city", population=None)
        note = f"no gazetteer entry matches '{mention.text}': guessed at {home.name}, the place named nearest to it"
        out.append(PlaceMention(mention.text, mention.start, mention.end, place, reason=note))
    return out
