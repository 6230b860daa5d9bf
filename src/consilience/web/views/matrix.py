"""The claim x source matrix: for each claim group, whether each report states, contradicts or omits it."""

from __future__ import annotations

from collections import Counter
from typing import Any

MentionKey = tuple[str, str]  # (article id, claim id)


def find_contradicting(group: dict[str, Any]) -> set[MentionKey]:
    """Mentions that contradict the rest of their group.

    A conflict only says two mentions disagree, not which one is the odd one out. Taking the
    mention with the most conflicts first (ties: the later mention, as the earlier one usually
    supplied the summary) and dropping its conflicts until none remain marks the fewest
    mentions as contradicting: the dissenting versions rather than the consensus.
    """
    order = {(m["article"], m["claim"]): i for i, m in enumerate(group["mentions"])}
    edges = [((c["a"]["article"], c["a"]["claim"]), (c["b"]["article"], c["b"]["claim"])) for c in group["conflicts"]]
    edges = [e for e in edges if e[0] != e[1]]
    chosen: set[MentionKey] = set()
    while edges:
        degree = Counter(k for e in edges for k in e)
        worst = max(degree, key=lambda k: (degree[k], order.get(k, -1)))
        chosen.add(worst)
        edges = [e for e in edges if worst not in e]
    return chosen


def build_matrix(document: dict[str, Any], verdict: str | None = None, kind: str | None = None,
                 offset: int = 0, limit: int | None = None) -> dict[str, Any]:
    """Rows = claim groups, columns = the story's reports, cells = states | contradicts | silent.

    verdict/kind keep the groups of that verdict / with a conflict of that kind; offset/limit keep
    one page of those rows. Cells are built for the kept rows only: a 200-report story has 200
    cells per row, and building every row to show 25 of them cost most of the page's time.
    """
    story = document["stories"][0]
    articles = {a["id"]: a for a in document["articles"]}
    columns = [
        {"article": a, "source": articles[a]["source"], "title": articles[a]["title"],
         "published": articles[a]["published"]}
        for a in story["articles"] if a in articles
    ]
    groups = select_groups(document, verdict, kind)
    end = None if limit is None else offset + limit
    rows = [build_row(group, columns) for group in groups[offset:end]]
    return {"story": story["id"], "title": story["title"], "columns": columns, "rows": rows,
            "total_rows": len(groups)}


def select_groups(document: dict[str, Any], verdict: str | None = None, kind: str | None = None) -> list[dict]:
    """The story's claim groups of this verdict and/or with a conflict of this kind, in story order."""
    return [g for g in document["stories"][0]["claims"] if (not verdict or g["verdict"] == verdict)
            and (not kind or any(c["kind"] == kind for c in g["conflicts"]))]


def list_conflict_kinds(document: dict[str, Any]) -> list[str]:
    """Every conflict kind in the story, for the kind filter."""
    return sorted({c["kind"] for g in document["stories"][0]["claims"] for c in g["conflicts"]})


def build_row(group: dict[str, Any], columns: list[dict[str, Any]]) -> dict[str, Any]:
    """One claim group's row: its verdict, lineage and conflicts, and one cell per report."""
    contradicting = find_contradicting(group)
    # Indexed once per group: scanning every mention for every column is quadratic in a big story.
    by_article: dict[str, list[dict[str, Any]]] = {}
    for mention in group["mentions"]:
        by_article.setdefault(mention["article"], []).append(mention)
    cells = []
    for column in columns:
        mentions = by_article.get(column["article"], [])
        if not mentions:
            state = "silent"
        elif any((m["article"], m["claim"]) in contradicting for m in mentions):
            state = "contradicts"
        else:
            state = "states"
        cells.append({
            "article": column["article"],
            "state": state,
            "claims": [m["claim"] for m in mentions],
            "text": mentions[0]["text"] if mentions else None,
        })
    return {
        "group": group["id"],
        "summary": group["summary"],
        "verdict": group["verdict"],
        "event_type": group["event_type"],
        "independent_origins": group["independent_origins"],
        "lineage": group["lineage"],
        "conflict_kinds": sorted({c["kind"] for c in group["conflicts"]}),
        "explanations": list(dict.fromkeys(c["explanation"] for c in group["conflicts"])),
        "cells": cells,
    }
