"""The actor graph of a story: who supports, attacks or seizes whom, by which reports, and disputed edges."""

from __future__ import annotations

import re
from typing import Any

from .matrix import find_contradicting

# Claim event types drawn as edges: who supports, attacks, takes from, belongs to or was formerly whom.
RELATIONS = ("SUPPORT", "ASSAULT", "SEIZE", "COERCE", "THREATEN", "RETREAT", "BELONG", "FORMERLY")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def name_node(text: str) -> str:
    """The node key of an actor as written: lower case, leading article dropped."""
    return _ARTICLE.sub("", text.strip()).lower()


def build_graph(document: dict[str, Any]) -> dict[str, Any]:
    """Nodes and typed edges from the claims' actors and targets.

    An edge is disputed when the mention asserting it is in a conflict of its group, so the
    reader sees which relations the reports disagree on.
    """
    story = document["stories"][0]
    labels: dict[str, str] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for group in story["claims"]:
        in_conflict = {(c[s]["article"], c[s]["claim"]) for c in group["conflicts"] for s in ("a", "b")}
        in_conflict |= find_contradicting(group)
        for mention in group["mentions"]:
            facts = mention["facts"]
            relation = (facts or {}).get("event_type") or group["event_type"]
            if not facts or relation not in RELATIONS:
                continue
            for actor in facts["actors"]:
                for target in facts["targets"]:
                    a, t = name_node(actor), name_node(target)
                    if not a or not t or a == t:
                        continue
                    labels.setdefault(a, actor)
                    labels.setdefault(t, target)
                    edge = edges.setdefault((a, t, relation), {
                        "source": a, "target": t, "relation": relation,
                        "reports": [], "groups": [], "disputed": False, "texts": [],
                    })
                    if mention["source"] not in edge["reports"]:
                        edge["reports"].append(mention["source"])
                    if group["id"] not in edge["groups"]:
                        edge["groups"].append(group["id"])
                    if mention["text"] not in edge["texts"]:
                        edge["texts"].append(mention["text"])
                    if (mention["article"], mention["claim"]) in in_conflict:
                        edge["disputed"] = True
    nodes = [{"id": key, "label": label} for key, label in sorted(labels.items())]
    ordered = sorted(edges.values(), key=lambda e: (e["relation"], e["source"], e["target"]))
    return {"story": story["id"], "title": story["title"], "nodes": nodes, "edges": ordered}
