"""Scoring `claims.attribution` on PolNeAR: source, cue and content spans and whole relations.

PolNeAR (Newell et al. 2018) annotates attribution relations in BRAT standoff files: Source, Cue
and Content spans joined by an `E` relation; a Content may be discontiguous ("10 20;25 40") and is
compared here by its extent. Spans score under exact and overlap matching, each gold span matched
at most once. A relation matches when cue and content overlap and, where both sides have one, the
source overlaps too. System sources are the innermost chain link (who is credited with the content)
with pronoun resolution off, since PolNeAR marks the pronoun itself, with noun objects of
attitude verbs credited ("criticized the deal"), which PolNeAR annotates and the pipeline skips,
with frames that name no source ("it was reported that"), which PolNeAR keeps as relations, and
without frames whose cue sits inside another frame's content, since PolNeAR labels each token once,
and with the learned cue model of `claims.cue_model` (trained on the train split by
`claims.train_cues`; its second stage reads each verb's MiniLM vector in its sentence) adding the long tail of cue verbs no word list names. Articles with several annotators are scored against the first annotation file in name order. Run:

    python -m consilience.evaluate.polnear /work/shared/eval/polnear --split test
    python -m consilience.evaluate.polnear ../shared/eval/polnear --split dev --errors dev-errors.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..claims.attribution import attribute_document
from ..claims.cue_model import CueModel, load_cue_model
from ..errors import ConsilienceError

SPLITS = ("train", "dev", "test")
_RELATIONS = ("Attribution", "Attribution-no-source")
_ROLES = ("source", "cue", "content")
_CLOSING = re.compile(r"[,.?!…]*(?:”|\"|'')")


@dataclass
class Relation:
    """One attribution relation as character spans; source None when the text names none."""

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]


def read_annotations(path: Path) -> list[Relation]:
    """The attribution relations of one BRAT .ann file."""
    spans: dict[str, tuple[int, int]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, offsets = fields[1].partition(" ")
            pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
            spans[fields[0]] = (min(p[0] for p in pieces), max(p[1] for p in pieces))
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split())
            events.append(roles)
    relations = []
    for roles in events:
        kind = next((k for k in _RELATIONS if k in roles), None)
        if kind is None or "Cue" not in roles or "Content" not in roles:
            continue
        if roles["Cue"] not in spans or roles["Content"] not in spans:
            continue
        source = spans.get(roles.get("Source", ""))
        relations.append(Relation(source, spans[roles["Cue"]], spans[roles["Content"]]))
    return relations


def read_text(path: Path) -> str:
    """An article's text with "\\r\\n" kept as two characters, as the standoff offsets count them."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def predict_relations(doc, cue_model: CueModel | None = None) -> list[Relation]:
    """System relations from `attribute_document` on a parsed document, in PolNeAR's conventions."""
    text = doc.text
    relations = []
    if cue_model is not None:
        cue_model = cue_model.for_document(doc)  # a model with a context stage reads the verbs' MiniLM vectors
    for frames in attribute_document(doc, resolve_pronouns=False, attitude_objects=True, sourceless=True,
                                     cue_model=cue_model):
        for frame in frames:
            cue = (frame.cue_start, frame.cue_end) if frame.cue_start is not None else (0, 0)
            # The source that speaks at this cue: the innermost link it introduces ("officials told
            # Reuters" -> officials), not a source nested inside the content.
            # (links store "according to" in lower case, whatever the text's case)
            cue_text = text[cue[0]:cue[1]].lower()
            speaking = [a for a in frame.chain if a.cue.lower() == cue_text] or frame.chain
            inner = speaking[-1] if speaking else None
            source = (inner.start, inner.end) if inner is not None and inner.start is not None else None
            content = _polnear_content(text, frame.content_start, frame.content_end)
            relations.append(Relation(source, cue, content))
    return _univocal(relations)


def _univocal(relations: list[Relation]) -> list[Relation]:
    """Relations whose cue does not sit inside another relation's content.

    PolNeAR gives each token one label, so a cue inside a credited quotation or paragraph ('"I
    think we will win," Pence said') is never a relation of its own there.
    """
    return [r for r in relations
            if not any(o is not r and o.content[0] <= r.cue[0] < o.content[1] for o in relations)]


