"""Normalising a credited source to an upstream origin comparable across reports (claims).

"Representatives of the Syrian army", "the Syrian army command" and "Syria's armed forces" are
one origin, "syrian army"; "AP" and "the Associated Press" are one origin, "associated press".
Verdicts count independent origins, so two reports that both relay Reuters must map to one key.

Kinds: wire | broadcaster | outlet | official | military | intelligence | person | unknown.
The Syrian Observatory for Human Rights and other monitors get kind "official": they are not
government bodies, but the kind vocabulary is fixed by `model.Attribution` and what matters
downstream is that they are a named, stable upstream origin rather than an anonymous one.
"""

from __future__ import annotations

import re
from functools import lru_cache

# key -> (kind, aliases). Aliases in ALL CAPS (or with dots) are matched case-sensitively so the
# agency "AP" is not the word "ap" and "RT" is not a retweet marker in lowercase text.
_KNOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    # wire agencies
    "reuters": ("wire", ("reuters", "thomson reuters")),
    "associated press": ("wire", ("associated press", "AP", "A.P.")),
    "afp": ("wire", ("agence france-presse", "agence france presse", "france-presse", "france presse", "AFP")),
    "pap": ("wire", ("polish press agency", "PAP")),
    "epa": ("wire", ("european pressphoto agency", "EPA")),
    "dpa": ("wire", ("deutsche presse-agentur", "deutsche presse agentur", "dpa", "DPA")),
    "ansa": ("wire", ("ansa", "ANSA")),
    "xinhua": ("wire", ("xinhua",)),
    "tass": ("wire", ("tass", "itar-tass")),
    "ria novosti": ("wire", ("ria novosti", "RIA")),
    "interfax": ("wire", ("interfax", "interfax-ukraine")),
    "sana": ("wire", ("syrian arab news agency", "SANA")),
    "anadolu": ("wire", ("anadolu agency", "anadolu")),
    "unian": ("wire", ("unian", "UNIAN")),
    "ukrinform": ("wire", ("ukrinform",)),
    "bloomberg": ("wire", ("bloomberg", "bloomberg news")),
    "kyodo": ("wire", ("kyodo", "kyodo news")),
    "yonhap": ("wire", ("yonhap",)),
    "kcna": ("wire", ("korean central news agency", "KCNA")),
    "irna": ("wire", ("islamic republic news agency", "IRNA")),
    "tasnim": ("wire", ("tasnim",)),
    "fars": ("wire", ("fars news agency", "fars")),
    "wafa": ("wire", ("WAFA",)),
    "sputnik": ("wire", ("sputnik",)),
    # broadcasters
    "al jazeera": ("broadcaster", ("al jazeera", "al-jazeera", "aljazeera")),
    "al arabiya": ("broadcaster", ("al arabiya", "al-arabiya")),
    "al mayadeen": ("broadcaster", ("al mayadeen", "al-mayadeen")),
    "bbc": ("broadcaster", ("BBC", "british broadcasting corporation")),
    "cnn": ("broadcaster", ("CNN",)),
    "sky news": ("broadcaster", ("sky news",)),
    "france 24": ("broadcaster", ("france 24", "france24")),
    "rt": ("broadcaster", ("RT", "russia today")),
    "fox news": ("broadcaster", ("fox news",)),
    "nbc": ("broadcaster", ("NBC", "NBC news")),
    "abc": ("broadcaster", ("ABC", "ABC news")),
    "cbs": ("broadcaster", ("CBS", "CBS news")),
    "msnbc": ("broadcaster", ("MSNBC",)),
    "npr": ("broadcaster", ("NPR", "national public radio")),
    "dw": ("broadcaster", ("deutsche welle", "DW")),
    "euronews": ("broadcaster", ("euronews",)),
    "syrian state tv": ("broadcaster", ("syrian state tv", "syrian state television", "syrian tv", "syrian television")),
    "russian state tv": ("broadcaster", ("russian state tv", "russian state television", "rossiya 1", "channel one")),
    # outlets
    "new york times": ("outlet", ("the new york times", "new york times", "NYT", "nytimes")),
    "washington post": ("outlet", ("the washington post", "washington post")),
    "wall street journal": ("outlet", ("wall street journal", "WSJ")),
    "financial times": ("outlet", ("financial times",)),
    "guardian": ("outlet", ("the guardian",)),
    "telegraph": ("outlet", ("the telegraph", "daily telegraph")),
    "kyiv independent": ("outlet", ("kyiv independent", "the kyiv independent")),
    "kyiv post": ("outlet", ("kyiv post",)),
    "ukrainska pravda": ("outlet", ("ukrainska pravda",)),
    "meduza": ("outlet", ("meduza",)),
    "novaya gazeta": ("outlet", ("novaya gazeta",)),
    "kommersant": ("outlet", ("kommersant",)),
    "izvestia": ("outlet", ("izvestia",)),
    "al-watan": ("outlet", ("al-watan", "al watan")),
    "haaretz": ("outlet", ("haaretz",)),
    "times of israel": ("outlet", ("times of israel",)),
    "jerusalem post": ("outlet", ("jerusalem post",)),
    "le monde": ("outlet", ("le monde",)),
    "der spiegel": ("outlet", ("der spiegel", "spiegel")),
    "politico": ("outlet", ("politico",)),
    "axios": ("outlet", ("axios",)),
    "usa today": ("outlet", ("usa today",)),
    "los angeles times": ("outlet", ("los angeles times",)),
    "huffington post": ("outlet", ("huffington post", "huffpost")),
    "breitbart": ("outlet", ("breitbart",)),
    # official and military bodies with proper names
    "kremlin": ("official", ("kremlin",)),
    "white house": ("official", ("white house",)),
    "state department": ("official", ("state department", "us state department", "u.s. state department")),
    "downing street": ("official", ("downing street",)),
    "united nations": ("official", ("united nations", "UN", "U.N.")),
    "nato": ("official", ("nato", "NATO")),
    "iaea": ("official", ("international atomic energy agency", "IAEA")),
    "syrian observatory for human rights": ("official", ("syrian observatory for human rights", "syrian observatory", "SOHR")),
    "pentagon": ("military", ("pentagon",)),
    "israeli army": ("military", ("israel defense forces", "israel defence forces", "israeli defense forces", "IDF")),
    "ukrainian intelligence": ("intelligence", ("HUR", "GUR")),
    "russian defence ministry": ("military", ("russian mod",)),
}

