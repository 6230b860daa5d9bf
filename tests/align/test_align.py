"""Aligning claims across reports: the pair score's features and the claim groups of a story."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from consilience.align.align import (
    AlignClaims,
    AlignParams,
    align_story,
    candidate_pair_arrays,
    candidate_pairs,
    claim_terms,
    pair_score,
    pair_term_overlaps,
    term_matrix,
    term_overlap,
    term_weights,
)
from consilience.model import Analysis, Article, Attribution, Claim, Place, PlaceMention, Quantity, Story, TimeMention

HAMA = Place("Hama", 170017, 35.13, 36.75, "SY", "city")
HOMS = Place("Homs", 169577, 34.73, 36.72, "SY", "city")
PARAMS = AlignParams()
COSINE = 0.5


def make_claim(cid: str, text: str = "a claim", article: str = "a", start: int = 0, **fields) -> Claim:
    return Claim(id=cid, article_id=article, text=text, start=start, end=start + len(text), sentence=0, **fields)


def at(place: Place) -> PlaceMention:
    return PlaceMention(place.name, 0, 4, place)


@pytest.mark.parametrize(
    ("a", "b", "bonus"),
    [
        # same event type
        (dict(event_type="SEIZE"), dict(event_type="SEIZE"), PARAMS.same_event),
        # weak event types are too generic to count
        (dict(event_type="STATEMENT"), dict(event_type="STATEMENT"), 0.0),
        # different event types
        (dict(event_type="SEIZE"), dict(event_type="ASSAULT"), PARAMS.different_event),
        # unknown event type on one side: no evidence either way
        (dict(event_type="SEIZE"), dict(event_type=None), 0.0),
        # opposed: the same party takes vs leaves (and shares the actor)
        (dict(event_type="SEIZE", actors=["rebels"]), dict(event_type="RETREAT", actors=["rebel fighters"]),
         PARAMS.opposed_event + PARAMS.shared_actor),
        # SEIZE vs RETREAT by different parties is just different
        (dict(event_type="SEIZE", actors=["rebels"]), dict(event_type="RETREAT", actors=["the Syrian army"]),
         PARAMS.different_event),
        # the seizer is the one expelled: opposed versions of one happening
        (dict(event_type="SEIZE", actors=["rebels"]),
         dict(event_type="EXPEL", actors=["the army"], targets=["rebel fighters"]), PARAMS.opposed_event),
        # shared actor, no event types
        (dict(actors=["the army"]), dict(actors=["the Syrian army"]), PARAMS.shared_actor),
        # shared target
        (dict(targets=["the rebels"]), dict(targets=["opposition fighters"]), PARAMS.shared_actor),
        # no shared actor
        (dict(actors=["Russian troops"]), dict(actors=["the Syrian army"]), 0.0),
        # the same supporters make the same support relation
        (dict(event_type="SUPPORT", actors=["Russia"]), dict(event_type="SUPPORT", actors=["Russia", "Iran"]),
         PARAMS.same_event + PARAMS.shared_actor + PARAMS.shared_supporters),
        # shared place
        (dict(places=[at(HAMA)]), dict(places=[at(HAMA)]), PARAMS.shared_place),
        (dict(places=[at(HAMA)]), dict(places=[at(HOMS)]), 0.0),
        # one claim about districts, the other about the whole city
        (dict(event_type="SEIZE", targets=["the northern districts of Hama"]), dict(event_type="SEIZE", targets=["Hama"]),
         PARAMS.same_event + PARAMS.part_mismatch),
        # both about part of the place, same event
        (dict(event_type="SEIZE", targets=["the northern districts of Hama"]),
         dict(event_type="SEIZE", targets=["several neighbourhoods"]), PARAMS.same_event + PARAMS.part_match),
        # the same day written two ways ("Tuesday" / "Jan. 28"); a month or another day gives nothing
        (dict(times=[TimeMention("Tuesday", 0, 7, "DATE", "2014-01-28")]),
         dict(times=[TimeMention("Jan. 28", 0, 7, "DATE", "2014-01-28")]), PARAMS.shared_day),
        (dict(times=[TimeMention("January", 0, 7, "DATE", "2014-01")]),
         dict(times=[TimeMention("in January", 0, 10, "DATE", "2014-01")]), 0.0),
        (dict(times=[TimeMention("Tuesday", 0, 7, "DATE", "2014-01-28")]),
         dict(times=[TimeMention("Wednesday", 0, 9, "DATE", "2014-01-29")]), 0.0),
    ],
)
def test_align_pair_score_features(a, b, bonus):
    ca, cb = make_claim("a1", **a), make_claim("b1", article="b", **b)
    assert pair_score(ca, cb, COSINE, PARAMS) == pytest.approx(COSINE + bonus)
    assert pair_score(cb, ca, COSINE, PARAMS) == pytest.approx(COSINE + bonus)  # symmetric


def test_align_pair_score_part_of_place_in_text_counts_for_captures():
    a = make_claim("a1", "Rebels seized the northern districts of Hama", event_type="SEIZE")
    b = make_claim("b1", "Rebels seized Hama", event_type="SEIZE")
    assert pair_score(a, b, COSINE, PARAMS) == pytest.approx(COSINE + PARAMS.same_event + PARAMS.part_mismatch)


class FakeEmbedder:
    """Fixed vectors by keyword, so no model loads."""

    name = "fake"

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def encode(self, texts):
        rows = []
        for text in texts:
            vector = next((v for key, v in self.table.items() if key in text), [0.0, 0.0, 1.0])
            rows.append(np.asarray(vector, dtype=np.float64) / np.linalg.norm(vector))
        return np.stack(rows)


def story_of_three():
    a_lead = make_claim("a-c0", "Rebels seize Hama", "a", 0, event_type="SEIZE", actors=["rebels"], lead=True)
    a_body = make_claim("a-c1", "Rebels seized Hama on Thursday", "a", 20, event_type="SEIZE", actors=["rebels"])
    a_other = make_claim("a-c2", "The weather was cold", "a", 60, event_type="LOCATE")
    b_seize = make_claim("b-c0", "Rebel fighters seized Hama", "b", 0, event_type="SEIZE", actors=["rebel fighters"],
                         lead=True)
    c_other = make_claim("c-c0", "Drones hit Kyiv", "c", 0, event_type="ASSAULT")
    articles = {
        "a": Article(id="a", text="", source="BBC", claims=[a_lead, a_body, a_other]),
        "b": Article(id="b", text="", source="CNN", claims=[b_seize]),
        "c": Article(id="c", text="", source="DW", claims=[c_other]),
    }
    story = Story(id="s", title="t", articles=["b", "a", "c"])
    embedder = FakeEmbedder({"Hama": [1.0, 0.0, 0.0], "weather": [0.0, 1.0, 0.0], "Kyiv": [0.0, 0.0, 1.0]})
    return story, articles, embedder


def test_align_align_story_groups_the_same_proposition():
    story, articles, embedder = story_of_three()
    groups = align_story(story, articles, embedder)
    assert [[m.claim for m in g.mentions] for g in groups][0] == ["b-c0", "a-c0", "a-c1"]
    assert sorted(m.claim for g in groups[1:] for m in g.mentions) == ["a-c2", "c-c0"]
    assert all(len(g.mentions) == 1 for g in groups[1:])


def test_align_align_story_multi_report_groups_first():
    story, articles, embedder = story_of_three()
    groups = align_story(story, articles, embedder)
    reports = [len({m.article for m in g.mentions}) for g in groups]
    assert reports == sorted(reports, reverse=True)
    assert reports[0] == 2


def test_align_align_story_group_fields():
    story, articles, embedder = story_of_three()
    group = align_story(story, articles, embedder)[0]
    assert group.summary == "Rebels seized Hama on Thursday"  # the body statement, not a lead
    assert group.event_type == "SEIZE"
    assert [m.source for m in group.mentions] == ["CNN", "BBC", "BBC"]
    assert (group.mentions[2].start, group.mentions[2].end) == (20, 50)
    expected = "g-" + hashlib.sha256("|".join(sorted(["a-c0", "a-c1", "b-c0"])).encode()).hexdigest()[:12]
    assert group.id == expected


def test_align_align_story_ids_are_stable_across_runs():
    story, articles, embedder = story_of_three()
    first = [g.id for g in align_story(story, articles, embedder)]
    assert first == [g.id for g in align_story(story, articles, embedder)]


@pytest.mark.parametrize(
    ("target_b", "sizes"),
    [
        ("the northern districts of Hama", [1, 1]),  # cosine 0.8 + same event + actor - part mismatch < cut
        ("the city of Hama", [2]),  # the same cosine without the mismatch aligns
    ],
)
def test_align_align_story_part_mismatch_keeps_claims_apart(target_b, sizes):
    a = make_claim("a-c0", "Rebels seized Hama", "a", event_type="SEIZE", actors=["rebels"], targets=["Hama"])
    b = make_claim("b-c0", f"Rebels seized {target_b}", "b", event_type="SEIZE", actors=["rebels"],
                   targets=[target_b])
    articles = {"a": Article(id="a", text="", source="BBC", claims=[a]),
                "b": Article(id="b", text="", source="CNN", claims=[b])}
    story = Story(id="s", title="t", articles=["a", "b"])
    embedder = FakeEmbedder({"seized the": [0.8, 0.6, 0.0], "Hama": [1.0, 0.0, 0.0]})
    groups = align_story(story, articles, embedder)
    assert [len(g.mentions) for g in groups] == sizes


def test_align_align_story_without_claims():
    story = Story(id="s", title="t", articles=["a"])
    assert align_story(story, {"a": Article(id="a", text="", source="BBC")}, FakeEmbedder({})) == []


def test_align_stage_sets_story_claims():
    story, articles, embedder = story_of_three()
    analysis = Analysis(articles=list(articles.values()), stories=[story])
    AlignClaims(embedder=embedder)(analysis)
    assert len(analysis.stories[0].claims) == 3


# --- words shared within the story, blocking and the two embedders ----------------------------


def test_align_claim_terms_drop_stop_words_and_normalise_figures():
    terms = claim_terms(make_claim("a1", "Biton's firm paid $10,000 to the campaign"))
    assert set(terms) == {"biton", "firm", "paid", "10000", "campaign"}


def test_align_term_overlap_weighs_rare_words_and_ignores_words_every_claim_has():
    bags = [claim_terms(make_claim(str(i), text)) for i, text in enumerate([
        "Grimm paid Biton at the restaurant", "Grimm met Durand in Houston", "Grimm thanked Durand in Houston"])]
    weights = term_weights(bags)
    assert "grimm" not in weights[0]  # in every claim: says nothing about which claims match
    assert term_overlap(weights[1], weights[2]) == pytest.approx(1 / 3)  # durand + houston of 2 rare words each
    assert term_overlap(weights[0], weights[1]) == 0.0
    assert term_overlap(weights[1], weights[2]) == pytest.approx(term_overlap(weights[2], weights[1]))


def test_align_candidate_pairs_from_close_vectors_and_rare_shared_words():
    vectors = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0], [0.0, 1.0]])
    terms = [claim_terms(make_claim(str(i), t)) for i, t in enumerate(["alpha", "beta", "gamma zeta", "delta zeta"])]
    pairs = candidate_pairs(vectors, terms, AlignParams(block_floor=0.9), block=2)
    assert pairs == {(0, 1), (2, 3)}
    far = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    assert candidate_pairs(far, terms, AlignParams(block_floor=0.99)) == {(0, 2), (1, 3), (2, 3)}
    # a word shared by more claims than max_key_claims proposes nothing
    assert candidate_pairs(far, terms, AlignParams(block_floor=0.99, max_key_claims=1)) == {(0, 2), (1, 3)}


def test_align_candidate_pair_arrays_are_sorted_and_match_the_pair_set():
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    terms = [claim_terms(make_claim(str(i), t)) for i, t in enumerate(["alpha", "beta", "gamma zeta", "delta zeta"])]
    first, second = candidate_pair_arrays(vectors, terms, AlignParams(block_floor=0.99), block=3)
    assert list(zip(first.tolist(), second.tolist())) == [(0, 2), (1, 3), (2, 3)]
    empty = candidate_pair_arrays(np.zeros((1, 2)), terms[:1], AlignParams())
    assert [len(a) for a in empty] == [0, 0]


def test_align_pair_term_overlaps_equal_term_overlap():
    bags = [claim_terms(make_claim(str(i), text)) for i, text in enumerate([
        "Rebels entered Hama on Thursday", "Durand flew to Houston", "Durand landed in Houston on Thursday",
        "The army left Hama"])]
    weights = term_weights(bags)
    first, second = np.array([0, 1, 1, 0]), np.array([3, 2, 3, 2])
    got = pair_term_overlaps(term_matrix(weights), first, second)
    want = [term_overlap(weights[i], weights[j]) for i, j in zip(first, second)]
    assert got.tolist() == pytest.approx(want)
    assert got[1] > 0.3 and got[2] == 0.0


def test_align_align_story_rescores_only_what_the_blocker_finds_close():
    story, articles, embedder = story_of_three()
    # The blocker sees nothing alike and the claims share no rare word: nothing is aligned.
    blind = FakeEmbedder({"Rebel fighters": [0.0, 1.0, 0.0], "Hama": [1.0, 0.0, 0.0], "weather": [0.0, 0.0, 1.0]})
    params = AlignParams(max_key_claims=0)
    groups = align_story(story, articles, embedder, params, blocker=blind)
    assert all(len({m.article for m in g.mentions}) == 1 for g in groups)
    # With the scoring embedder as its own blocker the lead and the other report align.
    groups = align_story(story, articles, embedder, params)
    assert len({m.article for m in groups[0].mentions}) == 2


def test_align_pair_score_shared_terms_and_figures():
    params = AlignParams(shared_terms=0.2, shared_figure=0.2)
    a = make_claim("a1", "They spent 300 dollars at the Vineyard retreat",
                   quantities=[Quantity("300 dollars", 11, 22, 300.0, 300.0, "dollar")])
    b = make_claim("b1", "A 450 dollars bill at the Vineyard retreat", article="b",
                   quantities=[Quantity("450 dollars", 2, 13, 450.0, 450.0, "dollar")])
    assert pair_score(a, b, COSINE, params, terms=0.5) == pytest.approx(COSINE + 0.1 + 0.2)
    c = make_claim("c1", "A 450 dollars fine for the senator", article="c",
                   quantities=[Quantity("450 dollars", 2, 13, 450.0, 450.0, "dollar")])
    assert pair_score(a, c, COSINE, params) == pytest.approx(COSINE)


NORWALK = Place("Norwalk", 4839843, 41.12, -73.41, "US", "city")
NORFOLK = Place("Norfolk", 4776222, 36.85, -76.29, "US", "city")


def on_day(value: str) -> TimeMention:
    return TimeMention(value, 0, 4, "DATE", value)


@pytest.mark.parametrize(
    ("a", "b", "bonus"),
    [
        # the same verb outside the event ontology names one happening
        (dict(action="misspeak"), dict(action="misspeak"), PARAMS.same_event),
        # ... placed in two different cities: the conflicting versions must meet in one group
        (dict(action="misspeak", places=[at(NORWALK)]), dict(action="misspeak", places=[at(NORFOLK)]),
         PARAMS.same_event + PARAMS.rival_place),
        # a light verb says nothing
        (dict(action="have"), dict(action="have"), 0.0),
        # the same recurring verb on two different days: two meetings
        (dict(action="meet", times=[on_day("2012-12-13TEV")]), dict(action="meet", times=[on_day("2012-12-09")]), 0.0),
        # one named speaker behind both
        (dict(attribution=[Attribution("House Speaker John Boehner", "said", "john boehner", "person")]),
         dict(attribution=[Attribution("Speaker John A. Boehner of Ohio", "said", "boehner", "person")]),
         PARAMS.shared_speaker),
        # two different speakers
        (dict(attribution=[Attribution("Senator Harry Reid", "said", "reid", "person")]),
         dict(attribution=[Attribution("Speaker John Boehner", "said", "boehner", "person")]), 0.0),
    ],
)
def test_align_pair_score_untyped_verbs_and_speakers(a, b, bonus):
    ca, cb = make_claim("a1", **a), make_claim("b1", article="b", **b)
    assert pair_score(ca, cb, COSINE, PARAMS) == pytest.approx(COSINE + bonus)
    assert pair_score(cb, ca, COSINE, PARAMS) == pytest.approx(COSINE + bonus)


def test_align_pair_score_generic_event_types_are_no_evidence_against():
    # "$1.1 million is the estimated cost" (a copula) / "a magazine estimated it at $1 million" (a statement)
    copula, statement = make_claim("a1", event_type="LOCATE"), make_claim("b1", article="b", event_type="STATEMENT")
    assert pair_score(copula, statement, COSINE, PARAMS) == pytest.approx(COSINE)
    seize = make_claim("c1", article="c", event_type="SEIZE")
    assert pair_score(statement, seize, COSINE, PARAMS) == pytest.approx(COSINE)
    assert pair_score(make_claim("d1", event_type="ASSAULT"), seize, COSINE, PARAMS) == \
        pytest.approx(COSINE + PARAMS.different_event)


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ("the lawsuit was without merit", "the challenge from two states was “without merit", True),
        ("he called the cover “sexist and demeaning”", "the cover was sexist and demeaning, she said", True),
        ("the lawsuit was without merit", "the lawsuit had merit, without doubt", False),
        # a one-word quotation is too common to say it is one statement
        ("she called it “sexist”", "the cover is sexist", False),
    ],
)
def test_align_pair_score_shared_quotation(a, b, shared):
    ca, cb = make_claim("a1", a), make_claim("b1", b, article="b")
    bonus = PARAMS.shared_quote if shared else 0.0
    assert pair_score(ca, cb, COSINE, PARAMS) == pytest.approx(COSINE + bonus)
    assert pair_score(cb, ca, COSINE, PARAMS) == pytest.approx(COSINE + bonus)


def with_figure(cid: str, text: str, figure: str, article: str, start: int = 0) -> Claim:
    at_ = text.index(figure)
    value = float(figure.strip("$").replace(",", ""))
    return make_claim(cid, text, article, start, quantities=[Quantity(figure, start + at_, start + at_ + len(figure),
                                                                       value, value, "dollar")])


def test_align_align_story_rescores_pairs_a_shared_figure_can_carry():
    # Two figures for one purchase, far apart under the cheap blocker: the figure bonus can carry
    # such a pair over the cut, so it must reach the scoring embedder.
    spent = with_figure("a-c0", "Jackson spent $10,000 at Best Buy stores", "$10,000", "a")
    bought = with_figure("b-c0", "Records list $10,977.74 at Best Buy stores", "$10,977.74", "b")
    other = make_claim("c-c0", "The judge set a hearing for June", "c")
    articles = {"a": Article(id="a", text="", source="A", claims=[spent]),
                "b": Article(id="b", text="", source="B", claims=[bought]),
                "c": Article(id="c", text="", source="C", claims=[other])}
    story = Story(id="s", title="t", articles=["a", "b", "c"])
    blocker = FakeEmbedder({"Jackson": [1.0, 0.0, 0.0], "Records": [0.4, 0.9165, 0.0], "judge": [0.0, 0.0, 1.0]})
    scorer = FakeEmbedder({"Best Buy": [1.0, 0.0, 0.0], "judge": [0.0, 0.0, 1.0]})
    groups = align_story(story, articles, scorer, PARAMS, blocker=blocker)
    assert sorted(m.claim for m in groups[0].mentions) == ["a-c0", "b-c0"]
    # Without the figure the pair stays below the rescoring floor and is never scored.
    plain = [make_claim(c.id, c.text.replace("$10,000 ", "").replace("$10,977.74 ", ""), c.article_id)
             for c in (spent, bought)]
    articles["a"].claims, articles["b"].claims = plain[:1], plain[1:]
    groups = align_story(story, articles, scorer, PARAMS, blocker=blocker)
    assert all(len(g.mentions) == 1 for g in groups)


class CountingEmbedder(FakeEmbedder):
    """A FakeEmbedder that remembers every text it was asked to encode."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        super().__init__(table)
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return super().encode(texts)