def _polnear_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a content span to PolNeAR's boundaries: a leading "that" and the quotation marks.

    The pipeline keeps content bare ("troops had left"); PolNeAR annotates "that troops had left"
    and '"We will stay,"' with the marks and the punctuation inside them.
    """
    head = text[max(0, start - 8):start]
    for opener in ("that “", 'that "', "that ``", "that ''", "“", '"', "``", "''", "that "):
        if head.endswith(opener):
            start -= len(opener)
            break
    tail = _CLOSING.match(text, end)
    if tail:
        end = tail.end()
    return start, end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match_spans(system: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> int:
    """How many system spans find a distinct gold span (greedy, in order)."""
    used: set[int] = set()
    matched = 0
    for span in system:
        for index, expected in enumerate(gold):
            if index in used:
                continue
            if (span == expected) if exact else _overlaps(span, expected):
                used.add(index)
                matched += 1
                break
    return matched


def _relation_matches(system: Relation, gold: Relation) -> bool:
    if not (_overlaps(system.cue, gold.cue) and _overlaps(system.content, gold.content)):
        return False
    return system.source is None or gold.source is None or _overlaps(system.source, gold.source)


def _match_relations(system: list[Relation], gold: list[Relation]) -> list[tuple[int, int]]:
    """(system index, gold index) pairs matched greedily in system order."""
    used: set[int] = set()
    pairs = []
    for position, relation in enumerate(system):
        for index, expected in enumerate(gold):
            if index not in used and _relation_matches(relation, expected):
                used.add(index)
                pairs.append((position, index))
                break
    return pairs


def relation_errors(document: str, text: str, system: list[Relation], gold: list[Relation]) -> list[dict]:
    """Missed gold and spurious system relations of one article, with their text, for error analysis."""
    pairs = _match_relations(system, gold)
    matched_system = {s for s, _ in pairs}
    matched_gold = {g for _, g in pairs}

    def shown(relation: Relation) -> dict:
        return {role: (text[slice(*span)] if (span := getattr(relation, role)) is not None else None)
                for role in _ROLES}

    errors = [{"document": document, "kind": "missed", **shown(r), "at": r.cue[0]}
              for k, r in enumerate(gold) if k not in matched_gold]
    errors += [{"document": document, "kind": "spurious", **shown(r), "at": r.cue[0]}
               for k, r in enumerate(system) if k not in matched_system]
    return sorted(errors, key=lambda e: e["at"])


def _f1(correct: int, system: int, gold: int) -> dict[str, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _documents(root: Path, split: str) -> list[tuple[Path, Path]]:
    """(text file, first annotation file) pairs of one split."""
    folder = root / "data" / split
    pairs = []
    for text in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if annotations:
            pairs.append((text, annotations[0]))
    return pairs


def evaluate_polnear(data_dir: str | Path, split: str = "test", limit: int | None = None,
                     errors: str | Path | None = None, cue_threshold: float | None = None,
                     cue_drop_below: float | None = None, learned_cues: bool = True) -> dict:
    """Span (exact, overlap) and relation precision/recall/F1 of attribution on one PolNeAR split.

    `errors` names a JSON Lines file that receives every missed and spurious relation with its text.
    `learned_cues=False` scores the word-list cues alone; `cue_threshold` and `cue_drop_below`
    override the shipped model's thresholds (for choosing them on dev).
    """
    from ..annotate.nlp import load_nlp

    if split not in SPLITS:
        raise ConsilienceError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    nlp = load_nlp()
    pairs = _documents(Path(data_dir), split)[:limit]
    cue_model = None
    if learned_cues:
        cue_model = load_cue_model()
        if cue_threshold is not None:
            cue_model = replace(cue_model, threshold=cue_threshold)
        if cue_drop_below is not None:
            cue_model = replace(cue_model, drop_below=cue_drop_below)
    started = time.perf_counter()
    texts = [read_text(text_path) for text_path, _ann in pairs]
    docs = nlp.pipe(texts, batch_size=16)
    scores = score_documents(docs, [read_annotations(ann) for _text, ann in pairs], cue_model,
                             [text.stem for text, _ann in pairs], errors)
    scores = {"split": split, **scores, "seconds": round(time.perf_counter() - started, 2)}
    return scores


def score_documents(docs, golds: list[list[Relation]], cue_model: CueModel | None = None,
                    names: list[str] | None = None, errors: str | Path | None = None) -> dict:
    """Span and relation scores of the system on parsed documents against their gold relations."""
    counts = {f"{role}_{what}": 0 for role in _ROLES for what in ("gold", "system", "exact", "overlap")}
    counts.update(relation_gold=0, relation_system=0, relation_match=0)
    missed_and_spurious: list[dict] = []
    documents = 0
    for position, (doc, gold) in enumerate(zip(docs, golds)):
        documents += 1
        text = doc.text
        system = predict_relations(doc, cue_model)
        for role in _ROLES:
            gold_spans = [getattr(r, role) for r in gold if getattr(r, role) is not None]
            system_spans = [getattr(r, role) for r in system if getattr(r, role) is not None]
            counts[f"{role}_gold"] += len(gold_spans)
            counts[f"{role}_system"] += len(system_spans)
            counts[f"{role}_exact"] += _match_spans(system_spans, gold_spans, exact=True)
            counts[f"{role}_overlap"] += _match_spans(system_spans, gold_spans, exact=False)
        counts["relation_gold"] += len(gold)
        counts["relation_system"] += len(system)
        counts["relation_match"] += len(_match_relations(system, gold))
        if errors is not None:
            name = names[position] if names is not None else str(position)
            missed_and_spurious += relation_errors(name, text, system, gold)
    if errors is not None:
        Path(errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in missed_and_spurious),
                                encoding="utf-8")
    scores: dict = {"documents": documents}
    for role in _ROLES:
        system, gold = counts[f"{role}_system"], counts[f"{role}_gold"]
        scores[role] = {
            "gold": gold,
            "system": system,
            "exact": _f1(counts[f"{role}_exact"], system, gold),
            "overlap": _f1(counts[f"{role}_overlap"], system, gold),
        }
    scores["relation"] = {
        "gold": counts["relation_gold"],
        "system": counts["relation_system"],
        **_f1(counts["relation_match"], counts["relation_system"], counts["relation_gold"]),
    }
    return scores


def main(argv: list[str] | None = None) -> None:
    """Print the scores of one split as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--errors", default=None, help="write missed and spurious relations to this JSONL file")
    parser.add_argument("--cue-threshold", type=float, default=None,
                        help="probability from which the cue model adds a verb (default: shipped with the weights)")
    parser.add_argument("--cue-drop-below", type=float, default=None,
                        help="probability under which a listed verb is dropped (default: shipped with the weights)")
    parser.add_argument("--no-learned-cues", action="store_true", help="score the word-list cues alone")
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_polnear(args.data_dir, args.split, args.limit, args.errors, args.cue_threshold,
                                      args.cue_drop_below, not args.no_learned_cues), indent=2))


if __name__ == "__main__":
    main()
