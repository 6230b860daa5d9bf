"""The Store contract (store.base), run against every backend: SQLite file and PostgreSQL."""

from __future__ import annotations

import pytest

from consilience.errors import ConsilienceError
from consilience.model import StoryChange
from consilience.store import Store, open_store


@pytest.fixture
def store(store_target):
    with open_store(store_target) as opened:
        yield opened


# --- articles -------------------------------------------------------------------------------


def test_base_store_keeps_the_protocol(store):
    assert isinstance(store, Store)


def test_base_round_trips_articles_with_claims(store, make_article):
    articles = [make_article("a1", claims=3), make_article("a2", claims=0, title=None)]
    store.save_articles(articles)
    assert store.load_articles(["a1", "a2"]) == articles
    assert store.list_articles() == articles
    assert store.count_articles() == 2
    back = store.load_articles(["a1"])[0]
    assert all(type(span) is tuple for span in back.sentences)
    assert back.claims[0].places[0].place.population == 460602


def test_base_round_trips_unicode_and_odd_floats(store, make_article):
    article = make_article("a1", text="Zürich — «quotes», emoji 🙂 and 東京 in one report.", title="Ünïcödé")
    article.claims[0].places[0].place.lat = 1e-300
    article.quantities[0].low = 123456789.123456789
    store.save_articles([article])
    assert store.load_articles(["a1"]) == [article]


def test_base_load_articles_keeps_asked_order_and_skips_unknown(store, make_article):
    store.save_articles([make_article("a1"), make_article("a2"), make_article("a3")])
    assert [a.id for a in store.load_articles(["a3", "nope", "a1", "a3"])] == ["a3", "a1"]
    assert store.load_articles([]) == []


def test_base_list_articles_is_oldest_stored_first(store, make_article):
    store.save_articles([make_article("b")])
    store.save_articles([make_article("a"), make_article("c")])
    store.save_articles([make_article("b", claims=1)])  # replacing keeps its place
    assert [a.id for a in store.list_articles()] == ["b", "a", "c"]


def test_base_known_articles_is_the_stored_subset(store, make_article):
    store.save_articles([make_article("a1"), make_article("a2")])
    assert store.known_articles(["a2", "a9", "a1"]) == {"a1", "a2"}
    assert store.known_articles(iter(["a9"])) == set()
    assert store.known_articles([]) == set()


def test_base_save_is_idempotent(store, make_article):
    batch = [make_article("a1", claims=2), make_article("a2", claims=1)]
    store.save_articles(batch)
    store.save_articles(batch)
    store.save_articles(batch[:1] + batch[:1])  # the same id twice in one batch
    assert store.count_articles() == 2
    assert store.list_articles() == batch
    assert store.search_articles("Hama") == ["a1", "a2"]  # the index holds each article once


def test_base_saving_again_replaces_claims_and_text(store, make_article):
    store.save_articles([make_article("a1", claims=3)])
    revised = make_article("a1", text="Talks resumed in Geneva on Monday.", claims=1)
    store.save_articles([revised])
    assert store.load_articles(["a1"]) == [revised]
    assert store.search_articles("Geneva") == ["a1"]
    assert store.search_articles("fled") == []  # the old text left the index


# --- transactions ---------------------------------------------------------------------------


def test_base_unserialisable_article_rolls_back_whole_batch(store, make_article):
    store.save_articles([make_article("a0")])
    broken = make_article("a2")
    broken.entities[0].label = {"GPE"}  # a set: JSON cannot hold it
    with pytest.raises(ConsilienceError, match="a2: cannot be stored as JSON"):
        store.save_articles([make_article("a1"), broken, make_article("a3")])
    assert store.known_articles(["a1", "a2", "a3"]) == set()
    assert [a.id for a in store.list_articles()] == ["a0"]
    assert store.search_articles("Hama") == ["a0"]


