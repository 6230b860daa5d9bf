"""Toponym recognition: which spans of a text name places, and their gazetteer candidates.

Recognition trusts GPE/LOC/FAC entities, and takes ORG/NORP/PERSON/PRODUCT entities (en_core_web_sm
tags "Hama" as ORG, "Aleppo" as NORP and "Manbij" as PRODUCT) and untagged proper nouns only when they match the
gazetteer strongly. Whatever the label, a place name that names a disease ("West Nile virus") and
a lone first name or surname of a person the text names in full ("Georgia began skating") are
left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.attrs import ORTH, POS, SPACY
from spacy.parts_of_speech import PROPN

from ..model import Place
from .gazetteer import Gazetteer, Match, normalise_name, own_key, strip_article
from .place_bodies import NEWSPAPER_NAMES, embedded_place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON", "PRODUCT"})

# Before a PERSON-tagged name these mark it as a location ("fled to Jordan", not "Jordan said").
LOCATIVE_WORDS = frozenset(
    ["in", "at", "near", "from", "to", "into", "toward", "towards", "outside", "inside", "across", "around", "through", "via", "between", "across", "within", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
)

# News agencies and alliances written in capitals whose letters the gazetteer also holds as a
# town's name ("SANA", the Syrian agency, is an old spelling of Sanaa; "IRNA" one of Salerno's).
AGENCY_ACRONYMS = frozenset({"SANA", "IRNA", "KCNA", "WAFA", "TASS", "RIA", "ANSA", "PAP", "UN", "NATO"})

# A place name that names a disease ("West Nile virus", "Marburg hemorrhagic fever") is not a
# mention of the place.
DISEASE_AFTER = re.compile(r"\s*(?:virus|viruses|ebolavirus|fever|disease|encephalitis|hemorrhagic|haemorrhagic)\b",
                           re.IGNORECASE)

# Words before a name that make it a place rather than a person ("the Karak district", "downtown Buffalo").
PLACE_PREFIXES = frozenset({"the", "of", "downtown", "central", "northern", "southern", "eastern", "western",
                            "greater", "rural", "suburban"})

# Words that join the names of a list ("Hama, Homs and Tartous").
LIST_WORDS = frozenset({"and", "or", ","})

# Capitalised words that the gazetteer knows as some town but that news copy uses otherwise.
NOT_PLACES = frozenset(
    ["ebola", "xinhua", "interfax", "yonhap", "kyodo", "anadolu", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "christmas", "easter", "ramadan", "god", "allah", "president", "minister", "general", "army", "government", "police", "state", "city", "north", "south", "east", "west", "reuters", "afp", "ap", "bbc", "cnn", "hamas", "hezbollah", "taliban", "kremlin", "pentagon", "white", "house", "congress", "senate", "parliament", "union", "council", "court", "republic", "democrat", "republican", "christian", "muslim", "arab"]
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


def recognise_toponyms(doc, gazetteer: Gazetteer, references: list[Place], text: str | None = None) -> list[Toponym]:
    """Toponyms from the NER plus proper-noun runs the NER missed, without overlaps."""
    text = doc.text if text is None else text
    toponyms: list[Toponym] = []
    for ent in doc.ents:
        toponyms.extend(_toponyms_from_entity(ent, text, gazetteer))
    countries = named_countries(toponyms, gazetteer) | implied_countries(toponyms, gazetteer)
    countries |= {p.country_code for p in references if p.country_code}
    kept = _keep_strong(toponyms, gazetteer, countries)
    # Big cities the NER mislabelled ("Hama" as ORG) say which country the report is about too,
    # so the smaller towns beside them ("Mhardeh", also ORG) are judged again in that country.
    more = countries | implied_countries(kept, gazetteer, labels=MAYBE_PLACE_LABELS)
    if more != countries:
        countries = more
        kept = _keep_strong(toponyms, gazetteer, countries)
    toponyms = kept
    toponyms.extend(_toponyms_missed_by_ner(doc, text, gazetteer, countries))
    toponyms = [t for t in toponyms if not DISEASE_AFTER.match(text, t.end)]
    return _without_person_names(doc, sorted(toponyms, key=lambda t: t.start))


def _person_name_words(doc) -> set[str]:
    """First and last words of the document's PERSON names of two or more capitalised words."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and all(t.is_title or t.is_punct for t in ent):
            words |= {ent[0].text, ent[-1].text}
    return words


