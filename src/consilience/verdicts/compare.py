"""Typed comparison of two aligned claims: agree, or conflict of a named kind (verdicts stage).

A similarity score cannot tell "Russian troops announced" from "the army announced"; the facts
the claims carry can. Checks run in a fixed order and the first that fires names the conflict:
polarity, actor, number, date, place, attribution, then the day of the statement. Less specific or
hedged versions of the same fact ("backed by Russia" vs "backed by Russia and Iran") are compatible,
not conflicts; so are dates that overlap ("on May 3" vs "that week").

Place is checked for one kind of happening: one specific event type, or the same verb outside the
event ontology ("misspoke at the Norwalk event" vs "misspoke at an event in Norfolk"). The day of
the statement comes from the sentence around the claim (setting.py): the same speaker's words said
"on Monday" in one report and "in an interview Tuesday" in another are a date conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotate.quantities import intervals_compatible, quantity_values
from ..model import Claim, Place, Quantity, TimeMention
from .actors import actor_key, actor_sets_conflict
from .setting import Setting, intervals_disjoint, intervals_overlap, time_interval

# Speech acts and statives carry no action of their own to contradict.
_NO_ROLE_EVENTS = {"STATEMENT", "LOCATE", None}
# Territorial events as who holds the place afterwards: (whose role, holds?)
_CONTROL = {"SEIZE": ("actors", True), "RETREAT": ("actors", False), "EXPEL": ("targets", False)}
# Verbs too light to say what happened ("he had a chance", "it did").
LIGHT_VERBS = {"be", "have", "do", "get", "make", "go", "come", "see", "want", "need", "use", "include", "give"}
# Speakers whose disagreement is an attribution conflict; media outlets citing each other are not.
_SPEAKER_KINDS = {"official", "military", "intelligence"}
# How an explanation names the happening of each event type.
_HAPPENING = {"SEIZE": "the capture", "RETREAT": "the withdrawal", "EXPEL": "the expulsion", "ASSAULT": "the attack",
              "SUPPORT": "the support", "MOVE": "the movement", "RELEASE": "the release", "DETAIN": "the detention",
              "APPOINT": "the appointment", "AGREE": "the agreement", "REJECT": "the rejection",
              "ACCUSE": "the accusation", "THREATEN": "the threat"}


@dataclass
class Finding:
    """The outcome of comparing two claims: a conflict kind (or None) and why."""

    kind: str | None
    explanation: str
    values: tuple[str, str] | None = None


def compare_claims(a: Claim, b: Claim, setting_a: Setting | None = None, setting_b: Setting | None = None) -> Finding:
    """Whether claims a and b (already aligned) conflict, and how.

    setting_a, setting_b: what each claim's sentence says around it (setting.settle_claims); when
    given, the days on which the same speaker is said to have made the statement are compared too.
    """
    for check in (_polarity, _actor, _number, _period):
        finding = check(a, b)
        if finding is not None:
            return finding
    if not _different_happenings(a, b):
        finding = _date(_content_times(a, setting_a), _content_times(b, setting_b))
        if finding is not None:
            return finding
    for check in (_place, _attribution):
        finding = check(a, b)
        if finding is not None:
            return finding
    if setting_a is not None and setting_b is not None:
        finding = _statement_date(a, b, setting_a, setting_b)
        if finding is not None:
            return finding
    return Finding(None, "The reports agree or one is less specific.")


def _same_happening(a: Claim, b: Claim) -> bool:
    """Whether two aligned claims report one kind of happening: one specific event type, or one verb."""
    if a.event_type is None and b.event_type is None:
        # Untyped verbs ("misspoke", "graduated") still name one happening when the verb is the same.
        return bool(a.action) and a.action == b.action and a.action not in LIGHT_VERBS
    return a.event_type == b.event_type and a.event_type not in _NO_ROLE_EVENTS


def _different_happenings(a: Claim, b: Claim) -> bool:
    """Whether the claims name two different happenings ("sent a bill Monday" / "will return Tuesday").

    Each is known by its event type, else by its verb; two known and different ones can fall on
    different days without contradicting each other.
    """
    key_a = a.event_type or (a.action and f"verb:{a.action}")
    key_b = b.event_type or (b.action and f"verb:{b.action}")
    return bool(key_a and key_b and key_a != key_b)


def _who(claim: Claim) -> list[str]:
    return claim.actors or [x.source for x in claim.attribution[-1:]]


def _control(claim: Claim) -> tuple[list[str], bool] | None:
    if claim.event_type not in _CONTROL:
        return None
    role, holds = _CONTROL[claim.event_type]
    parties = claim.actors if role == "actors" else claim.targets
    if claim.polarity == "negative":
        holds = not holds
    return (parties, holds) if parties else None


def _place_name(claim: Claim) -> str | None:
    return next((p.text for p in claim.places if p.place is not None), None)


_CONDITIONAL = re.compile(r"\b(would|could|might)\b", re.IGNORECASE)


def _polarity(a: Claim, b: Claim) -> Finding | None:
    if _CONDITIONAL.search(a.text) or _CONDITIONAL.search(b.text):
        return None  # "would push back" states a possibility, which nothing contradicts
    ca, cb = _control(a), _control(b)
    if ca and cb and ca[1] != cb[1] and not actor_sets_conflict(ca[0], cb[0]):
        gains, loses = (ca, cb) if ca[1] else (cb, ca)
        place = _place_name(a) or _place_name(b) or "the place"
        return Finding("polarity", f"One account has {gains[0][0]} taking or holding {place}; the other has "
                       f"{loses[0][0]} leaving, losing or never entering it.",
                       (f"{ca[0][0]}: {'in control' if ca[1] else 'not in control'}",
                        f"{cb[0][0]}: {'in control' if cb[1] else 'not in control'}"))
    if a.event_type == b.event_type and a.event_type not in _NO_ROLE_EVENTS and a.polarity != b.polarity \
            and not actor_sets_conflict(_who(a), _who(b)):
        what = _HAPPENING.get(a.event_type or "", f"'{a.action}'")
        return Finding("polarity", f"One account affirms {what} and the other denies it.", (a.polarity, b.polarity))
    return None


def _actor(a: Claim, b: Claim) -> Finding | None:
    if a.event_type != b.event_type or a.event_type in ("STATEMENT", "LOCATE"):
        return None
    if a.event_type is None and a.action != b.action:
        return None
    if actor_sets_conflict(_who(a), _who(b)):
        ka, kb = ", ".join(_who(a)), ", ".join(_who(b))
        what = _HAPPENING.get(a.event_type or "", f"who did '{a.action}'")
        return Finding("actor", f"The accounts credit {what} to different actors: {ka} vs {kb}.", (ka, kb))
    if a.event_type == "SUPPORT" and actor_sets_conflict(a.targets, b.targets):
        ta, tb = ", ".join(a.targets), ", ".join(b.targets)
        return Finding("actor", f"The accounts disagree on who receives the support of {', '.join(_who(a)) or 'the backers'}: "
                       f"{ta} vs {tb}.", (ta, tb))
    return None


def _comparable(qa: Quantity, qb: Quantity, a: Claim | None = None, b: Claim | None = None) -> bool:
    ua, ub = _unit(qa, a), _unit(qb, b)
    return bool(ua) and ua == ub


_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}


def _unit(q: Quantity, claim: Claim | None) -> str:
    """The figure's unit; a currency sign written before it wins ("$5,587.75 vacation" counts dollars)."""
    if claim is not None:
        start = q.start - claim.start
        sign = claim.text[start - 1:start] if 0 < start <= len(claim.text) else ""
        if q.text[:1] in _CURRENCY or sign in _CURRENCY:
            return _CURRENCY[q.text[:1] if q.text[:1] in _CURRENCY else sign]
    return (q.unit or "").lower().rstrip("s")


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_CLAUSE_EDGE = re.compile(r"[,;:()]|\s(?:while|but)\s|\s--\s|\s—\s")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ROLE_STOP = frozenset("a an the of in on at to for by from with and or is was were are be been has have had "
                       "than more less about nearly some at least only have has had as it its it's that this "
                       "there there's their his her which who what including include includes like such "
                       "among those these".split())
