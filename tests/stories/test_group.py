"""Grouping reports into stories: the similarity, the clustering, stable ids and story places."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from consilience.model import Analysis, Article, Place, PlaceMention
from consilience.stories.group import (
    GroupStories,
    ReportProfile,
    StoryParams,
    build_story,
    cluster_reports,
    group_stories,
    lead_text,
    similarity_matrix,
    story_id,
)

HAMA = Place("Ḩamāh", 170017, 35.13, 36.75, "SY", "city")
HOMS = Place("Homs", 169577, 34.73, 36.72, "SY", "city")


class FakeEmbedder:
    """Fixed vectors by keyword, so no model loads: the first matching keyword decides."""

    name = "fake"

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            vector = next((v for key, v in self.table.items() if key in text), [0.0, 0.0, 1.0])
            rows.append(np.asarray(vector, dtype=np.float64) / np.linalg.norm(vector))
        return np.stack(rows) if rows else np.zeros((0, 3))


def profile(vector, entities=(), places=(), published=None, terms=None, names=None) -> ReportProfile:
    return ReportProfile(np.asarray(vector, dtype=np.float64), frozenset(entities), frozenset(places), published,
                         terms or {}, names or {})


# --- similarity -------------------------------------------------------------------------------


def test_group_similarity_matrix_weights_every_signal():
    params = StoryParams(weight_embedding=0.2, weight_terms=0.4, weight_names=0.4, weight_places=0.1,
                         weight_entities=0.1)
    a = profile([1.0, 0.0], {"hts", "hama"}, {170017}, terms={"sukanya": 0.6, "pirates": 0.8},
                names={"26": 1.0})
    b = profile([1.0, 0.0], {"hts"}, {170017, 169577}, terms={"sukanya": 1.0}, names={"23": 1.0})
    sim = similarity_matrix([a, b], params)
    expected = 0.2 * 1.0 + 0.4 * 0.6 + 0.4 * 0.0 + 0.1 * (1 / 2) + 0.1 * (1 / 2)
    assert sim[0, 1] == pytest.approx(expected)
    assert sim[1, 0] == pytest.approx(expected)
    assert sim[0, 0] == sim[1, 1] == 1.0


def test_group_similarity_matrix_same_specifics_beat_same_topic():
    # Same lead meaning for all three; only a and b share the names and figures of one event.
    lead = [1.0, 0.0]
    a = profile(lead, terms={"pirates": 0.6, "sukanya": 0.8}, names={"sukanya": 0.6, "26": 0.8})
    b = profile(lead, terms={"pirates": 0.6, "sukanya": 0.8}, names={"sukanya": 0.8, "26": 0.6})
    c = profile(lead, terms={"pirates": 0.3, "aden": 0.954}, names={"23": 0.6, "2008": 0.8})
    sim = similarity_matrix([a, b, c], StoryParams())
    assert sim[0, 1] >= StoryParams().threshold > sim[0, 2]
    assert cluster_reports(sim, StoryParams().threshold) == [[0, 1], [2]]


def test_group_similarity_matrix_clips_negative_cosine():
    only_lead = StoryParams(weight_embedding=0.6, weight_terms=0.0, weight_names=0.0)
    sim = similarity_matrix([profile([1.0, 0.0]), profile([-1.0, 0.0])], only_lead)
    assert sim[0, 1] == 0.0


@pytest.mark.parametrize(
    ("gap_days", "discounted"),
    [(0, False), (7, False), (8, True), (-30, True)],
)
def test_group_similarity_matrix_discounts_date_gap(gap_days, discounted):
    first = date(2024, 12, 1)
    later = date.fromordinal(first.toordinal() + gap_days)
    sim = similarity_matrix([profile([1.0, 0.0], published=first), profile([1.0, 0.0], published=later)],
                            StoryParams(weight_embedding=0.6))
    assert sim[0, 1] == pytest.approx(0.3 if discounted else 0.6)


def test_group_similarity_matrix_unknown_date_is_not_discounted():
    sim = similarity_matrix([profile([1.0, 0.0], published=date(2024, 1, 1)), profile([1.0, 0.0])],
                            StoryParams(weight_embedding=0.6))
    assert sim[0, 1] == pytest.approx(0.6)


def test_group_similarity_matrix_empty():
    assert similarity_matrix([], StoryParams()).shape == (0, 0)


# --- clustering -------------------------------------------------------------------------------


def test_group_cluster_reports_splits_at_threshold():
    sim = np.array([[1.0, 0.9, 0.1, 0.1],
                    [0.9, 1.0, 0.1, 0.2],
                    [0.1, 0.1, 1.0, 0.8],
                    [0.1, 0.2, 0.8, 1.0]])
    assert cluster_reports(sim, 0.42) == [[0, 1], [2, 3]]
    assert cluster_reports(sim, 0.95) == [[0], [1], [2], [3]]
    assert cluster_reports(sim, 0.05) == [[0, 1, 2, 3]]


def test_group_cluster_reports_uses_average_linkage():
    # 2 is close to 0 but far from 1: its average similarity to {0, 1} is 0.45.
    sim = np.array([[1.0, 0.9, 0.8],
                    [0.9, 1.0, 0.1],
                    [0.8, 0.1, 1.0]])
    assert cluster_reports(sim, 0.42) == [[0, 1, 2]]
    assert cluster_reports(sim, 0.5) == [[0, 1], [2]]


@pytest.mark.parametrize(("n", "expected"), [(0, []), (1, [[0]])])
def test_group_cluster_reports_trivial_sizes(n, expected):
    assert cluster_reports(np.eye(n), 0.42) == expected


# --- ids and stories --------------------------------------------------------------------------


def test_group_story_id_is_stable_and_order_free():
    first = story_id(["b", "a", "c"])
    assert first == story_id(["c", "a", "b"])
    assert first == story_id(["a", "zzz"])  # a later-sorting member joining keeps the id
    assert first != story_id(["b", "c"])
    assert first.startswith("s-") and len(first) == 14


def mention(place: Place | None, text: str = "x") -> PlaceMention:
    return PlaceMention(text, 0, len(text), place)


def test_group_build_story_counts_places_and_orders_articles():
    a = Article(id="a", text="A.", source="BBC", title=None, published="2024-12-02",
                places=[mention(HAMA, "Hama"), mention(HOMS, "Homs"), mention(HAMA, "Hamah")])
    b = Article(id="b", text="B.", source="CNN", title="Rebels take Hama", published="2024-12-01",
                places=[mention(HAMA, "Hama"), mention(None), mention(Place("Somewhere", None, None, None, None))])
    c = Article(id="c", text="C.", source="DW", title="Later title", published=None, places=[mention(HOMS, "Homs")])
    story = build_story([a, c, b])
    assert story.articles == ["b", "a", "c"]  # by date, unknown dates last
    assert story.title == "Rebels take Hama"
    # Named as the reports spell it most often, counted over all mentions; unresolved ones are skipped.
    assert [(p.name, p.mentions) for p in story.places] == [("Hama", 3), ("Homs", 2)]
    assert story.places[0].geonameid == 170017 and story.places[0].country_code == "SY"
    assert story.id == story_id(["a", "b", "c"])


def test_group_build_story_title_falls_back_to_lead():
    a = Article(id="a", text="Rebels entered Hama. More text follows.", source="BBC", sentences=[(0, 20), (21, 39)])
    assert build_story([a]).title == "Rebels entered Hama. More text follows."[:120]


def test_group_lead_text_takes_title_and_first_sentences():
    text = "One. Two. Three. Four."
    article = Article(id="a", text=text, source="x", title="Title",
                      sentences=[(0, 4), (5, 9), (10, 16), (17, 22)])
    assert lead_text(article) == "Title. One. Two. Three."


def test_group_group_stories_with_fake_embedder_largest_first():
    embedder = FakeEmbedder({"Hama": [1.0, 0.0, 0.0], "Kyiv": [0.0, 1.0, 0.0]})
    articles = [
        Article(id="k1", text="Drones struck Kyiv overnight.", source="DW", published="2024-12-01"),
        Article(id="h1", text="Rebels entered Hama on Thursday.", source="BBC", published="2024-12-05"),
        Article(id="h2", text="Hama fell to the rebels.", source="CNN", published="2024-12-05"),
    ]
    stories = group_stories(articles, embedder)
    assert [s.articles for s in stories] == [["h1", "h2"], ["k1"]]
    assert len(embedder.calls) == 1  # one batch for all leads


def test_group_group_stories_empty():
    assert group_stories([], FakeEmbedder({})) == []


def test_group_stage_uses_given_embedder():
    embedder = FakeEmbedder({"Hama": [1.0, 0.0, 0.0]})
    analysis = Analysis(articles=[Article(id="h1", text="Rebels entered Hama.", source="BBC"),
                                  Article(id="h2", text="Hama fell to rebels.", source="CNN")])
    GroupStories(embedder=embedder)(analysis)
    assert [s.articles for s in analysis.stories] == [["h1", "h2"]]
