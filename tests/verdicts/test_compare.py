"""Typed comparison of two aligned claims: each conflict kind, and compatible versions giving None."""

from __future__ import annotations

import pytest

from consilience.annotate.quantities import parse_quantity
from consilience.model import Attribution, Claim, Place, PlaceMention, Quantity, TimeMention
from consilience.verdicts.compare import compare_claims, count_same_thing
from consilience.verdicts.setting import Setting

HAMA = Place("Hama", 170017, 35.13, 36.75, "SY", "city")
HOMS = Place("Homs", 169577, 34.73, 36.72, "SY", "city")
SYRIA = Place("Syria", 163843, 35.0, 38.0, "SY", "country")


def make_claim(cid: str, text: str = "a claim", article: str = "a", **fields) -> Claim:
    return Claim(id=cid, article_id=article, text=text, start=0, end=len(text), sentence=0, **fields)


def quantity(text: str) -> Quantity:
    low, high, approx, unit = parse_quantity(text)
    return Quantity(text, 0, len(text), low, high, unit, approx)


def at(place: Place) -> PlaceMention:
    return PlaceMention(place.name, 0, len(place.name), place)


def on(value: str) -> TimeMention:
    return TimeMention(value, 0, 10, "DATE", value)


def said_by(source: str, origin: str, kind: str) -> list[Attribution]:
    return [Attribution(source, "said", origin, kind)]


# --- polarity -------------------------------------------------------------------------------


def test_compare_polarity_negated_capture():
    a = make_claim("a1", "Rebels seized Hama", actors=["rebels"], event_type="SEIZE")
    b = make_claim("b1", "Rebel fighters did not seize Hama", "b", actors=["rebel fighters"], event_type="SEIZE",
                   polarity="negative")
    finding = compare_claims(a, b)
    assert finding.kind == "polarity"
    assert finding.values == ("rebels: in control", "rebel fighters: not in control")


def test_compare_polarity_negated_non_territorial_event():
    a = make_claim("a1", "Jets struck the hospital", actors=["Russian jets"], event_type="ASSAULT")
    b = make_claim("b1", "Russian aircraft never struck the hospital", "b", actors=["Russian aircraft"],
                   event_type="ASSAULT", polarity="negative")
    finding = compare_claims(a, b)
    assert finding.kind == "polarity"
    assert finding.values == ("positive", "negative")


def test_compare_polarity_seize_vs_expel_of_the_same_party():
    # "Rebels seized Hama" vs "the army drove the rebels out of Hama": who holds Hama differs.
    a = make_claim("a1", actors=["rebels"], targets=["Hama"], event_type="SEIZE")
    b = make_claim("b1", "b", actors=["the army"], targets=["the rebels"], event_type="EXPEL")
    assert compare_claims(a, b).kind == "polarity"


def test_compare_seize_vs_expel_of_the_other_party_agree():
    # "Rebels seized Hama" and "rebels drove the army out of Hama" tell the same story.
    a = make_claim("a1", actors=["rebels"], targets=["Hama"], event_type="SEIZE")
    b = make_claim("b1", "b", actors=["rebels"], targets=["the army"], event_type="EXPEL")
    assert compare_claims(a, b).kind is None


def test_compare_seize_vs_withdrawal_of_the_same_side():
    a = make_claim("a1", actors=["government forces"], event_type="SEIZE")
    b = make_claim("b1", actors=["the army"], event_type="RETREAT")
    assert compare_claims(a, b).kind == "polarity"


def test_compare_statements_never_conflict_on_polarity():
    a = make_claim("a1", actors=["the army"], event_type="STATEMENT")
    b = make_claim("b1", actors=["the army"], event_type="STATEMENT", polarity="negative")
    assert compare_claims(a, b).kind is None


# --- actor ------------------------------------------------------------------------------------


def test_compare_actor_conflict_on_who_withdrew():
    a = make_claim("a1", "Russian troops withdrew", actors=["Russian troops"], event_type="RETREAT")
    b = make_claim("b1", "The Syrian army withdrew", actors=["the Syrian army"], event_type="RETREAT")
    finding = compare_claims(a, b)
    assert finding.kind == "actor"
    assert finding.values == ("Russian troops", "the Syrian army")
    assert "the withdrawal" in finding.explanation