_ROLE_WINDOW = 3  # words on each side of a figure that say what it counts


def _role(claim: Claim, q: Quantity) -> frozenset[str]:
    """The words around a figure inside its clause: what the number counts ("at Best Buy", "of promised benefits")."""
    start, end = q.start - claim.start, q.end - claim.start
    if claim.text[max(start, 0):max(end, 0)] != q.text or start < 0:
        return frozenset()  # offsets that do not point at the figure: no evidence of its role
    before, after = claim.text[:start], claim.text[end:]
    before = _CLAUSE_EDGE.split(before)[-1]
    after = _CLAUSE_EDGE.split(after)[0]
    # The unit compared (_unit) is no role word; a noun read as the unit behind a currency sign
    # ("$4,600 fedora") is what the money bought, so it stays.
    unit = _unit(q, claim)
    def content(text: str) -> list[str]:
        words = (t.lower().replace("’", "'") for t in _TOKEN.findall(text))
        return [_stem(w) for w in words if w not in _ROLE_STOP and w.rstrip("s") != unit]

    return frozenset(content(before)[-_ROLE_WINDOW:] + content(after)[:_ROLE_WINDOW])


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def _stem(word: str) -> str:
    """A crude stem, so one role reads alike in both reports ("the estimated cost" / "estimated it as costing")."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _same_role(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Whether two figures may count the same thing: the words around them overlap, or one side has none."""
    ra, rb = _role(a, qa), _role(b, qb)
    if not ra or not rb:
        return True
    return len(ra & rb) / min(len(ra), len(rb)) >= 0.5


