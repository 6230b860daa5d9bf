"""Places inside the names of public bodies: "Kentucky State Police", "U.S. Department of Justice".

The NER tags such a name ORG as a whole; the place it starts with (or ends on, after "of": "the
Government of Canada") is where the story happens, and the geoparsing gold sets tag it. Firms,
teams and newspapers named after a place ("New York Times", "Winnipeg Jets", "Bank of America") are
not read this way, nor are schools, which the gold sets leave untagged as often as not.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, own_key, strip_article

BODY_CITY_POPULATION = 50_000  # a city read inside a body's name must be this big (as place_recognition's strong test)
# Words after the place that make the name a public body's ("State Police", "Department of ...").
BODY_AFTER_PLACE = frozenset({
    "state", "police", "sheriff", "sheriff's", "department", "ministry", "government", "city", "council", "county",
    "court", "superior", "supreme", "district", "legislature", "senate", "assembly", "parliament", "army", "navy",
    "embassy", "consulate", "ems", "fire", "detention", "highway", "unified", "public", "health", "centers",
    "transportation", "emergency", "provincial", "regional", "attorney", "board", "office",
    "agency", "authority", "commission", "bureau", "corrections", "prosecutor", "prosecutors", "coroner", "party",
})
# Words before "of" that make "<body> of <place>" one ("the Government of Canada").
BODY_BEFORE_OF = frozenset({
    "government", "city", "town", "county", "state", "province", "republic", "kingdom", "ministry",
    "department", "council", "court", "commonwealth", "municipality", "district", "governor", "mayor",
})
# A newspaper by its short name ("the Post", "the Globe"), tagged ORG or left untagged, is not the
# small town of that name (Post, Texas) even in a US text; a place label from the NER still counts.
NEWSPAPER_NAMES = frozenset({"post", "times", "globe", "star", "sun", "herald", "tribune", "journal", "gazette",
                             "chronicle", "mirror", "guardian", "telegraph", "independent", "examiner", "courier"})
# Newspapers and broadcasters, and schools ("Michigan State University", "the University of
# Arizona"), which the gold sets leave untagged as often as not.
NOT_A_BODY_WORDS = frozenset({"times", "post", "press", "herald", "tribune", "journal", "news", "gazette", "star", "sun",
                              "globe", "chronicle", "daily", "radio", "tv", "television", "broadcasting", "magazine",
                              "university", "college", "school", "schools", "institute", "academy", "a&m"})


def embedded_place(part, doc_text: str, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Character offsets of the place inside a public body's name (see `BODY_AFTER_PLACE`), or None."""
    words = [t.lower_ for t in part]
    if len(part) < 2 or NOT_A_BODY_WORDS.intersection(words):
        return None
    for n in range(len(part) - 1, 0, -1):  # "<place> <body ...>": the longest name the gazetteer holds
        if BODY_AFTER_PLACE.intersection(words[n:]):
            start, end = part[0].idx, part[n - 1].idx + len(part[n - 1].text)
            if _names_a_body_place(gazetteer, doc_text[start:end]):
                return start, end
    inner_ofs = [i for i in range(1, len(words) - 1) if words[i] == "of"]
    if inner_ofs:  # "<body> of <place>": the name after the last "of" that has one after it
        at = inner_ofs[-1]
        if BODY_BEFORE_OF.intersection(words[:at]):
            start, end = part[at + 1].idx, part[-1].idx + len(part[-1].text)
            if _names_a_body_place(gazetteer, doc_text[start:end]):
                return start, end
    return None


def _names_a_body_place(gazetteer: Gazetteer, name: str) -> bool:
    """A country, state, province or county, or a city of `BODY_CITY_POPULATION` people or more under its
    own name (or its first words): a town that shares a common word ("Justice Department": Justice,
    Illinois) or a city known by another spelling ("Big Government": "Big" is listed for Biga,
    Turkey) is not."""
    if len(name) < 3 and not name.isupper():
        return False  # "Mo Cowan Senate": a first name, not Missouri's "Mo."
    match = gazetteer.lookup(name)
    return match is not None and any(
        gazetteer.feature_of(r) != "city"
        or (gazetteer.population[r] >= BODY_CITY_POPULATION and _spells_own_name(own_key(gazetteer, r), strip_article(match.key)))
        for r in match.rows)


def _spells_own_name(own: str, key: str) -> bool:
    """"Winnipeg" for Winnipeg, "Enfield" for Enfield Town, "New York" for New York City."""
    return own == key or own.startswith(key + " ")
