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
# "hurt", "cut", "set": the past form is the present form, so a VBP tag says nothing about tense
_PAST_LIKE_PRESENT = {"hurt", "cut", "hit", "put", "set", "let", "cost", "spread", "quit", "beat", "shut", "bet", "cast",
                      "burst", "split", "upset", "bid", "broadcast", "forecast", "read", "shed", "slit", "thrust"}
_REPORTING = {"say", "tell", "report", "announce", "add", "note", "state", "claim", "be"}
# Deadline words that end a term ("until Tuesday", "by Monday"), and what makes a "by" term lie ahead:
# an infinitive or modal ("to pay by Monday", "must pay by Monday").
_TERM_WORDS = {"until", "till", "through", "by", "to"}
_OBLIGATION = {"to", "must", "should", "need", "has", "have", "will", "would", "can", "could", "may", "might", "shall"}
# Verbs that move a term: "postponed until Tuesday", "gave them until Monday" name a day still ahead.
_TERM_SETTERS = {"postpone", "delay", "defer", "adjourn", "extend", "give", "suspend", "recess", "put"}
_EARLIEST = re.compile(r"\bas (?:soon|early) as\s+$", re.IGNORECASE)
# "campaigning ahead of Thursday's debate": unless the clause is told in the past, the day is still to come
_AHEAD_OF = re.compile(r"\b(?:ahead|in advance) of\s+$", re.IGNORECASE)


def find_clause_tense(doc, start: int, end: int, text: str | None = None) -> str | None:
    """"past", "future", "present" or None for the clause holding the characters start..end of `doc`.

    A date "ahead of" which something happens lies ahead unless the clause is told in the past.
    """
    direction = _read_clause_tense(doc, start, end, text)
    if direction != "past" and _AHEAD_OF.search(doc.text if text is None else text, max(0, start - 20), start):
        return "future"
    return direction


def _read_clause_tense(doc, start: int, end: int, text: str | None = None) -> str | None:
    """The tense reading of `find_clause_tense`, before the "ahead of" rule.

    "present" is a plain present verb that the date modifies directly ("the trial resumes Monday"):
    news names a weekday ahead that way (HeidelTime's PRESENTFUTURE); months and seasons ignore it.

    text: `doc.text` when the caller has it (spaCy rebuilds it from every token on each access).
    """
    if _EARLIEST.search(doc.text if text is None else text, max(0, start - 16), start):
        return "future"  # "could come as early as Tuesday": a date not yet reached
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    deadline = arranged_for = False
    term = None  # the word that makes the date a term: "until", "by", "to"
    through_noun = False
    for _ in range(4):  # climb from the time noun to the verb that governs it
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        # "follows Tuesday's declaration", "as of Monday": the date dates a noun or bounds a state, not the event
        through_noun = through_noun or token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADP" and token.lower_ != "on")
        deadline = deadline or token.lower_ in _DEADLINE_WORDS
        arranged_for = arranged_for or token.lower_ == "for"
        term = term or (token.lower_ if token.lower_ in _TERM_WORDS else None)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if token.dep_ == "ccomp" and token.head.i < span.start and _clause_start(token, span) >= span.end:
        # "said on Tuesday it would cut": the parser hangs the date on the reported verb, but a date
        # before the reported clause begins belongs to the telling
        token = token.head
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
        # compare positions: spaCy makes a new Token on every access, so `verb is not token` is always true;
        # the governing verb itself counts only when not past ("plans a rally Tuesday", not "planned")
        if verb.lemma_ in _FUTURE_HEADS and (verb.i != token.i or token.tag_ not in ("VBD", "VBN")):
            return "future"
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if deadline:
        # "declared a dividend payable Dec. 7": a past verb sets the date without telling it; "has until
        # Monday", "would stay closed until Tuesday": from the present a term lies ahead
        return "future" if _term_ahead(token, term, auxiliaries) else None
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
    if _plain_present(token) and not auxiliaries and not through_noun:
        return "present"  # "Arafat and Netanyahu meet Monday": news present names a day ahead (HeidelTime)
    return None


def _term_ahead(verb, word: str | None, auxiliaries) -> bool:
    """Whether the term that `word` ("until", "by", ...) sets under `verb` lies ahead of the telling.

    "postponed until (to) Monday", "has until Monday", "would stay shut until Tuesday", "must pay by
    Friday" look ahead; "remained closed until Tuesday" and "declared a dividend payable Dec. 7" do not.
    """
    if word is None:
        return False
    if verb.lemma_ in _TERM_SETTERS:
        return True
    told_before = verb.tag_ in _PAST_TAGS or verb.tag_ == "VBN" or any(
        a.tag_ in _PAST_TAGS or a.lemma_ == "have" for a in auxiliaries)
    if word in ("until", "till", "through"):
        return not told_before
    return word == "by" and not told_before and (verb.tag_ in _PRESENT_TAGS or any(a.lower_ in _OBLIGATION for a in auxiliaries))


def _clause_start(verb, span) -> int:
    """Where the clause of `verb` begins when the branch holding `span` is left out."""
    branches = [child.left_edge.i for child in verb.children if not (child.left_edge.i <= span.root.i <= child.right_edge.i)]
    return min([verb.i, *branches])


def _plain_present(verb) -> bool:
    """A present-tense verb that is not a reporting verb; "fell" tagged VBP is a past form the tagger misread."""
    if verb.lemma_ in _REPORTING:
        return False
    if verb.tag_ == "VBP":
        return verb.lower_ == verb.lemma_ and verb.lower_ not in _PAST_LIKE_PRESENT
    return verb.tag_ == "VBZ" and verb.lower_.startswith(verb.lemma_[:-1])


def _has_had(verb) -> bool:
    """Whether `verb` carries a past-perfect "had"."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
