"""Actor keys: which side and country an actor phrase names, and when two phrases can be one party."""

from __future__ import annotations

import pytest

from consilience.verdicts.actors import ActorKey, actor_key, actor_overlap, actor_sets_conflict, actors_compatible


@pytest.mark.parametrize(
    ("phrase", "country", "role"),
    [
        ("Russian troops", "russia", "state-forces"),
        ("the Syrian army", "syria", "state-forces"),
        ("the army", None, "state-forces"),
        ("rebel fighters", None, "rebels"),  # the rebel side is kept although "fighters" is the head
        ("opposition fighters", None, "rebels"),
        ("pro-Iranian militias", "iran", "militias"),
        ("Russia", "russia", "state"),  # a country name alone is the state itself
        ("Representatives of the Syrian army", "syria", "state-forces"),
        ("the government of President Assad", "syria", "government"),
        ("U.S. forces", "us", "state-forces"),
        ("fighters", None, "fighters"),
    ],
)
def test_actors_actor_key_reads_country_and_role(phrase, country, role):
    key = actor_key(phrase)
    assert (key.country, key.role) == (country, role)


def test_actors_actor_key_keeps_head_of_unknown_phrase():
    key = actor_key("the local hospital")
    assert key == ActorKey(None, None, "hospital")
    assert key.label == "hospital"


def test_actors_actor_key_label_joins_country_and_role():
    assert actor_key("Russian troops").label == "russia state-forces"
    assert actor_key("the army").label == "state-forces"


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("the army", "the Syrian army", True),  # less specific, same party
        ("Russian troops", "the Syrian army", False),  # different countries
        ("Russia", "Russian troops", True),  # the state and its forces
        ("Russia", "the Syrian army", False),
        ("rebel fighters", "the rebels", True),
        ("fighters", "the rebels", True),
        ("fighters", "pro-Iranian militias", True),
        ("the rebels", "pro-Iranian militias", False),
        ("the rebels", "the army", False),
        ("Syrian government forces", "the Syrian government", True),
        ("the hospital", "hospitals", True),  # uninformative phrases fall back to the head noun
        ("the hospital", "the school", False),
    ],
)
def test_actors_actors_compatible_table(a, b, compatible):
    assert actors_compatible(actor_key(a), actor_key(b)) is compatible
    assert actors_compatible(actor_key(b), actor_key(a)) is compatible  # symmetric


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (["Russian troops"], ["the Syrian army"], True),
        (["the army"], ["the Syrian army"], False),
        (["Russia"], ["Russia", "Iran"], False),  # one shared party is enough
        (["Iran"], ["Russia"], True),
        (["the rebels"], ["Hama"], False),  # a phrase naming no side cannot conflict
        ([], ["the Syrian army"], False),
        (["the city"], ["the town"], False),
        (["Turkey"], ["the Syrian army", "Russia"], True),
        (["the army"], ["Russia"], False),  # the army may be Russia's
    ],
)
def test_actors_actor_sets_conflict_table(a, b, conflict):
    assert actor_sets_conflict(a, b) is conflict


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (["rebels"], ["rebel fighters"], True),
        (["the army"], ["the Syrian army"], True),
        (["Russian troops"], ["the Syrian army"], False),
        (["the city"], ["the city"], False),  # uninformative phrases never count as a shared party
        ([], ["the army"], False),
    ],
)
def test_actors_actor_overlap_table(a, b, overlap):
    assert bool(actor_overlap(a, b)) is overlap


def test_actors_actor_key_pronoun_us_is_not_the_united_states():
    # "Russia helped us", said by a Syrian official, names no country; "the US" does.
    assert actor_key("us").country is None
    assert actor_key("US").country == "us"


@pytest.mark.parametrize(("a", "b"), [(["the rebels"], ["Russia"]), (["rebel fighters"], ["Iran"])])
def test_actors_actor_sets_conflict_rebels_are_not_a_state(a, b):
    assert actor_sets_conflict(a, b) is True
