"""The side-by-side diff: each report's text cut into claim spans linked by group, conflicts marked."""

from __future__ import annotations

from typing import Any

from ...model import Article


def build_diff(document: dict[str, Any], articles: dict[str, Article], only: list[str] | None = None) -> dict[str, Any]:
    """Columns of report text segments; a segment is plain text or one claim with its group and conflicts.

    `articles` supplies the full texts (the JSON document carries offsets, not texts);
    `only`: article ids to show (default: every report of the story).
    """
    story = document["stories"][0]
    spans: dict[str, dict[tuple[int, int], dict[str, Any]]] = {}
    for group in story["claims"]:
        for mention in group["mentions"]:
            spans.setdefault(mention["article"], {}).setdefault(
                (mention["start"], mention["end"]),
                {"group": group["id"], "claim": mention["claim"], "verdict": group["verdict"],
                 "conflict": False, "explanations": [], "attribution": mention["attribution"]},
            )
        for conflict in group["conflicts"]:
            for side in (conflict["a"], conflict["b"]):
                span = spans.get(side["article"], {}).get((side["start"], side["end"]))
                if span is not None:
                    span["conflict"] = True
                    if conflict["explanation"] not in span["explanations"]:
                        span["explanations"].append(conflict["explanation"])
    shown = [a for a in story["articles"] if a in articles and (not only or a in only)]
    meta = {a["id"]: a for a in document["articles"]}
    columns = []
    for article_id in shown:
        article = articles[article_id]
        article_spans = spans.get(article_id, {})
        columns.append({
            "article": article_id,
            "source": article.source,
            "title": meta.get(article_id, {}).get("title", article.title),
            "published": article.published,
            "segments": cut_segments(article.text, article_spans),
            "attributions": {s["claim"]: s["attribution"] for s in article_spans.values() if s["attribution"]},
        })
    conflicts = [
        {"group": g["id"], "kind": c["kind"], "explanation": c["explanation"], "a": c["a"], "b": c["b"]}
        for g in story["claims"] for c in g["conflicts"]
        if (not only or c["a"]["article"] in only or c["b"]["article"] in only)
    ]
    return {"story": story["id"], "title": story["title"], "columns": columns, "conflicts": conflicts}


def cut_segments(text: str, spans: dict[tuple[int, int], dict[str, Any]]) -> list[dict[str, Any]]:
    """The text as consecutive segments; overlapping claim spans keep the one that starts first."""
    segments: list[dict[str, Any]] = []
    position = 0
    for (start, end), span in sorted(spans.items()):
        if start < position or end <= start or end > len(text):
            continue  # nested or overlapping clause of a claim already shown
        if start > position:
            segments.append({"text": text[position:start]})
        segments.append({
            "text": text[start:end], "group": span["group"], "claim": span["claim"],
            "verdict": span["verdict"], "conflict": span["conflict"], "explanations": span["explanations"],
        })
        position = end
    if position < len(text):
        segments.append({"text": text[position:]})
    return segments
