"""Grouping reports into stories: the similarity, the clustering, stable ids and story places."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from consilience.model import Analysis, Article, Place, PlaceMention, TimeMention
from consilience.stories.group import (
    GroupStories,
    ReportProfile,
    StoryParams,
    build_story,
    cluster_reports,
    cluster_stories,
    group_stories,
    lead_text,
    protagonist_conflicts,
    report_year,
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


def yeared(year, published=None) -> ReportProfile:
    p = profile([1.0, 0.0], published=published)
    p.year = year
    return p


@pytest.mark.parametrize(
    ("years", "expected"),
    [((2013, 2013), 0.6 + 0.15), ((2013, 2012), 0.6), ((2013, 2008), 0.6 * 0.8), ((2013, None), 0.6),
     ((None, None), 0.6)],
)
def test_group_similarity_matrix_report_year_without_publication_dates(years, expected):
    # ECB+-like undated reports: the same year joins, years apart separate, one year off is neutral.
    sim = similarity_matrix([yeared(years[0]), yeared(years[1])], StoryParams(weight_embedding=0.6))
    assert sim[0, 1] == pytest.approx(expected)


def about(*persons: tuple[str, int]) -> ReportProfile:
    p = profile([1.0, 0.0])
    p.persons = dict(persons)
    return p


def test_group_similarity_matrix_discounts_reports_about_different_people():
    jackson, williams = about(("jackson", 8)), about(("williams", 6), ("jackson", 2))
    also_jackson, nobody = about(("jackson", 5), ("smith", 1)), about()
    sim = similarity_matrix([jackson, williams, also_jackson, nobody], StoryParams(weight_embedding=0.6))
    assert sim[0, 1] == sim[1, 0] == pytest.approx(0.6 * 0.75)
    assert sim[0, 2] == sim[0, 3] == sim[1, 3] == pytest.approx(0.6)
    assert sim[1, 2] == pytest.approx(0.6 * 0.75)
    off = similarity_matrix([jackson, williams], StoryParams(weight_embedding=0.6, protagonist_discount=1.0))
    assert off[0, 1] == pytest.approx(0.6)


def test_group_protagonist_conflicts_match_the_pairwise_rule():
    from consilience.stories.terms import protagonists_conflict

    people = [about(("jackson", 8)), about(("williams", 6), ("jackson", 2)), about(("jackson", 5), ("smith", 1)),
              about(), about(("gaskin", 5)), about(("buckley", 5), ("gaskin", 3)), about(("smith", 4), ("williams", 1))]
    matrix = protagonist_conflicts(people)
    expected = [[protagonists_conflict(a.persons, b.persons) for b in people] for a in people]
    assert matrix.tolist() == expected
    assert matrix[0, 1] and matrix[1, 6] and not matrix[0, 2]  # jackson vs williams vs smith; jackson twice
    assert not matrix[3].any() and not matrix[4, 5]  # no protagonist; gaskin central to both climbing reports
    assert not protagonist_conflicts([about(("jackson", 8))]).any()


def test_group_two_arrests_of_one_team_become_two_stories():
    # Same words all through (team, charge, city): only who was arrested differs.
    words = {"chargers": 0.6, "dui": 0.8}
    first = [about(("jackson", 8)), about(("jackson", 6)), about(("jackson", 5), ("smith", 1))]
    second = [about(("williams", 6), ("jackson", 2)), about(("williams", 5)), about(("williams", 7), ("jackson", 1))]
    for p in first + second:
        p.terms = p.names = words
    params = StoryParams(weight_embedding=0.2, weight_terms=0.1, weight_names=0.1)  # 0.4 between every pair
    assert cluster_stories(similarity_matrix(first + second, params), params) == [[0, 1, 2], [3, 4, 5]]
    same = StoryParams(weight_embedding=0.2, weight_terms=0.1, weight_names=0.1, protagonist_discount=1.0)
    assert cluster_stories(similarity_matrix(first + second, same), same) == [[0, 1, 2, 3, 4, 5]]


def test_group_similarity_matrix_report_year_silent_when_both_are_dated():
    # Both dated within the week: the day gap already speaks, the shared year adds nothing.
    day = date(2024, 12, 1)
    sim = similarity_matrix([yeared(2024, day), yeared(2024, day)], StoryParams(weight_embedding=0.6))
    assert sim[0, 1] == pytest.approx(0.6)
    one_dated = similarity_matrix([yeared(2024, day), yeared(2024)], StoryParams(weight_embedding=0.6))
    assert one_dated[0, 1] == pytest.approx(0.75)


def article_with_times(values, published=None) -> Article:
    times = [TimeMention(v, 0, 1, "DATE", v) for v in values]
    return Article(id="a", text="x", source="s", published=published, times=times)


@pytest.mark.parametrize(
    ("values", "published", "year"),
    [(["2005-05-24", "1983", "2009-FA", "2004-W12"], None, 2009), (["XXXX-11-27", "P2M", "PAST_REF"], None, None),
     ([], None, None), (["2005"], "2016-03-01", 2016), ([None, "1990s", "2001"], None, 2001)],
)
def test_group_report_year_is_publication_year_else_latest_named(values, published, year):
    assert report_year(article_with_times(values, published)) == year


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


def block_similarity(groups_sims: dict[tuple[int, int], float], n: int, within: float = 0.6) -> np.ndarray:
    """A similarity matrix: `within` everywhere on the diagonal blocks given, pair values elsewhere, else 0."""
    sim = np.zeros((n, n))
    for (i, j), value in groups_sims.items():
        sim[i, j] = sim[j, i] = value
    np.fill_diagonal(sim, 1.0)
    return sim


def test_group_cluster_stories_attaches_a_near_report_to_the_large_story():
    params = StoryParams(threshold=0.34, attach_threshold=0.28, attach_size=3)
    story = [0, 1, 2, 3]
    pairs = {(i, j): 0.6 for i in story for j in story if i < j}
    pairs.update({(i, 4): 0.3 for i in story})  # a brief just under the cut: joins
    pairs.update({(i, 5): 0.2 for i in story})  # a report of another event: stays alone
    sim = block_similarity(pairs, 6)
    assert cluster_reports(sim, params.threshold) == [[0, 1, 2, 3], [4], [5]]
    assert cluster_stories(sim, params) == [[0, 1, 2, 3, 4], [5]]


def test_group_cluster_stories_never_attaches_two_large_stories():
    # Two events of one kind: each a large story, 0.3 apart on average; both stay whole and apart.
    params = StoryParams(threshold=0.34, attach_threshold=0.28, attach_size=3)
    first, second = range(4), range(4, 8)
    pairs = {(i, j): 0.6 for block in (first, second) for i in block for j in block if i < j}
    pairs.update({(i, j): 0.3 for i in first for j in second})
    assert cluster_stories(block_similarity(pairs, 8), params) == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_group_cluster_stories_small_story_picks_the_closest_large_one():
    params = StoryParams(threshold=0.34, attach_threshold=0.28, attach_size=3)
    first, second = range(4), range(4, 8)
    pairs = {(i, j): 0.6 for block in (first, second) for i in block for j in block if i < j}
    pairs.update({(8, 9): 0.7})  # a small story of two reports
    pairs.update({(i, k): 0.29 for i in first for k in (8, 9)})
    pairs.update({(i, k): 0.32 for i in second for k in (8, 9)})
    assert cluster_stories(block_similarity(pairs, 10), params) == [[0, 1, 2, 3], [4, 5, 6, 7, 8, 9]]


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