def test_base_constraint_failure_mid_batch_rolls_back(store, make_article):
    clash = make_article("a2", claims=2)
    clash.claims[1].id = clash.claims[0].id
    with pytest.raises(ConsilienceError, match="Nothing of this batch was stored"):
        store.save_articles([make_article("a1"), clash])
    assert store.count_articles() == 0
    store.save_articles([make_article("a1")])  # the store is still usable
    assert store.count_articles() == 1


def test_base_interrupted_save_leaves_nothing_and_store_usable(store, make_article, monkeypatch):
    backend = type(store)
    original = backend._write_claims
    calls = []

    def fail_on_second(self, article_id, claims):
        calls.append(article_id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        original(self, article_id, claims)

    monkeypatch.setattr(backend, "_write_claims", fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        store.save_articles([make_article("a1"), make_article("a2")])
    assert calls == ["a1", "a2"]  # the failure came after a1 was fully written
    assert store.count_articles() == 0 and store.search_articles("Hama") == []
    monkeypatch.undo()
    store.save_articles([make_article("a1")])
    assert store.count_articles() == 1


def test_base_other_connection_sees_committed_data_only(store_target, store, make_article, monkeypatch):
    reader = open_store(store_target)
    backend = type(store)
    seen_mid_batch = []
    original = backend._write_claims

    def peek(self, article_id, claims):
        original(self, article_id, claims)
        if self is store:
            seen_mid_batch.append((reader.count_articles(), reader.known_articles(["a1", "a2"]), reader.search_articles("Hama")))

    monkeypatch.setattr(backend, "_write_claims", peek)
    store.save_articles([make_article("a1"), make_article("a2")])
    assert seen_mid_batch == [(0, set(), []), (0, set(), [])]
    assert reader.known_articles(["a1", "a2"]) == {"a1", "a2"}
    reader.close()


def test_base_reopens_an_existing_store(store_target, make_article, make_story):
    with open_store(store_target) as first:
        first.save_articles([make_article("a1"), make_article("a2")])
        first.save_stories([make_story()])
        first.save_report_profiles([("a1", "2024-12-05", b"\x00\x01profile")])
    with open_store(store_target) as again:
        assert again.list_articles() == [make_article("a1"), make_article("a2")]
        assert again.load_stories() == [make_story()]
        assert again.load_report_profiles() == {"a1": b"\x00\x01profile"}


# --- search ---------------------------------------------------------------------------------


def test_base_search_finds_article_by_word_of_text(store, make_article):
    store.save_articles([make_article("a1"), make_article("a2", text="Talks resumed in Geneva on Monday.", title="Talks")])
    assert store.search_articles("Geneva") == ["a2"]
    assert store.search_articles("geneva monday") == ["a2"]  # every word, any case
    assert store.search_articles("fled") == ["a1"]
    assert store.search_articles("Geneva fled") == []
    assert store.search_articles("Rebels") == ["a1"]  # a word of the title only
    assert store.search_articles("Gene") == []  # whole words, no stemming or prefixes


def test_base_search_ignores_case_and_diacritics(store, make_article):
    store.save_articles([make_article("a1", text="Talks in Zürich and Besançon ended. ÉTÉ was quiet.", title="Talks")])
    for query in ("zurich", "ZÜRICH", "besancon", "Besançon", "été", "ete"):
        assert store.search_articles(query) == ["a1"], query


def test_base_search_ranks_best_match_first_and_honours_limit(store, make_article):
    filler = " ".join(["The weather was mild and the markets were calm."] * 20)
    store.save_articles([
        make_article("once", text=f"{filler} Envoys met in Geneva.", title="Weather"),
        make_article("often", text="Geneva talks: Geneva envoys stayed in Geneva.", title="Talks"),
        make_article("none", text=filler, title="Markets"),
    ])
    assert store.search_articles("Geneva") == ["often", "once"]
    assert store.search_articles("Geneva", limit=1) == ["often"]


@pytest.mark.parametrize(
    "query, expected",
    [('"Hama', ["a1"]), ("(Hama)", ["a1"]), ("Hama: army-said", ["a1"]), ("Hama OR Geneva", []), ("NEAR(", []),
     ("*", []), ("", []), ("Hama & !army | said", ["a1"]), ("'", []), ("Hama:*", ["a1"])],
)
def test_base_search_takes_plain_words_not_syntax(store, make_article, query, expected):
    store.save_articles([make_article("a1")])
    assert store.search_articles(query) == expected


# --- stories --------------------------------------------------------------------------------


def test_base_round_trips_stories(store, make_article, make_story):
    store.save_articles([make_article("a1"), make_article("a2"), make_article("a3")])
    stories = [make_story("s1", ("a1", "a2")), make_story("s2", ("a3",))]
    stories[0].history = [StoryChange("created", articles=["a1"], at=1), StoryChange("merged", "s7", ["a2"], at=2)]
    store.save_stories(stories)
    assert store.load_stories() == stories
    assert store.load_story_members() == {"s1": ["a1", "a2"], "s2": ["a3"]}


def test_base_save_stories_replaces_membership(store, make_article, make_story):
    store.save_articles([make_article(i) for i in ("a1", "a2", "a3", "a4")])
    store.save_stories([make_story("s1", ("a1", "a2")), make_story("s9", ("a4",))])
    store.save_stories([make_story("s2", ("a2", "a3"))])  # a2 moves: s1 is superseded
    assert [s.id for s in store.load_stories()] == ["s9", "s2"]
    store.save_stories([make_story("s2", ("a3",))])  # s2 re-saved without a2
    assert store.load_story_members() == {"s2": ["a3"], "s9": ["a4"]}
    store.save_stories([make_story("s2", ("a3",))])
    assert [s.articles for s in store.load_stories()] == [["a4"], ["a3"]]


def test_base_save_stories_needs_stored_articles(store, make_article, make_story):
    store.save_articles([make_article("a1")])
    with pytest.raises(ConsilienceError, match="Save the articles before their stories"):
        store.save_stories([make_story("s0", ("a1",)), make_story("s1", ("a1", "ghost"))])
    assert store.load_stories() == []


def test_base_save_stories_refuses_duplicate_ids(store, make_article, make_story):
    store.save_articles([make_article("a1")])
    with pytest.raises(ConsilienceError, match="same story id twice"):
        store.save_stories([make_story("s1", ("a1",)), make_story("s1", ("a1",))])


def test_base_load_stories_by_id_keeps_asked_order(store, make_article, make_story):
    store.save_articles([make_article("a1"), make_article("a2")])
    store.save_stories([make_story("s1", ("a1",)), make_story("s2", ("a2",))])
    assert [s.id for s in store.load_stories_by_id(["s2", "ghost", "s1", "s2"])] == ["s2", "s1"]
    assert store.load_stories_by_id([]) == []
    assert store.load_stories_by_id(["s1"]) == [make_story("s1", ("a1",))]


# --- incremental story clustering: profiles and members -------------------------------------


def test_base_round_trips_report_profiles(store, make_article):
    store.save_articles([make_article("a1"), make_article("a2")])
    blob = bytes(range(256)) * 8  # every byte value, NUL included
    store.save_report_profiles([("a1", "2024-12-05", blob), ("a2", None, b"")])
    assert store.load_report_profiles() == {"a1": blob, "a2": b""}
    assert store.load_report_profiles(["a2", "ghost"]) == {"a2": b""}
    assert store.load_report_profiles([]) == {}
    store.save_report_profiles([("a1", "2024-12-06", b"new")])  # replaced, not added
    assert store.load_report_profiles(["a1"]) == {"a1": b"new"}


def test_base_load_report_profiles_since_keeps_window_and_undated(store, make_article):
    store.save_articles([make_article(i) for i in ("old", "edge", "new", "undated")])
    store.save_report_profiles([
        ("old", "2024-11-01", b"o"), ("edge", "2024-12-01", b"e"), ("new", "2024-12-20", b"n"), ("undated", None, b"u"),
    ])
    assert store.load_report_profiles(since="2024-12-01") == {"edge": b"e", "new": b"n", "undated": b"u"}
    assert store.load_report_profiles(["old", "new"], since="2024-12-01") == {"new": b"n"}


def test_base_save_report_profiles_needs_stored_articles(store, make_article):
    store.save_articles([make_article("a1")])
    with pytest.raises(ConsilienceError, match="Nothing of this batch was stored"):
        store.save_report_profiles([("a1", None, b"x"), ("ghost", None, b"y")])
    assert store.load_report_profiles() == {}


def test_base_load_story_members_since_ages_out_old_stories(store, make_article, make_story):
    dated = {"old1": "2024-10-01", "old2": "2024-10-02", "mixed_old": "2024-10-03", "mixed_new": "2024-12-10",
             "undated": None}
    articles = []
    for article_id, published in dated.items():
        article = make_article(article_id)
        article.published = published
        articles.append(article)
    store.save_articles(articles)
    store.save_stories([
        make_story("s_old", ("old1", "old2")),
        make_story("s_mixed", ("mixed_old", "mixed_new")),
        make_story("s_undated", ("undated",)),
    ])
    assert store.load_story_members(since="2024-12-01") == {"s_mixed": ["mixed_old", "mixed_new"], "s_undated": ["undated"]}
    assert set(store.load_story_members()) == {"s_old", "s_mixed", "s_undated"}


# --- deletion -------------------------------------------------------------------------------


def count_rows(store, table: str) -> int:
    """Rows left in a table, read past the contract: deletion must leave nothing behind."""
    return store._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_base_delete_articles_removes_claims_profile_and_search_entry(store, make_article):
    store.save_articles([make_article("a1", claims=3),
                         make_article("a2", text="Talks resumed in Geneva on Monday.", title="Talks")])
    store.save_report_profiles([("a1", "2024-12-05", b"p1"), ("a2", None, b"p2")])
    assert store.delete_articles(["a1"]) == ["a1"]
    assert store.known_articles(["a1", "a2"]) == {"a2"}
    assert store.load_articles(["a1"]) == [] and store.count_articles() == 1
    assert store.load_report_profiles() == {"a2": b"p2"}
    assert count_rows(store, "claims") == 2  # a2's claims only
    assert store.search_articles("Hama") == []  # a1's words left the index
    assert store.search_articles("Geneva") == ["a2"]  # and the rest of the index still lines up
    store.save_articles([make_article("a1")])  # the id is free again, indexed once
    assert store.search_articles("Hama") == ["a1"]


def test_base_delete_articles_returns_deleted_ids_in_asked_order(store, make_article):
    store.save_articles([make_article(i) for i in ("a1", "a2", "a3")])
    assert store.delete_articles(["a3", "ghost", "a1", "a3"]) == ["a3", "a1"]
    assert store.delete_articles(["a3"]) == []  # already gone
    assert store.delete_articles([]) == []
    assert [a.id for a in store.list_articles()] == ["a2"]


def test_base_delete_articles_drops_memberships_and_emptied_stories(store, make_article, make_story):
    store.save_articles([make_article(i) for i in ("a1", "a2", "a3", "a4")])
    store.save_stories([make_story("s1", ("a1", "a2")), make_story("s2", ("a3",)), make_story("s3", ("a4",))])
    assert store.delete_articles(["a2", "a3"]) == ["a2", "a3"]
    assert store.load_story_members() == {"s1": ["a1"], "s3": ["a4"]}
    assert [s.id for s in store.load_stories()] == ["s1", "s3"]  # s2 lost its only report
    assert count_rows(store, "story_articles") == 2
    store.save_stories([make_story("s1", ("a1",))])  # the caller re-saves the story that kept members
    assert store.load_stories_by_id(["s1"])[0].articles == ["a1"]