# Demonyms and country names (also in the possessive form that normalisation leaves behind).
_NATIONS: dict[str, str] = {}
for _demonym, _names in {
    "syrian": ("syria",), "russian": ("russia",), "ukrainian": ("ukraine",), "israeli": ("israel",),
    "iranian": ("iran",), "turkish": ("turkey", "turkiye"), "us": ("u.s.", "american", "united states", "america"),
    "british": ("uk", "u.k.", "britain", "united kingdom"), "french": ("france",), "german": ("germany",),
    "chinese": ("china",), "iraqi": ("iraq",), "lebanese": ("lebanon",), "polish": ("poland",),
    "belarusian": ("belarus",), "georgian": ("georgia",), "jordanian": ("jordan",), "egyptian": ("egypt",),
    "saudi": ("saudi arabia",), "yemeni": ("yemen",), "palestinian": ("palestine",), "kurdish": (),
    "north korean": ("north korea",), "south korean": ("south korea",), "japanese": ("japan",),
    "indian": ("india",), "pakistani": ("pakistan",), "afghan": ("afghanistan",), "sudanese": ("sudan",),
}.items():
    _NATIONS[_demonym] = _demonym
    for _name in _names:
        _NATIONS[_name] = _demonym

# Generic bodies: "<nation> <body>", "<body> of <nation>" -> ("<nation> <key>", kind).
_BODIES: dict[str, tuple[str, str]] = {}
for _key, _kind, _forms in (
    ("army", "military", ("army", "military", "armed forces", "army command", "military command",
                           "general command", "army general command", "army's general command",
                           "general staff", "forces", "troops", "government forces", "regime forces")),
    ("defence ministry", "military", ("defence ministry", "defense ministry", "ministry of defence",
                                      "ministry of defense", "mod", "defence department", "defense department")),
    ("foreign ministry", "official", ("foreign ministry", "ministry of foreign affairs", "foreign office")),
    ("interior ministry", "official", ("interior ministry", "ministry of interior", "ministry of internal affairs")),
    ("government", "official", ("government", "authorities", "officials", "official", "presidency", "cabinet")),
    ("ministry", "official", ("ministry",)),
    ("intelligence", "intelligence", ("intelligence", "military intelligence", "intelligence service",
                                      "intelligence services", "intelligence agency", "intelligence officials",
                                      "security service", "security services", "defence intelligence",
                                      "defense intelligence")),
    ("state media", "broadcaster", ("state media", "state tv", "state television", "state broadcaster")),
    ("state news agency", "wire", ("state news agency", "official news agency")),
):
    for _form in _forms:
        _BODIES[_form] = (_key, _kind)