def test_compare_actor_conflict_falls_back_to_the_speaker():
    # No grammatical subject: who announced it is who did it.
    a = make_claim("a1", event_type="ASSAULT", attribution=said_by("Russian troops", "russian troops", "military"))
    b = make_claim("b1", event_type="ASSAULT", attribution=said_by("the Syrian army", "syrian army", "military"))
    assert compare_claims(a, b).kind == "actor"


def test_compare_actor_conflict_on_who_was_supported():
    a = make_claim("a1", actors=["Russia"], targets=["the rebels"], event_type="SUPPORT")
    b = make_claim("b1", actors=["Russia"], targets=["the Syrian government"], event_type="SUPPORT")
    finding = compare_claims(a, b)
    assert finding.kind == "actor"
    assert finding.values == ("the rebels", "the Syrian government")


def test_compare_actor_unknown_events_with_different_actions_are_not_compared():
    a = make_claim("a1", action="meet", actors=["Russian troops"])
    b = make_claim("b1", action="visit", actors=["the Syrian army"])
    assert compare_claims(a, b).kind is None


@pytest.mark.parametrize(
    ("actors_a", "actors_b", "event"),
    [
        (["the army"], ["the Syrian army"], "RETREAT"),  # less specific
        (["rebels"], ["rebel fighters"], "SEIZE"),
        (["Russia"], ["Russia", "Iran"], "SUPPORT"),  # "backed by Russia" vs "backed by Russia and Iran"
        (["Russian troops"], ["the Syrian army"], "STATEMENT"),  # speech acts: actor differences are not disputes
    ],
)
def test_compare_compatible_actors_give_no_conflict(actors_a, actors_b, event):
    a = make_claim("a1", actors=actors_a, targets=["the government"], event_type=event)
    b = make_claim("b1", actors=actors_b, targets=["the government"], event_type=event)
    assert compare_claims(a, b).kind is None


# --- number -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text_a", "text_b", "kind"),
    [
        ("hundreds of people", "thousands of people", "number"),
        ("136 km", "80 km", "number"),
        ("more than half a million people", "460,000 people", None),  # reporters round: compatible
        ("about 300 fighters", "310 fighters", None),
        ("300 fighters", "80 km", None),  # different units are not compared
    ],
)
def test_compare_number_table(text_a, text_b, kind):
    a = make_claim("a1", actors=["rebels"], event_type="MOVE", quantities=[quantity(text_a)])
    b = make_claim("b1", actors=["rebels"], event_type="MOVE", quantities=[quantity(text_b)])
    assert compare_claims(a, b).kind == kind


def test_compare_number_values_are_normalised():
    a = make_claim("a1", quantities=[quantity("136 km")])
    b = make_claim("b1", quantities=[quantity("80 km")])
    assert compare_claims(a, b).values == ("136 kilometer", "80 kilometer")


# --- date -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates_a", "dates_b", "kind"),
    [
        (["2024-11-28"], ["2024-11-29"], "date"),
        (["2024-11-28"], ["2024-11-28"], None),
        (["2024-11-28", "2024-11-29"], ["2024-11-29"], None),  # one shared date is enough
        (["2024-11-28", "2024-09-11"], ["2024-11-29"], None),  # two days in one claim: which dates it?
        (["XXXX-11-28"], ["2024-11-29"], None),  # a date without a year is not a full date
        (["2024-W48"], ["2024-11-29"], None),
    ],
)
def test_compare_date_table(dates_a, dates_b, kind):
    a = make_claim("a1", actors=["rebels"], event_type="SEIZE", times=[on(v) for v in dates_a])
    b = make_claim("b1", actors=["rebels"], event_type="SEIZE", times=[on(v) for v in dates_b])
    finding = compare_claims(a, b)
    assert finding.kind == kind
    if kind:
        assert finding.values == ("2024-11-28", "2024-11-29")


# --- place ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place_a", "place_b", "event", "kind"),
    [
        (HAMA, HOMS, "SEIZE", "place"),
        (HAMA, HAMA, "SEIZE", None),
        (HAMA, SYRIA, "SEIZE", None),  # the city lies in the country
        (HAMA, HOMS, "STATEMENT", None),  # speech acts carry no place of their own
    ],
)
def test_compare_place_table(place_a, place_b, event, kind):
    a = make_claim("a1", actors=["rebels"], event_type=event, places=[at(place_a)])
    b = make_claim("b1", actors=["rebels"], event_type=event, places=[at(place_b)])
    finding = compare_claims(a, b)
    assert finding.kind == kind
    if kind:
        assert finding.values == ("Hama", "Homs")


