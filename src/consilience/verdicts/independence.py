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
    """How many independent origins stand behind the reports of these mentions, and the upstream names.

    Reports are merged when they rest on a common upstream origin for this claim (both cite
    Reuters) or carry near-duplicate wording of it; each remaining group of reports is one origin.
    """
    reports = list(dict.fromkeys(m.article for m in mentions))
    keys: dict[str, set[str]] = {r: set() for r in reports}
    texts: dict[str, list[set]] = {r: [] for r in reports}
    for m in mentions:
        keys[m.article].add(mention_origin(m)[0])
        texts[m.article].append(shingles(claims[m.claim].text if m.claim in claims else m.text))
    parent = {r: r for r in reports}

    def find(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            shared = keys[a] & keys[b]
            copied = any(jaccard(x, y) >= NEAR_DUPLICATE for x in texts[a] for y in texts[b])
            if shared or copied:
                parent[find(a)] = find(b)
    upstream: dict[str, str] = {}  # one display name per origin key ("The Syrian army" = "the Syrian army")
    for m in mentions:
        if m.attribution:
            first = m.attribution[0]
            upstream.setdefault(first.origin or first.source.lower(), first.source)
    return len({find(r) for r in reports}), list(upstream.values())
