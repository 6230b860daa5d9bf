"""Which way a clause points in time: the tense around a time expression, read from spaCy's parse.

TimeML resolves "Monday" or "March" against the document date in the direction of the clause:
"said Monday" is the Monday before, "will meet Monday" the one after. A past participle is not a
past tense by itself: "the closing is expected in December" and "the case is heard in May" are
present passives that look ahead, while "was killed in March" and "has fallen since June" look back.
"""

from __future__ import annotations

import re

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# "would be traveling Thursday": reported speech about what is to come. Other modals mostly report
# failed attempts in news ("could not be located Wednesday"), so they say nothing about direction.
_MODALS = {"would", "'d"}
# "is expected to report Tuesday", "is scheduled for Monday": arrangements point forward.
_FUTURE_HEADS = {"expect", "schedule", "plan", "due", "set", "slate", "intend", "aim", "hope", "going"}
# Verbs whose own date is the date of the arrangement: "a summit set for April", "planned for March".
_ARRANGED = {"expect", "schedule", "plan", "slate", "due", "set"}
_PAST_TAGS = {"VBD"}
# Words between a date and its verb that make the date a term rather than the time of the telling.
_DEADLINE_WORDS = {"payable", "effective", "until", "till", "through", "to", "by", "before"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_EARLIEST = re.compile(r"\bas (?:soon|early) as\s+$", re.IGNORECASE)


def find_clause_tense(doc, start: int, end: int, text: str | None = None) -> str | None:
    """"past", "future" or None for the clause holding the characters start..end of `doc`.

    text: `doc.text` when the caller has it (spaCy rebuilds it from every token on each access).
    """
    if _EARLIEST.search(doc.text if text is None else text, max(0, start - 16), start):
        return "future"  # "could come as early as Tuesday": a date not yet reached
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    deadline = arranged_for = False
    for _ in range(4):  # climb from the time noun to the verb that governs it
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        deadline = deadline or token.lower_ in _DEADLINE_WORDS
        arranged_for = arranged_for or token.lower_ == "for"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if arranged_for and token.lemma_ in _ARRANGED and not _has_had(token):
        return "future"  # "the judge set the sentencing for June 28": the date arranged is ahead
    # a verb in the past tense has its own tense: "will remain even after a court Thursday refused"
    governors = (token,) if token.tag_ in _PAST_TAGS else (token, token.head)
    # "had been due to expire": an adjective head ("due") carries its verb's auxiliaries one level up
    perfect_scope = governors + ((token.head.head,) if token.head.pos_ == "ADJ" else ())
    if any(_has_had(verb) for verb in perfect_scope):
        return "past"  # past perfect: "had been due to expire Friday", "had been scheduled for Monday"
    for verb in governors:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return "future"  # "will double its flights by August" is still ahead
        if verb.lemma_ in _FUTURE_HEADS and verb is not token:
            return "future"
    if deadline:
        return None  # "declared a dividend payable Dec. 7": the date is set, not told, by the verb
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if (any(a.lower_ in _MODALS for a in auxiliaries) and not any(a.lemma_ == "have" for a in auxiliaries)
            and not any(c.dep_ == "neg" for c in token.children)):
        return "future"
    if token.tag_ == "VB" and token.head.tag_ in _PRESENT_TAGS and token.head.lemma_ == "be" and any(c.lower_ == "to" for c in token.children):
        return "future"  # "is to resume trading Tuesday"
    if token.lemma_ in _ARRANGED and token.tag_ != "VBD" and auxiliaries:
        return "future"  # "is expected in December", "has scheduled a conference Thursday"
    if token.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxiliaries):
        return "past"
    if any(a.lemma_ == "have" and a.dep_ == "aux" for a in auxiliaries):
        return "past"  # present perfect: "has fallen since June", "have been searching since Oct. 23"
    if token.tag_ == "VBN":
        if any(a.dep_ == "auxpass" for a in auxiliaries) or any(a.lower_ == "to" for a in token.children):
            return None  # present passive ("is heard in May"), or "to be published"
        return "past"  # reduced relative: "the offer announced Friday"
    if token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children) and token.head.lemma_ in _FUTURE_HEADS:
        return "future"
    return None


def _has_had(verb) -> bool:
    """Whether `verb` carries a past-perfect "had"."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