# --- attribution ------------------------------------------------------------------------------


def test_compare_attribution_conflict_between_two_official_speakers():
    a = make_claim("a1", actors=["rebels"], event_type="SEIZE",
                   attribution=said_by("the Syrian army", "syrian army", "military"))
    b = make_claim("b1", actors=["rebels"], event_type="SEIZE",
                   attribution=said_by("the Russian defence ministry", "russian defence ministry", "official"))
    finding = compare_claims(a, b)
    assert finding.kind == "attribution"
    assert finding.values == ("syrian army", "russian defence ministry")


@pytest.mark.parametrize(
    ("speaker_b", "origin_b", "kind_b"),
    [
        ("Reuters", "reuters", "wire"),  # media citing each other is not an attribution dispute
        ("the army", "army", "military"),  # compatible with the Syrian army
        ("the Syrian defence ministry", "syrian defence ministry", "official"),  # same side
    ],
)
def test_compare_attribution_compatible_speakers(speaker_b, origin_b, kind_b):
    a = make_claim("a1", actors=["rebels"], event_type="SEIZE",
                   attribution=said_by("the Syrian army", "syrian army", "military"))
    b = make_claim("b1", actors=["rebels"], event_type="SEIZE", attribution=said_by(speaker_b, origin_b, kind_b))
    assert compare_claims(a, b).kind is None


# --- order ------------------------------------------------------------------------------------


def test_compare_first_check_that_fires_names_the_conflict():
    # Both the actor and the number differ: actor comes before number.
    a = make_claim("a1", actors=["Russian troops"], event_type="RETREAT", quantities=[quantity("136 km")])
    b = make_claim("b1", actors=["the Syrian army"], event_type="RETREAT", quantities=[quantity("80 km")])
    assert compare_claims(a, b).kind == "actor"


def test_compare_identical_claims_agree():
    a = make_claim("a1", actors=["rebels"], event_type="SEIZE", places=[at(HAMA)], times=[on("2024-11-28")])
    finding = compare_claims(a, a)
    assert finding.kind is None
    assert finding.values is None


# --- figures: the same thing counted, in the same time frame ----------------------------------


def claim_with(cid: str, text: str, *figures: str, article: str = "a", **fields) -> Claim:
    """A claim whose quantities sit at their real offsets in `text` (the figure's role is read there)."""
    quantities = []
    for figure in figures:
        start = text.index(figure)
        low, high, approx, unit = parse_quantity(figure)
        quantities.append(Quantity(figure, start, start + len(figure), low, high, unit, approx))
    return Claim(id=cid, article_id=article, text=text, start=0, end=len(text), sentence=0,
                 quantities=quantities, **fields)


def test_compare_number_needs_the_same_role():
    medical = claim_with("a1", "To date, 23 states and the District of Columbia have legalized medical marijuana",
                         "23 states")
    recreational = claim_with("b1", "Four states have legalized recreational marijuana, along with voters in D.C.",
                              "Four states", article="b")
    assert compare_claims(medical, recreational).kind is None


def test_compare_number_same_role_conflicts():
    a = claim_with("a1", "The couple spent 300 dollars at the Holistic Retreat on Martha's Vineyard", "300 dollars")
    b = claim_with("b1", "They paid 450 dollars at the Holistic Retreat in Martha's Vineyard", "450 dollars",
                   article="b")
    assert compare_claims(a, b).kind == "number"


def test_compare_number_different_years_do_not_conflict():
    a = claim_with("a1", "After 2036, the program can pay 77 percent of promised benefits", "77 percent")
    b = claim_with("b1", "By 2085, it can pay 74 percent of promised benefits", "74 percent", article="b")
    assert compare_claims(a, b).kind is None
    c = claim_with("c1", "After 2036, the program can pay 70 percent of promised benefits", "70 percent", article="c")
    assert compare_claims(a, c).kind == "number"


def test_compare_number_a_figure_given_by_both_is_no_conflict():
    words = claim_with("a1", "there is a one-in-three chance that we could lose", "one", "three")
    digits = claim_with("b1", "there is a 1 in 3 chance that we could lose", "1", "3", article="b")
    assert compare_claims(words, digits).kind is None


