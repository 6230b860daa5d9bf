"""Counting independent origins behind a claim: origins, not reports (verdicts stage).

Two outlets rewriting one Reuters wire are one origin. A mention's origin is the first upstream
source its report cites for it (the outermost link of the attribution chain), or the report's
outlet when it speaks on its own authority. Near-duplicate wording across reports (syndicated or
lightly rewritten copy, word 3-shingle Jaccard) also merges origins.
"""

from __future__ import annotations

import re

from ..model import Claim, Mention

NEAR_DUPLICATE = 0.6  # shingle Jaccard above which two mentions are treated as one copy
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def mention_origin(mention: Mention) -> tuple[str, str]:
    """(key, display name) of the upstream origin a mention rests on."""
    if mention.attribution:
        first = mention.attribution[0]
        if first.kind in ("wire", "broadcaster", "outlet"):
            return first.origin, first.source
        # A named official or body quoted directly by the report: the body is the origin.
        return first.origin, first.source
    outlet = mention.source or mention.article
    return "outlet:" + outlet.lower(), outlet


def lineage(mention: Mention) -> list[str]:
    """report outlet -> cited source -> its source ..."""
    return [mention.source or mention.article, *(link.source for link in mention.attribution)]


def independent_origins(mentions: list[Mention], claims: dict[str, Claim]) -> tuple[int, list[str]]:
    """The number of independent origins behind the mentions and the upstream names they cite."""
    keys = [mention_origin(m)[0] for m in mentions]
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    texts = [shingles(claims[m.claim].text if m.claim in claims else m.text) for m in mentions]
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            same_key = keys[i] == keys[j]
            copied = mentions[i].article != mentions[j].article and jaccard(texts[i], texts[j]) >= NEAR_DUPLICATE
            if same_key or copied:
                parent[find(i)] = find(j)
    count = len({find(i) for i in range(len(mentions))})
    upstream = []
    for m in mentions:
        if m.attribution:
            name = m.attribution[0].source
            if name not in upstream:
                upstream.append(name)
    return count, upstream
