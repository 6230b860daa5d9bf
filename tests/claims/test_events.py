"""The event ontology: verb lemmas (and particles) to PLOVER-aligned event types."""

from __future__ import annotations

from collections import Counter

import pytest

from consilience.claims.events import EVENT_TYPES, OPPOSED, classify_event


@pytest.mark.parametrize(
    ("lemma", "particle", "expected"),
    [
        ("capture", None, "SEIZE"),
        ("seize", None, "SEIZE"),
        ("Enter", None, "SEIZE"),  # case-insensitive
        ("withdraw", None, "RETREAT"),
        ("attack", None, "ASSAULT"),
        ("back", None, "SUPPORT"),
        ("rely", None, "SUPPORT"),
        ("say", None, "STATEMENT"),
        ("deny", None, "REJECT"),
        ("warn", None, "THREATEN"),
        ("release", None, "RELEASE"),
        ("arrest", None, "DETAIN"),
        ("control", None, "CONTROL"),
        ("be", None, "LOCATE"),
        # phrasal verbs: the particle changes the event
        ("pull", "out", "RETREAT"),
        ("pull", "back", "RETREAT"),
        ("fall", None, "SEIZE"),
        ("fall", "back", "RETREAT"),
        ("take", None, "SEIZE"),
        ("take", "over", "SEIZE"),
        ("take", "OVER", "SEIZE"),
        ("push", None, "SEIZE"),
        ("push", "back", "RETREAT"),
        ("drive", "out", "RETREAT"),
        # a particle that changes nothing falls back to the lemma
        ("take", "up", "SEIZE"),
        # unknown or missing
        ("frobnicate", None, None),
        ("", None, None),
        (None, None, None),
        (None, "out", None),
    ],
)
def test_events_classify_event_table(lemma, particle, expected):
    assert classify_event(lemma, particle) == expected


def test_events_every_lemma_has_one_type():
    counts = Counter(lemma for lemmas in EVENT_TYPES.values() for lemma in lemmas)
    assert [lemma for lemma, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("a", "b", "opposed"),
    [("SEIZE", "RETREAT", True), ("RETREAT", "SEIZE", True), ("AGREE", "REJECT", True),
     ("DETAIN", "RELEASE", True), ("SEIZE", "ASSAULT", False), ("SEIZE", "SEIZE", False)],
)
def test_events_opposed_pairs(a, b, opposed):
    assert (frozenset((a, b)) in OPPOSED) is opposed