def test_compare_number_currency_sign_sets_the_unit():
    a = Claim(id="a1", article_id="a", text="They spent $5,687.75 on the Vineyard retreat", start=0, end=44,
              sentence=0, quantities=[Quantity("5,687.75", 12, 20, 5687.75, 5687.75, None)])
    b = Claim(id="b1", article_id="b", text="a $5,587.75 vacation at the Vineyard retreat", start=0, end=44,
              sentence=0, quantities=[Quantity("5,587.75", 3, 11, 5587.75, 5587.75, "vacation")])
    assert compare_claims(a, b).kind == "number"
    assert count_same_thing(a, b)


def test_compare_conditional_claims_have_no_polarity_conflict():
    took = make_claim("a1", "the government would take back the city", event_type="SEIZE", actors=["the government"])
    left = make_claim("b1", "the government left the city", event_type="RETREAT", actors=["the government"])
    assert compare_claims(took, left).kind is None
    took_now = make_claim("a2", "the government took back the city", event_type="SEIZE", actors=["the government"])
    assert compare_claims(took_now, left).kind == "polarity"


# --- untyped verbs, statement days, odds and ages ------------------------------------------

NORWALK = Place("Norwalk", 4839843, 41.12, -73.41, "US", "city")
NORFOLK = Place("Norfolk", 4776222, 36.85, -76.29, "US", "city")
WASHINGTON = Place("Washington", 4140963, 38.9, -77.04, "US", "city")


def test_compare_place_of_an_untyped_happening():
    # "misspoke during the Norwalk event" vs "misspoke at an event in Norfolk": the verb is outside
    # the event ontology, but it is the same verb, so the places must agree.
    a = make_claim("a1", "he had misspoken about his service during the Norwalk event", action="misspeak",
                   places=[at(NORWALK)])
    b = make_claim("b1", "he had misspoken at a 2008 event in Norfolk", "b", action="misspeak", places=[at(NORFOLK)])
    finding = compare_claims(a, b)
    assert finding.kind == "place"
    assert finding.values == ("Norwalk", "Norfolk")


def test_compare_place_needs_the_same_verb_and_ignores_datelines():
    a = make_claim("a1", "he spoke in Norwalk", action="speak", places=[at(NORWALK)])
    b = make_claim("b1", "he slept in Norfolk", "b", action="sleep", places=[at(NORFOLK)])
    assert compare_claims(a, b).kind is None
    dateline = PlaceMention("WASHINGTON", 0, 10, WASHINGTON)
    c = make_claim("c1", "WASHINGTON -- the leaders met", action="meet", places=[dateline])
    d = make_claim("d1", "the leaders met in Norfolk", "d", action="meet", places=[at(NORFOLK)])
    assert compare_claims(c, d).kind is None


def _said(source: str) -> list[Attribution]:
    return [Attribution(source, "said", source.lower(), "person")]


def test_compare_statement_day_of_the_same_speaker():
    a = make_claim("a1", "Republicans had a one-in-three chance of losing the House", event_type="LOCATE",
                   attribution=_said("Speaker John A. Boehner of Ohio"))
    b = make_claim("b1", "there's a 1 in 3 chance that the Republicans will lose the House", "b",
                   event_type="LOCATE", attribution=_said("House Speaker John Boehner"))
    monday, tuesday = Setting((on("2012-04-23"),)), Setting((on("2012-04-24"),))
    finding = compare_claims(a, b, monday, tuesday)
    assert finding.kind == "date"
    assert finding.values == ("2012-04-23", "2012-04-24")
    # The same day, or a week holding that day, is no conflict; nor is a different speaker's day.
    assert compare_claims(a, b, monday, Setting((on("2012-04-23"),))).kind is None
    assert compare_claims(a, b, monday, Setting((TimeMention("last week", 0, 9, "DATE", "2012-W17"),))).kind is None
    c = make_claim("c1", b.text, "c", event_type="LOCATE", attribution=_said("Senator Harry Reid"))
    assert compare_claims(a, c, monday, tuesday).kind is None
    # Without settings the statement days are not compared.
    assert compare_claims(a, b).kind is None