# Generic media nouns that stand for "this outlet" or an outlet named earlier.
MEDIA_NOUNS = frozenset({"outlet", "newspaper", "paper", "publication", "website", "site", "channel",
                         "broadcaster", "agency", "news agency", "daily", "network", "media outlet", "portal"})

_PERSON_TITLES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "prime", "premier", "general",
    "gen.", "commander", "colonel", "col.", "lieutenant", "major", "captain", "mr.", "mrs.", "ms.", "dr.",
    "mr", "mrs", "ms", "dr", "senator", "sen.", "governor", "gov.", "mayor", "ambassador", "secretary",
    "chief", "head", "leader", "envoy", "adviser", "advisor", "deputy", "official", "officer", "analyst",
    "journalist", "correspondent", "reporter", "resident", "witness", "lawmaker", "diplomat", "director",
})
_ORG_WORDS = frozenset({
    "ministry", "agency", "army", "council", "committee", "party", "forces", "group", "office", "department",
    "company", "news", "times", "post", "service", "command", "brigade", "battalion", "corps", "institute",
    "university", "observatory", "organisation", "organization", "union", "front", "movement", "bank",
    "court", "parliament", "government", "administration", "association", "center", "centre", "foundation",
})

# Role phrases peeled off so the body that speaks is what remains:
# "a spokesman for the Kremlin" -> "the kremlin", "sources in the Syrian army" -> "the syrian army".
_ROLE_PREFIX = re.compile(
    r"^(?:(?:a|an|the|two|three|several|some|many|other|one|senior|junior|unnamed|anonymous|high-ranking|"
    r"top|local|official|military|government|press)\s+)*"
    r"(?:representatives?|spokes(?:man|woman|person|people|men|women)|sources?|officials?|members?|"
    r"press (?:service|office|secretary)|statement|head|chief|commanders?|officers?|people|someone|"
    r"employees?|staff|leadership|leaders?)\s+"
    r"(?:of|for|from|in|at|with|close to|within|inside|by)\s+(.+)$"
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|its|their|his|her)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)(?=\s|$)")
_PUNCT = re.compile(r"[\"“”‘’`()\[\],;:!?]+")
_SPACES = re.compile(r"\s+")