def count_same_thing(a: Claim, b: Claim) -> bool:
    """Whether the claims give a figure for the same thing: same unit, and words around it agree;
    or the same specific figure, whatever the words around it.

    Odds count one thing whatever follows them ("a 1 in 3 chance" / "a two-in-three chance").
    """
    if any(_in_odds(a, q) for q in a.quantities) and any(_in_odds(b, q) for q in b.quantities):
        return True
    return any(_comparable(qa, qb, a, b) and (_same_specific_figure(qa, qb) or (
        _role(a, qa) and _role(b, qb) and _same_role(a, qa, b, qb)))
        for qa in a.quantities for qb in b.quantities)


def _same_specific_figure(qa: Quantity, qb: Quantity) -> bool:
    """One exact figure of a thousand or more in both claims ("$4 billion" / "$4 billion"): two
    reports of one story rarely give the same such figure for two different things."""
    return qa.low is not None and qa.low == qa.high == qb.low == qb.high and abs(qa.low) >= 1000


def _time_frame(claim: Claim) -> set[str]:
    """Years a claim names ("in fiscal 2010", "by 2085"): figures of different years do not conflict.

    Only years written out count: "on Wednesday" dates the reporting, not what the figure measures.
    """
    return set(_YEAR.findall(claim.text))


_ODDS = re.compile(r"^\s*(?:-|\s)?(?:in|out of)(?:-|\s)", re.IGNORECASE)


def _in_odds(claim: Claim, q: Quantity) -> bool:
    """Whether a figure opens odds ("one-in-three", "2 out of 3"): 1-in-3 of losing is 2-in-3 of winning."""
    end = q.end - claim.start
    return 0 <= end <= len(claim.text) and bool(_ODDS.match(claim.text[end:end + 8]))