def test_compare_report_issued_last_month_vs_last_week():
    a = make_claim("a1", "the trust funds will be exhausted by 2036",
                   attribution=_said("The projections from the Social Security Administration"))
    b = make_claim("b1", "the Social Security Trust Fund will be exhausted in 2036", "b",
                   attribution=_said("Trustees of the Social Security and Medicare Trust Fund"))
    last_month = Setting((TimeMention("last month", 0, 10, "DATE", "2011-05"),))
    last_week = Setting((TimeMention("last week", 0, 9, "DATE", "2011-W23"),))
    assert compare_claims(a, b, last_month, last_week).kind == "date"


def test_compare_odds_are_no_number_conflict():
    # A one-in-three chance of losing is a two-in-three chance of winning.
    text_a, text_b = "a two-in-three chance that we win", "a one-in-three chance that we could lose"
    a = make_claim("a1", text_a, quantities=[Quantity("two", 2, 5, 2, 2, "chance")])
    b = make_claim("b1", text_b, "b", quantities=[Quantity("one", 2, 5, 1, 1, "chance")])
    assert compare_claims(a, b).kind is None
    # The same figures outside odds do conflict.
    c = make_claim("c1", "a two percent chance", quantities=[Quantity("two", 2, 5, 2, 2, "chance")])
    d = make_claim("d1", "a one percent chance", "d", quantities=[Quantity("one", 2, 5, 1, 1, "chance")])
    assert compare_claims(c, d).kind == "number"


def test_compare_an_age_read_as_a_day_is_no_date_conflict():
    a = make_claim("a1", "filed a lawsuit on Thursday", times=[TimeMention("Thursday", 19, 27, "DATE", "2014-12-18")])
    b = make_claim("b1", "allows marijuana for adults over 21", "b",
                   times=[TimeMention("over 21", 28, 35, "DATE", "2014-12-21")])
    assert compare_claims(a, b).kind is None
    c = make_claim("c1", "filed a lawsuit on Sunday", "c", times=[TimeMention("Sunday", 19, 25, "DATE", "2014-12-21")])
    assert compare_claims(a, c).kind == "date"


def test_compare_a_name_both_claims_write_is_no_place_conflict():
    # "White House" resolved to two different entries is the gazetteer's doubt, not the reports'.
    house_a = PlaceMention("White House", 4, 15, NORWALK)
    house_b = PlaceMention("White House", 4, 15, NORFOLK)
    a = make_claim("a1", "The White House disputed the claims", action="dispute", places=[house_a])
    b = make_claim("b1", "The White House report disputed any suggestion", "b", action="dispute", places=[house_b])
    assert compare_claims(a, b).kind is None


def test_compare_a_claim_reporting_the_other_statement_is_no_statement_day_conflict():
    # Fox: "Santorum said Sunday he meant policies when he referred to 'phony theology' over the
    # weekend"; NYT: Santorum said it Saturday. Fox's claim dates the Saturday remark itself.
    weekend = TimeMention("over the weekend", 40, 56, "DATE", "2012-02-19")
    a = make_claim("a1", "he was not questioning his faith when he referred to phony theology over the weekend",
                   times=[weekend], attribution=_said("Rick Santorum"))
    b = make_claim("b1", "what he called the phony theology of Mr. Obama", "b", attribution=_said("Rick Santorum"))
    sunday, saturday = Setting((on("2012-02-19"),)), Setting((on("2012-02-18"),))
    assert compare_claims(a, b, sunday, saturday).kind is None
    assert compare_claims(a.__class__(**{**a.__dict__, "times": []}), b, sunday, saturday).kind == "date"


def test_compare_days_of_two_different_happenings_do_not_conflict():
    a = make_claim("a1", "the Legislature sent a bill to her desk Monday", action="send", event_type="MOVE",
                   times=[on("2014-02-24")])
    b = make_claim("b1", "she was scheduled to return Tuesday", "b", action="return", times=[on("2014-02-25")])
    assert compare_claims(a, b).kind is None
    c = make_claim("c1", "the Legislature sent the bill on Tuesday", "c", action="send", event_type="MOVE",
                   times=[on("2014-02-25")])
    assert compare_claims(a, c).kind == "date"


def test_compare_count_same_thing_reads_a_role_across_word_forms():
    # "the estimated cost" and "estimated it as costing": one role, written two ways.
    a = claim_with("a1", "$1.1 million is the estimated cost of the reading", "$1.1 million")
    b = claim_with("b1", "a magazine, which estimated it as costing more than $1 million", "more than $1 million",
                   article="b")
    assert count_same_thing(a, b)
    assert compare_claims(a, b).kind is None  # more than $1 million holds $1.1 million


