"""Comparable keys for actor phrases: which side and which country a phrase names.

"Russian troops", "the Syrian army", "rebel fighters" and "the government of President Assad"
are compared by (country, role) rather than by words: "the army" is a less specific way of
saying "the Syrian army" (compatible), while "Russian troops" and "the Syrian army" name
different actors (a conflict).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Demonyms and names -> country key. Small on purpose: the cases that decide disputes in conflict
# news; other phrases fall back to their head noun.
_COUNTRY_WORDS = {
    "russia": "russia", "russian": "russia", "moscow": "russia", "kremlin": "russia", "russians": "russia",
    "syria": "syria", "syrian": "syria", "damascus": "syria", "syrians": "syria", "assad": "syria",
    "iran": "iran", "iranian": "iran", "tehran": "iran", "pro-iranian": "iran", "pro-iran": "iran",
    "turkey": "turkey", "turkish": "turkey", "ankara": "turkey",
    "israel": "israel", "israeli": "israel",
    "ukraine": "ukraine", "ukrainian": "ukraine", "kyiv": "ukraine", "kiev": "ukraine",
    "u.s.": "us", "american": "us", "washington": "us", "united states": "us",
    "hezbollah": "hezbollah", "lebanese": "lebanon", "lebanon": "lebanon",
    "iraq": "iraq", "iraqi": "iraq", "kurdish": "kurds", "kurds": "kurds",
    "china": "china", "chinese": "china", "beijing": "china",
    "britain": "uk", "british": "uk", "france": "france", "french": "france",
}
_ROLE_WORDS = {
    "forces": "state-forces", "army": "state-forces", "troops": "state-forces", "military": "state-forces",
    "soldiers": "state-forces", "units": "state-forces", "regime": "state-forces", "command": "state-forces",
    "warplanes": "state-forces", "aircraft": "state-forces", "planes": "state-forces", "jets": "state-forces",
    "air": "state-forces",
    "government": "government", "president": "government", "ministry": "government", "authorities": "government",
    "officials": "government", "minister": "government", "kremlin": "government",
    "rebels": "rebels", "rebel": "rebels", "opposition": "rebels", "insurgents": "rebels", "militants": "rebels",
    "jihadists": "rebels", "islamists": "rebels", "islamist": "rebels", "hts": "rebels", "tahrir": "rebels",
    "fighters": "fighters", "militias": "militias", "militia": "militias",
    "residents": "civilians", "civilians": "civilians", "people": "civilians",
}
# Roles that can name the same party: government troops are "forces" of "the government".
_SAME_SIDE = {frozenset(("state-forces", "government")), frozenset(("rebels", "fighters")),
              frozenset(("militias", "fighters")), frozenset(("state", "state-forces")),
              frozenset(("state", "government"))}
_WORD = re.compile(r"[a-z][a-z.\-']*")
_US = re.compile(r"\bU\.?S\.?(?![a-z])")
# Roles on opposite sides of a civil war even within one country ("Syrian rebels" vs "the Syrian army").
_OPPOSING = {frozenset(("rebels", r)) for r in ("state-forces", "government", "state")}


@dataclass(frozen=True)
class ActorKey:
    """Who a phrase names, as far as the words say: country (side) and role."""

    country: str | None
    role: str | None
    head: str

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.country, self.role or self.head) if x)


@lru_cache(maxsize=65536)
def actor_key(phrase: str) -> ActorKey:
    """The comparable key of an actor phrase ("Representatives of the Syrian army" -> syria/state-forces)."""
    text = phrase.lower()
    words = _WORD.findall(text)
    country = None
    for multi in ("united states",):
        if multi in text:
            country = _COUNTRY_WORDS[multi]
    if _US.search(phrase):  # "US" in capitals; the pronoun "us" is not a country
        country = "us"
    role = None
    for word in words:
        country = country or _COUNTRY_WORDS.get(word) or _COUNTRY_WORDS.get(word.rstrip("s"))
        if word in _ROLE_WORDS:
            # The last role word is the head ("rebel fighters" -> fighters, but keep the rebel side)
            new = _ROLE_WORDS[word]
            role = role if role == "rebels" and new == "fighters" else new
    if role is None and country is not None and words and words[-1] in _COUNTRY_WORDS:
        role = "state"  # "Russia", "Iran": the state itself
    head = words[-1] if words else text
    return ActorKey(country, role, head)


def actors_compatible(a: ActorKey, b: ActorKey) -> bool:
    """Whether two actor keys could name the same party (one may be less specific)."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.role and b.role and a.role != b.role:
        pair = frozenset((a.role, b.role))
        if pair in _OPPOSING:
            return False
        # Same country: its army, government, warplanes and allied militias are one side.
        if not (a.country and a.country == b.country) and pair not in _SAME_SIDE:
            return False
    if not a.role and not b.role and not a.country and not b.country:
        return a.head == b.head or a.head.rstrip("s") == b.head.rstrip("s")
    return True


def actor_sets_conflict(a: list[str], b: list[str]) -> bool:
    """Two non-empty actor lists that share no compatible party."""
    keys_a = [actor_key(x) for x in a]
    keys_b = [actor_key(x) for x in b]
    informative = lambda k: k.country is not None or k.role is not None  # noqa: E731
    keys_a = [k for k in keys_a if informative(k)]
    keys_b = [k for k in keys_b if informative(k)]
    if not keys_a or not keys_b:
        return False
    return not any(actors_compatible(x, y) for x in keys_a for y in keys_b)


def actor_overlap(a: list[str], b: list[str]) -> bool:
    """Whether the two lists name at least one party in common."""
    keys_a = [actor_key(x) for x in a]
    keys_b = [actor_key(x) for x in b]
    return any(actors_compatible(x, y) and (x.country or x.role) and (y.country or y.role)
               for x in keys_a for y in keys_b)
