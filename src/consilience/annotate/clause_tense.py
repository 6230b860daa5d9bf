"""Which way a clause points in time: the tense around a time expression, read from spaCy's parse.

TimeML resolves "Monday" or "March" against the document date in the direction of the clause:
"said Monday" is the Monday before, "will meet Monday" the one after.
"""

from __future__ import annotations

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# "is expected to report Tuesday", "is scheduled for Monday": arrangements point forward.
_FUTURE_HEADS = {"expect", "schedule", "plan", "due", "set", "slate", "intend", "aim", "hope", "going"}


def find_clause_tense(doc, start: int, end: int) -> str | None:
    """"past", "future" or None for the clause holding the characters start..end of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(4):  # climb from the time noun to the verb that governs it
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for verb in (token, token.head):
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return "future"
        if verb.lemma_ in _FUTURE_HEADS and verb is not token:
            return "future"
    if token.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in token.children):
        return "past"
    if token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children) and token.head.lemma_ in _FUTURE_HEADS:
        return "future"
    return None