def _number(a: Claim, b: Claim) -> Finding | None:
    frame_a, frame_b = _time_frame(a), _time_frame(b)
    if frame_a and frame_b and not frame_a & frame_b:
        return None
    if bool(_CONDITIONAL.search(a.text)) != bool(_CONDITIONAL.search(b.text)):
        # "his plan would cut Medicare by $800 billion" / "Obama has cut $716 billion": a projection
        # and a done deed measure two things; two projections (or two facts) can conflict.
        return None
    for qa in a.quantities:
        if _in_odds(a, qa):
            continue
        same = [qb for qb in b.quantities if _comparable(qa, qb, a, b) and _same_role(a, qa, b, qb)
                and not _in_odds(b, qb)]
        # "two-in-three" vs "2 in 3": a figure the other claim also gives (unit or not) is no conflict.
        if same and not any(intervals_compatible(qa, qb) or _rounded_match(qa, qb) for qb in b.quantities):
            qb = same[0]
            va, vb = quantity_values(qa), quantity_values(qb)
            return Finding("number", f"The reports give incompatible figures: '{qa.text}' ({va}) vs "
                           f"'{qb.text}' ({vb}).", (va, vb))
    return None


_PERIOD = re.compile(r"\b(?:from|between)\s+((?:1[89]|20)\d\d)\s+(?:to|and|until|through)\s+((?:1[89]|20)\d\d)\b"
                     r"|\b((?:1[89]|20)\d\d)\s?[-–]\s?((?:1[89]|20)\d\d)\b")


def _periods(claim: Claim) -> list[tuple[int, int]]:
    """The spans of years a claim writes out ("from 1967 to 1979", "1967-1979")."""
    found = ((m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _PERIOD.finditer(claim.text))
    return [(int(x), int(y)) for x, y in found if int(x) <= int(y)]


def _period(a: Claim, b: Claim) -> Finding | None:
    """One span of years each that overlap but do not match: two versions of one tenure or term.

    "served from 1967 to 1979" / "held the seat from 1966 to 1978". Spans that do not overlap at all
    are taken as two different periods (two terms, a war and its aftermath), not a conflict.
    """
    pa, pb = _periods(a), _periods(b)
    if len(pa) != 1 or len(pb) != 1 or pa == pb:
        return None
    (a0, a1), (b0, b1) = pa[0], pb[0]
    if a1 < b0 or b1 < a0:
        return None
    va, vb = f"{a0}-{a1}", f"{b0}-{b1}"
    return Finding("date", f"The reports give different periods: {va} vs {vb}.", (va, vb))


def _rounding(value: float) -> float:
    """How far a round figure may be from the exact one it stands for: half its last non-zero place.

    Only figures of a thousand or more written with two or more trailing zeros count ("$43,000",
    "$1.1 million"); "50 people" or "210 km" are taken as exact.
    """
    if abs(value) < 1000 or not float(value).is_integer():
        return 0.0
    place = 1
    while value % (place * 10) == 0:
        place *= 10
    return place / 2 if place >= 100 else 0.0


def _rounded_match(qa: Quantity, qb: Quantity) -> bool:
    """Whether one figure is a rounded version of the other ("a $43,000 Rolex" / "a $43,350 Rolex")."""
    for rounded, exact in ((qa, qb), (qb, qa)):
        if rounded.low is None or rounded.low != rounded.high or exact.low is None:
            continue
        tolerance = _rounding(rounded.low)
        ends = [v for v in (exact.low, exact.high) if v is not None]
        if tolerance and all(abs(v - rounded.low) < tolerance for v in ends):
            return True
    return False


def _content_times(claim: Claim, setting: Setting | None) -> list[TimeMention]:
    """The claim's times minus those that date the statement ("in an interview Tuesday")."""
    said = {(t.start, t.end) for t in setting.statement_times} if setting else set()
    return [t for t in claim.times if (t.start, t.end) not in said]


# Words that make a date expression a date; "over 21" normalised to the 21st of the month is an age.
_DATE_WORDS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                         r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b"
                         r"|\b(?:today|yesterday|tomorrow|tonight|week|weekend|month)\b|\d{1,2}/\d{1,2}|\d{4}-\d{2}",
                         re.IGNORECASE)


def _dated(times) -> dict[str, tuple]:
    """TIMEX3 values of day, week or month resolution with the days they cover (date words only)."""
    return {t.value: span for t in times if t.type == "DATE" and _DATE_WORDS.search(t.text)
            and (span := time_interval(t.value, t.text)) is not None}