def test_compare_count_same_thing_ignores_list_words():
    # Two purchases in two lists: "including" says nothing of what the money bought.
    fedora = claim_with("a1", "two hats, including a $4,600 fedora", "4,600")
    fedora.quantities[0].unit = "fedora"  # the reader takes the noun after a figure for its unit
    watch = claim_with("b1", "items including a $43,350 gold-plated Rolex watch", "$43,350", article="b")
    assert not count_same_thing(fedora, watch)
    assert compare_claims(fedora, watch).kind is None


def test_compare_count_same_thing_odds_count_one_chance():
    losing = claim_with("a1", "there is a 1 in 3 chance that Republicans lose the House", "1", "3")
    holding = claim_with("b1", "he gave his party a two-in-three chance of holding the House", "two", "three",
                         article="b")
    assert count_same_thing(losing, holding)
    assert compare_claims(losing, holding).kind is None


@pytest.mark.parametrize(
    ("a", "fa", "b", "fb", "kind"),
    [
        # a round figure stands for the exact one near it
        ("bought a $43,000 Rolex watch", "$43,000", "bought a $43,350 Rolex watch", "$43,350", None),
        ("the reading cost $1.1 million in all", "$1.1 million", "the reading cost $1,123,000 in all", "$1,123,000",
         None),
        # ... but not for one beyond its last place, nor is a small or exact figure round
        ("bought a $43,000 Rolex watch", "$43,000", "bought a $44,350 Rolex watch", "$44,350", "number"),
        ("spent 300 dollars at the Retreat", "300 dollars", "spent 310 dollars at the Retreat", "310 dollars", "number"),
        ("spent $5,687.75 at the Retreat", "$5,687.75", "spent $5,587.75 at the Retreat", "$5,587.75", "number"),
    ],
)
def test_compare_number_round_figures_allow_their_rounding(a, fa, b, fb, kind):
    ca, cb = claim_with("a1", a, fa), claim_with("b1", b, fb, article="b")
    assert compare_claims(ca, cb).kind == kind
    assert compare_claims(cb, ca).kind == kind


# --- periods of years -----------------------------------------------------------------------


@pytest.mark.parametrize("text_b, kind", [
    ("Brooke held the seat from 1966 to 1978", "date"),  # one tenure, two versions
    ("Brooke held the seat from 1967 to 1979", None),  # the same span
    ("Brooke held the seat 1967-1979", None),  # written another way
    ("Brooke later chaired a commission from 1985 to 1990", None),  # a different, later period
])
def test_compare_spans_of_years(text_b, kind):
    a = make_claim("a1", "the senator, who served from 1967 to 1979", action="serve")
    b = make_claim("b1", text_b, article="b", action="hold")
    finding = compare_claims(a, b)
    assert finding.kind == kind
    if kind:
        assert finding.values == ("1967-1979", "1966-1978")


def test_compare_number_projection_against_fact_is_no_conflict():
    def claim(cid: str, text: str, figure: str) -> Claim:
        q = quantity(figure)
        start = text.index(figure)
        return make_claim(cid, text, quantities=[Quantity(figure, start, start + len(figure), q.low, q.high, q.unit)])

    projected = claim("a1", "the plan would cut Medicare by $800 billion", "$800 billion")
    done = claim("b1", "the president has cut Medicare by $716 billion", "$716 billion")
    assert compare_claims(projected, done).kind is None
    also_projected = claim("b2", "the plan would cut Medicare by $716 billion", "$716 billion")
    assert compare_claims(projected, also_projected).kind == "number"


def test_count_same_thing_same_specific_figure_whatever_the_words():
    hiring = claim_with("a1", "the president wants to commit $4 billion to hiring more police officers", "$4 billion")
    keeping = claim_with("b1", "an old proposal to spend $4 billion to keep cops on the streets", "$4 billion", article="b")
    assert count_same_thing(hiring, keeping)
    # a different figure with different words around it, or a small figure, says nothing
    other = claim_with("c1", "an old proposal to spend $5 billion to keep cops on the streets", "$5 billion", article="c")
    assert not count_same_thing(hiring, other)
    few = claim_with("d1", "the president wants 40 new officers for the capital", "40 new officers")
    more = claim_with("e1", "a proposal to keep 40 new officers on the streets", "40 new officers", article="e")
    assert not count_same_thing(few, more)
