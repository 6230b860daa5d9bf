"""A small event ontology for claim actions, aligned with PLOVER's event classes.

PLOVER (Halterman et al. 2023, the successor of CAMEO) names what happened between actors;
we keep the classes a cross-check needs and map verb lemmas onto them so that "captured",
"seized" and "took control" match even when the words differ. See docs/events.md.
"""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    # Taking a place or a thing by force.
    "SEIZE": ("capture", "seize", "take", "enter", "storm", "overrun", "occupy", "conquer",
              "recapture", "retake", "fall", "push", "break"),
    # Leaving a place, giving up a position.
    "RETREAT": ("withdraw", "leave", "retreat", "pull", "evacuate", "redeploy", "abandon", "flee", "quit",
                "exit", "vacate", "drive"),
    # Attacks and their results.
    "ASSAULT": ("attack", "strike", "shell", "bomb", "kill", "fire", "shoot", "launch", "assault", "raid",
                "hit", "target", "destroy", "wound", "injure", "clash", "fight", "die"),
    # Material or political support.
    "SUPPORT": ("support", "back", "aid", "arm", "fund", "help", "assist", "rely", "defend", "ally", "supply",
                "reinforce"),
    # Speech acts that are themselves the news.
    "STATEMENT": ("say", "announce", "state", "declare", "report", "confirm", "claim", "tell", "add", "note"),
    "ACCUSE": ("accuse", "blame", "condemn", "denounce", "criticize", "criticise"),
    "AGREE": ("agree", "sign", "accept", "approve", "negotiate", "settle"),
    "REJECT": ("reject", "refuse", "deny", "veto", "oppose"),
    "MOVE": ("move", "advance", "arrive", "deploy", "send", "travel", "march", "head", "approach"),
    "THREATEN": ("threaten", "menace", "warn"),
    "RELEASE": ("release", "free", "liberate", "rescue"),
    "DETAIN": ("arrest", "detain", "imprison", "jail"),
    # Who holds a place or governs it (a state, not a change).
    "CONTROL": ("hold", "control", "govern", "rule", "administer"),
    "APPOINT": ("appoint", "name", "replace", "dismiss", "elect", "nominate"),
    "LOCATE": ("be", "lie", "sit", "locate", "border", "have", "live"),
    # Relations between actors stated in passing (set by claims.clauses, not by a verb lemma).
    "BELONG": (),
    "FORMERLY": (),
}

_BY_LEMMA = {lemma: etype for etype, lemmas in EVENT_TYPES.items() for lemma in lemmas}

# Verbs whose particle or preposition turns them into another event ("pull out" = RETREAT).
_PHRASAL = {("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT", ("fall", "back"): "RETREAT",
            ("take", "over"): "SEIZE", ("drive", "out"): "RETREAT", ("push", "back"): "RETREAT"}


def classify_event(lemma: str | None, particle: str | None = None) -> str | None:
    """The event type of a predicate lemma (and optional particle), or None if unknown."""
    if not lemma:
        return None
    lemma = lemma.lower()
    if particle and (lemma, particle.lower()) in _PHRASAL:
        return _PHRASAL[(lemma, particle.lower())]
    return _BY_LEMMA.get(lemma)


# Pairs of event types that contradict each other when said of the same actor and place:
# a side cannot both take a city and be driven out of it at the same time.
OPPOSED = {frozenset(("SEIZE", "RETREAT")), frozenset(("AGREE", "REJECT")), frozenset(("DETAIN", "RELEASE"))}