KINDS = ("wire", "broadcaster", "outlet", "official", "military", "intelligence", "person", "unknown")


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Two alternations over all aliases (case-sensitive acronyms, case-insensitive names)."""
    to_key: dict[str, str] = {}
    exact: list[str] = []
    folded: list[str] = []
    for key, (_kind, aliases) in _KNOWN.items():
        for alias in aliases:
            if alias.upper() == alias and any(c.isalpha() for c in alias):
                exact.append(alias)
                to_key[alias] = key
            else:
                # Matching runs on the cleaned text, whose determiners are already gone.
                name = alias.lower().removeprefix("the ")
                folded.append(name)
                to_key[name] = key

    def alternation(words: list[str]) -> str:
        ordered = sorted(set(words), key=len, reverse=True)  # longest alias wins
        return r"(?<![\w.-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])"

    return re.compile(alternation(exact)), re.compile(alternation(folded), re.IGNORECASE), to_key


def _clean(text: str) -> str:
    """Lowercase, punctuation and possessives removed, role prefixes and determiners peeled."""
    text = _PUNCT.sub(" ", text.replace("’", "'"))
    text = _POSSESSIVE.sub("", text.lower())
    text = _SPACES.sub(" ", text).strip(" .-")
    while True:
        peeled = _ROLE_PREFIX.sub(r"\1", text)
        peeled = _DETERMINER.sub("", peeled)
        if peeled == text:
            return text
        text = peeled


def _match_body(cleaned: str) -> tuple[str, str] | None:
    """ "syrian army command" / "army of syria" / "russia defence ministry" -> (key, kind)."""
    words = cleaned.split()
    for cut in range(min(3, len(words) - 1), 0, -1):  # "<nation> <body>", nations of 1-3 words
        nation = _NATIONS.get(" ".join(words[:cut]))
        body = _BODIES.get(" ".join(words[cut:]))
        if nation and body:
            return f"{nation} {body[0]}", body[1]
    match = re.match(r"^(.+) of (?:the )?(.+)$", cleaned)
    if match and match.group(1) in _BODIES and match.group(2) in _NATIONS:
        key, kind = _BODIES[match.group(1)]
        return f"{_NATIONS[match.group(2)]} {key}", kind
    if cleaned in _BODIES:
        key, kind = _BODIES[cleaned]
        return key, kind
    return None


def _match_alias(original: str, cleaned: str) -> tuple[str, str] | None:
    """The longest known alias inside the source, e.g. "a Reuters correspondent" -> reuters."""
    acronyms, names, to_key = _alias_patterns()
    found = [(m.start(), m.end(), to_key[m.group(0)]) for m in acronyms.finditer(original)]
    found += [(m.start(), m.end(), to_key[m.group(0).lower()]) for m in names.finditer(cleaned)]
    if not found:
        return None
    # Offsets come from two strings; length is what ranks ("the new york times" over "times").
    _start, _end, key = max(found, key=lambda f: f[1] - f[0])
    return key, _KNOWN[key][0]


def _looks_like_person(original: str, cleaned: str, label: str | None) -> bool:
    if label == "PERSON":
        return True
    words = cleaned.split()
    if any(w in _ORG_WORDS for w in words):
        return False
    if any(w in _PERSON_TITLES for w in words):
        return True
    tokens = [t for t in _PUNCT.sub(" ", original).split() if t.lower() not in ("the", "a", "an")]
    # Two or three capitalised words with no organisation word: "Dmitry Peskov", "Abu Mohammed al-Jolani".
    return 2 <= len(tokens) <= 4 and all(t[:1].isupper() or t.startswith("al-") for t in tokens)


def _person_key(original: str, cleaned: str) -> str:
    """The name part of a person source: "Defence Minister Sergei Shoigu" -> "sergei shoigu"."""
    words = _PUNCT.sub(" ", original).replace("’", "'").split()
    names = [w for w in words if w[:1].isupper() and w.lower().strip(".") not in _PERSON_TITLES
             and w.lower() not in _PERSON_TITLES and w.lower() not in ("the", "a", "an", "defence", "defense", "foreign")]
    if names and len(names) < len(words):
        return _POSSESSIVE.sub("", " ".join(names).lower())
    return cleaned


@lru_cache(maxsize=4096)
def normalize_origin(source_text: str, *, label: str | None = None) -> tuple[str, str]:
    """The (origin key, kind) a source as written stands for.

    `label` is an optional spaCy entity label of the source's head ("PERSON" forces kind person
    when nothing more specific is known). Unknown sources keep their cleaned noun phrase as key.
    """
    cleaned = _clean(source_text)
    if not cleaned:
        return "", "unknown"
    _acronyms, _names, to_key = _alias_patterns()
    if cleaned in to_key:
        key = to_key[cleaned]
        return key, _KNOWN[key][0]
    body = _match_body(cleaned)
    if body:
        return body
    alias = _match_alias(source_text, cleaned)
    if alias:
        return alias
    if cleaned in MEDIA_NOUNS:
        return cleaned, "outlet"
    if _looks_like_person(source_text, cleaned, label):
        return _person_key(source_text, cleaned), "person"
    return cleaned, "unknown"


def is_media_noun(source_text: str) -> bool:
    """True for "the outlet", "the newspaper", "the agency": a stand-in for a named outlet."""
    return _clean(source_text) in MEDIA_NOUNS