def test_align_align_story_rescores_pairs_within_one_report_only_when_close():
    # Two wordings of one fact in report a, one in report b: the blocker finds all three pairs
    # moderately close (cosine 0.8). The cross-report pairs are scored with the scoring embedder;
    # the pair within report a only from within_report_floor down.
    lead = make_claim("a-c0", "Rebels seize Hama", "a", 0)
    body = make_claim("a-c1", "Fighters took Hama city", "a", 30)
    other = make_claim("b-c0", "Rebel forces in Hama", "b", 0)
    blocker = FakeEmbedder({"Rebels seize": [1.0, 0.0, 0.0], "Fighters": [0.8, 0.6, 0.0], "Rebel forces": [0.8, -0.6, 0.0]})
    articles = {"a": Article(id="a", text="", source="A", claims=[lead, body]),
                "b": Article(id="b", text="", source="B", claims=[other])}
    story = Story(id="s", title="t", articles=["a", "b"])
    # cosines: lead-body 0.8 (within a), lead-other 0.8, body-other 0.28 (below the blocking floor)
    params = AlignParams(max_key_claims=0, shared_terms=0.0)
    scorer = CountingEmbedder({"Hama": [1.0, 0.0, 0.0]})
    align_story(story, articles, scorer, params, blocker=blocker)
    assert set(scorer.seen) == {"Rebels seize Hama", "Rebel forces in Hama"}
    scorer = CountingEmbedder({"Hama": [1.0, 0.0, 0.0]})
    groups = align_story(story, articles, scorer, AlignParams(max_key_claims=0, shared_terms=0.0,
                                                             within_report_floor=0.75), blocker=blocker)
    assert set(scorer.seen) == {"Rebels seize Hama", "Rebel forces in Hama", "Fighters took Hama city"}
    assert sorted(m.claim for m in groups[0].mentions) == ["a-c0", "a-c1", "b-c0"]
