"""Round trips of every model type through JSON records (store.codec)."""

from __future__ import annotations

import json

import pytest

from consilience.model import Attribution, Entity, Place, Quantity, StoryPlace, TimeMention
from consilience.store.codec import (
    article_from_record,
    article_to_record,
    claim_from_record,
    claim_group_from_record,
    conflict_from_record,
    mention_from_record,
    place_mention_from_record,
    story_from_record,
    story_to_record,
    to_plain,
)

# (pick the object out of (article, story), decoder) for every nested type of Article and Story.
CASES = {
    "entity": (lambda a, s: a.entities[0], lambda r: Entity(**r)),
    "place": (lambda a, s: a.claims[0].places[0].place, lambda r: Place(**r)),
    "place_mention": (lambda a, s: a.claims[0].places[0], place_mention_from_record),
    "place_mention_unresolved": (lambda a, s: a.claims[0].places[1], place_mention_from_record),
    "time_mention": (lambda a, s: a.claims[0].times[0], lambda r: TimeMention(**r)),
    "time_mention_unnormalised": (lambda a, s: a.claims[0].times[1], lambda r: TimeMention(**r)),
    "quantity": (lambda a, s: a.claims[0].quantities[0], lambda r: Quantity(**r)),
    "attribution": (lambda a, s: a.claims[0].attribution[0], lambda r: Attribution(**r)),
    "claim": (lambda a, s: a.claims[0], claim_from_record),
    "mention": (lambda a, s: s.claims[0].mentions[0], mention_from_record),
    "conflict": (lambda a, s: s.claims[0].conflicts[0], conflict_from_record),
    "claim_group": (lambda a, s: s.claims[0], claim_group_from_record),
    "claim_group_defaults": (lambda a, s: s.claims[1], claim_group_from_record),
    "story_place": (lambda a, s: s.places[0], lambda r: StoryPlace(**r)),
}


def through_json(record):
    return json.loads(json.dumps(record, allow_nan=False))


@pytest.mark.parametrize("name", CASES)
def test_codec_round_trips_every_nested_type(name, make_article, make_story):
    pick, decode = CASES[name]
    obj = pick(make_article(), make_story())
    assert decode(through_json(to_plain(obj))) == obj


def test_codec_round_trips_a_full_article(make_article):
    article = make_article(claims=3)
    record = article_to_record(article)
    assert through_json(record) == record  # already plain JSON: no tuples, no dataclasses
    back = article_from_record(through_json(record))
    assert back == article
    assert all(type(span) is tuple for span in back.sentences)
    assert back.claims[0].places[0].place.population == 460602
    assert back.claims[0].places[1].place is None


def test_codec_round_trips_a_full_story(make_story):
    story = make_story()
    record = story_to_record(story)
    assert through_json(record) == record
    back = story_from_record(through_json(record))
    assert back == story
    assert back.claims[0].conflicts[0].values == ("500", "50")
    assert type(back.claims[0].conflicts[0].values) is tuple


def test_codec_keeps_conflict_without_values(make_story):
    conflict = make_story().claims[0].conflicts[0]
    bare = type(conflict)(conflict.kind, conflict.a, conflict.b, conflict.explanation)
    assert conflict_from_record(through_json(to_plain(bare))).values is None


def test_codec_record_lists_spans_as_lists(make_article, make_story):
    record = article_to_record(make_article())
    assert record["sentences"][0] == [0, 56]
    assert story_to_record(make_story())["claims"][0]["conflicts"][0]["values"] == ["500", "50"]


def test_codec_fills_defaults_for_fields_missing_from_older_records():
    record = {"id": "old", "text": "Some text.", "source": "Old Times"}
    article = article_from_record(record)
    assert article.claims == [] and article.sentences == [] and article.title is None