def _without_person_names(doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Leave out one-word toponyms that are the given name or surname of a person the document
    names in full ("Georgia began skating" after "Georgia Smith"; "Oudshoorn said"), unless the
    words before mark a place ("in Georgia", "the Karak district", "Darfur and Malakal")."""
    names = _person_name_words(doc)
    if not names:
        return toponyms
    kept: list[Toponym] = []
    for t in toponyms:
        if " " in t.text or t.text not in names or _place_words_before(doc, t, kept):
            kept.append(t)
    return kept


def _place_words_before(doc, toponym: Toponym, earlier: list[Toponym]) -> bool:
    """Whether the words before a toponym read as a place: a locative word or article, or a list
    joined to the place before it."""
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None:
        return True
    before = [t for t in doc[max(0, span.start - 4):span.start] if not t.is_space]
    if not before:
        return False
    word = before[-1].lower_
    if word in LOCATIVE_WORDS or word in PLACE_PREFIXES:
        return True
    if word in LIST_WORDS and len(before) >= 2:
        return any(t.end == before[-2].idx + len(before[-2].text) for t in earlier)
    return False


def _keep_strong(toponyms: list[Toponym], gazetteer: Gazetteer, countries: set[str]) -> list[Toponym]:
    """The place-labelled toponyms and the others that match the gazetteer strongly (`_is_strong`).

    ORG/PERSON/NORP names recur through a report: each is judged (and fuzzy-matched) once.
    """
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
    return kept


def find_demonym_toponyms(doc, doc_text: str, gazetteer: Gazetteer, toponyms: list[Toponym]) -> list[Toponym]:
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
        if normalise_name(text) in NOT_PLACES or text in AGENCY_ACRONYMS:
            continue
        if ent.label_ in MAYBE_PLACE_LABELS and (not _may_be_place(ent, part, text) or normalise_name(text) in NEWSPAPER_NAMES):
            continue
        match = gazetteer.lookup(text)
        if match is None and ent.label_ == "ORG" and (inner := embedded_place(part, doc_text, gazetteer)) is not None:
            start, end = inner
            text, match = doc_text[start:end], gazetteer.lookup(doc_text[start:end])
        found.append(Toponym(text, start, end, ent.label_, match, fuzzy_ok=ent.label_ in PLACE_LABELS))
    return found


def _may_be_place(ent, part, text: str) -> bool:
    """Whether an ORG/NORP/PERSON span could be a mis-labelled place at all."""
    key = normalise_name(text)
    if ent.label_ == "NORP" and key.endswith(DEMONYM_ENDINGS):
        return False  # "Syrian", "Kurdish", "Israeli": demonyms are not place mentions
    if ent.label_ == "PERSON":
        before = ent.doc[part[0].i - 1] if part[0].i > 0 else None
        has_article = strip_article(key) != key
        return has_article or (before is not None and before.lower_ in LOCATIVE_WORDS) or _listed_after_place(ent.doc, part[0].i)
    return True


def _listed_after_place(doc, i: int) -> bool:
    """Whether token i follows "and", "or" or a comma that closes a place name ("Mhardeh and
    Tartous", with "Mhardeh" tagged ORG and "Tartous" PERSON)."""
    if i < 2 or doc[i - 1].lower_ not in LIST_WORDS:
        return False
    previous = doc[i - 2]
    return previous.ent_type_ in PLACE_LABELS or (previous.ent_type_ == "ORG" and previous.pos_ == "PROPN")


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


# "Green-winged Teals", "Red-tailed hawk": a capitalised word opening a hyphenated adjective names no place
_HYPHEN_COMPOUND = re.compile(r"-[a-z]")


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
        if normalise_name(text) in NOT_PLACES | NEWSPAPER_NAMES or text in AGENCY_ACRONYMS or _HYPHEN_COMPOUND.match(doc_text, end):
            continue
        match = gazetteer.lookup(text)
        if match is None or match.kind != "exact":
            continue
        toponym = Toponym(text, start, end, "GAZ", match, fuzzy_ok=False)
        if _is_strong(toponym, gazetteer, countries):
            found.append(toponym)
    return found


_ARTICLES = ("al", "el", "ez", "as", "ar")
# Per spelling (ORTH hash): (starts upper-case, is "-", is an Arabic article); spellings repeat across
# reports, so a report costs a dict lookup per token instead of a Token object per token.
_SPELLING_FLAGS: dict[int, tuple[bool, bool, bool]] = {}


def _spelling_flags(orth: int, strings) -> tuple[bool, bool, bool]:
    flags = _SPELLING_FLAGS.get(orth)
    if flags is None:
        text = strings[orth]
        flags = _SPELLING_FLAGS[orth] = (text[:1].isupper(), text == "-", text.lower() in _ARTICLES)
    return flags


def _proper_noun_runs(doc) -> list[list]:
    """Maximal runs of title-case PROPN tokens, joined through in-word hyphens ("Deir ez-Zor")."""
    if not len(doc):
        return []
    table = doc.to_array([POS, ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    runs, run = [], []
    for i, (pos, orth, space) in enumerate(table):
        upper, hyphen, article = _spelling_flags(orth, strings)
        joins = hyphen and run and not table[run[-1]][2]
        if (pos == PROPN and upper) or joins or (run and article):
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    # A run cannot end on a hyphen or article.
    trimmed = []
    for run in runs:
        while run and not _spelling_flags(table[run[-1]][1], strings)[0]:
            run = run[:-1]
        if run:
            trimmed.append([doc[i] for i in run])
    return trimmed


def named_countries(toponyms: list[Toponym], gazetteer: Gazetteer) -> set[str]:
    """Countries the text names, leaving out names that are also a US state ("Georgia")."""
    named = set()
    for t in toponyms:
        rows = t.match.rows if t.match else ()
        if any(gazetteer.feature_of(r) == "region" and gazetteer.country_code[r] == "US" for r in rows):
            continue
        named |= {gazetteer.country_code[r] for r in rows if gazetteer.feature_of(r) == "country"}
    return named


def implied_countries(toponyms: list[Toponym], gazetteer: Gazetteer, labels: frozenset[str] = PLACE_LABELS) -> set[str]:
    """Countries of big cities named by spans with one of `labels` ("Homs" implies Syria)."""
    implied = set()
    for t in toponyms:
        if t.label in labels and t.match is not None and t.match.kind != "fuzzy" and t.match.rows:
            biggest = max(t.match.rows, key=lambda r: gazetteer.population[r])
            if gazetteer.feature_of(biggest) == "city" and gazetteer.population[biggest] >= IMPLIED_POPULATION:
                implied.add(gazetteer.country_code[biggest])
    return implied