def _date(times_a: list[TimeMention], times_b: list[TimeMention]) -> Finding | None:
    # Only days are compared for what happened: a month in a claim is often the time frame of a
    # forecast ("lose the House in November"), not the day of the happening, and is less specific.
    da = {v: span for v, span in _dated(times_a).items() if span[0] == span[1]}
    db = {v: span for v, span in _dated(times_b).items() if span[0] == span[1]}
    if len(da) > 1 or len(db) > 1:
        # "released on Wednesday the e-mails about the Sept. 11 attack": with two days in one claim,
        # nothing says which of them dates the happening the other claim dates.
        return None
    if intervals_disjoint(list(da.values()), list(db.values())):
        va, vb = min(da), min(db)
        return Finding("date", f"The reports date it differently: {va} vs {vb}.", (va, vb))
    return None


_TITLES = frozenset("the mr mrs ms dr sen rep gov president speaker house senate minister secretary".split())


def _name_words(source: str) -> set[str]:
    """Capitalised words of a source phrase that name it ("Speaker John A. Boehner" -> john, boehner)."""
    return {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", source)} - _TITLES


def same_speaker(a: Claim, b: Claim) -> bool:
    """Whether both claims are credited to one named source: their innermost sources share a name word."""
    return bool(a.attribution and b.attribution
                and _name_words(a.attribution[-1].source) & _name_words(b.attribution[-1].source))


def _statement_date(a: Claim, b: Claim, setting_a: Setting, setting_b: Setting) -> Finding | None:
    """The same speaker's statement dated on different days ("said on Monday" vs "in an interview Tuesday")."""
    if not same_speaker(a, b):
        return None
    da, db = _dated(setting_a.statement_times), _dated(setting_b.statement_times)
    if not intervals_disjoint(list(da.values()), list(db.values())):
        return None
    # "Santorum said Sunday he meant something else when he referred to X over the weekend": a
    # claim that dates the other's statement in its content reports that statement, not its own.
    content_a, content_b = _dated(_content_times(a, setting_a)), _dated(_content_times(b, setting_b))
    if intervals_overlap(list(content_a.values()), list(db.values())) or \
            intervals_overlap(list(content_b.values()), list(da.values())):
        return None
    va, vb = min(da), min(db)
    return Finding("date", f"The reports date the statement differently: {va} vs {vb}.", (va, vb))


def _cities(claim: Claim, other: Claim) -> dict[int, Place]:
    """The resolved cities a claim names and the other claim does not write.

    A dateline ("WASHINGTON --") says where the reporter is. A name both claims write ("the White
    House", "Rick Perry" read as a town) is where they agree, however the gazetteer resolved it.
    """
    return {p.place.geonameid: p.place for p in claim.places
            if p.place and p.place.feature == "city" and p.place.geonameid and not p.text.isupper()
            and p.text.lower() not in other.text.lower()}


def _place(a: Claim, b: Claim) -> Finding | None:
    pa, pb = _cities(a, b), _cities(b, a)
    if pa and pb and not set(pa) & set(pb) and _same_happening(a, b):
        na = ", ".join(p.name for p in pa.values())
        nb = ", ".join(p.name for p in pb.values())
        return Finding("place", f"The reports place it in different places: {na} vs {nb}.", (na, nb))
    return None


def _speaker(claim: Claim) -> str | None:
    inner = claim.attribution[-1] if claim.attribution else None
    return inner.origin if inner and inner.kind in _SPEAKER_KINDS else None


def _attribution(a: Claim, b: Claim) -> Finding | None:
    if a.event_type != b.event_type or a.event_type is None:
        return None
    sa, sb = _speaker(a), _speaker(b)
    if sa and sb and sa != sb and actor_key(sa) != actor_key(sb) and actor_sets_conflict([sa], [sb]):
        return Finding("attribution", f"The same content is credited to different sources: {sa} vs {sb}.", (sa, sb))
    return None
