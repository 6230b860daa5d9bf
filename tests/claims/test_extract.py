"""Splitting a parsed report into attributed claims: spans, chains, actors, hedges, quotes, facts."""

from __future__ import annotations

import pytest

from consilience.model import Article, Place, PlaceMention, Quantity, TimeMention

pytestmark = pytest.mark.slow

HAMA = Place("Hama", 170017, 35.13, 36.75, "SY", "city")


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def extract(nlp):
    """Parse `text`, give the article hand-made or found places, and extract its claims."""
    from consilience.annotate.places import find_places
    from consilience.claims.extract import extract_claims

    def run(text: str, places: list[PlaceMention] | str | None = None, **fields):
        doc = nlp(text)
        article = Article(id="art", text=text, source="Test", **fields)
        article.places = find_places(doc) if places == "find" else list(places or [])
        return article, extract_claims(article, doc)

    return run


def one(claims):
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


REPORT = ("Rebel fighters entered Hama on Thursday and seized the central prison. "
          "They freed hundreds of detainees, the opposition said. "
          "Russian jets reportedly struck the road to Homs.")


def test_extract_spans_slice_the_text_exactly(extract):
    article, claims = extract(REPORT)
    assert len(claims) >= 4
    for claim in claims:
        assert claim.text == article.text[claim.start:claim.end]
        assert claim.article_id == "art"
    assert [c.id for c in claims] == [f"art-c{i}" for i in range(len(claims))]
    assert [c.sentence for c in claims] == sorted(c.sentence for c in claims)
    assert [c.lead for c in claims] == [c.sentence == 0 for c in claims]


def test_extract_conjoined_predicates_are_two_claims(extract):
    _, claims = extract(REPORT)
    first = [c for c in claims if c.sentence == 0]
    assert [(c.text, c.action, c.event_type, c.actors) for c in first] == [
        ("Rebel fighters entered Hama on Thursday", "enter", "SEIZE", ["Rebel fighters"]),
        ("seized the central prison", "seize", "SEIZE", ["Rebel fighters"]),
    ]


def test_extract_attributed_content_excludes_the_cue(extract):
    _, claims = extract(REPORT)
    freed = one([c for c in claims if c.sentence == 1])
    assert freed.text == "They freed hundreds of detainees"
    assert [(a.source, a.cue) for a in freed.attribution] == [("the opposition", "said")]


def test_extract_report_speaking_itself_has_no_attribution(extract):
    _, claims = extract(REPORT)
    assert all(c.attribution == [] for c in claims if c.sentence in (0, 2))


def test_extract_this_is_reported_by_applies_to_previous_sentence(extract):
    _, claims = extract("Rebels captured the central prison in Hama on Thursday. This is reported by Reuters.")
    claim = one(claims)
    assert claim.text == "Rebels captured the central prison in Hama on Thursday"
    assert [(a.source, a.origin, a.kind) for a in claim.attribution] == [("Reuters", "reuters", "wire")]


def test_extract_attribution_chain_outermost_first(extract):
    _, claims = extract("Reuters reported that officials told it that the army withdrew from Hama.")
    claim = one(claims)
    assert claim.text == "the army withdrew from Hama"
    assert [a.source for a in claim.attribution] == ["Reuters", "officials"]
    assert claim.event_type == "RETREAT"


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a pronoun subject of reported content is the speaker
        ("The Syrian army said it withdrew from Hama to protect civilians.", ["The Syrian army"]),
        # with no speaker, the previous claim's actor
        ("Rebel fighters entered Hama on Thursday. They seized the city hall.", ["Rebel fighters"]),
    ],
)
def test_extract_pronoun_actor_is_resolved(extract, text, actors):
    _, claims = extract(text)
    assert claims[-1].actors == actors


def test_extract_pronoun_without_antecedent_is_kept(extract):
    _, claims = extract("They seized the city hall and the main square.")
    assert one(claims).actors == ["They"]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Rebels reportedly seized the airport near Hama.", ["reportedly"]),
        ("Rebels may have seized the airport near Hama.", ["may"]),
        ("Rebels allegedly killed 20 soldiers near Homs.", ["allegedly"]),
        ("Rebels seized the airport near Hama.", []),
    ],
)
def test_extract_hedges(extract, text, hedges):
    _, claims = extract(text)
    assert one(claims).hedges == hedges


def test_extract_according_to_frame_cuts_the_content(extract):
    _, claims = extract("Rebels seized the airport near Hama, according to Reuters.")
    claim = one(claims)
    assert claim.text == "Rebels seized the airport near Hama"
    assert [a.cue for a in claim.attribution] == ["according to"]


def test_extract_quote_inside_claim(extract):
    _, claims = extract('The army said it had "temporarily redeployed" its units outside Hama.')
    claim = one(claims)
    assert claim.quote == "temporarily redeployed"
    assert claim.event_type == "RETREAT"
    assert claim.actors == ["The army"]


def test_extract_quote_at_end_of_claim(extract):
    _, claims = extract('Rebels described the capture of Hama as "a historic victory for the revolution".')
    assert one(claims).quote == "a historic victory for the revolution"


@pytest.mark.parametrize(
    ("text", "polarity", "event"),
    [
        ("The rebels did not capture the airport.", "negative", "SEIZE"),
        ("The rebels captured the airport.", "positive", "SEIZE"),
        ("Rebels drove the army out of Hama.", "positive", "EXPEL"),  # the army leaves, the rebels stay
        ("Hama had been under government control for years.", "positive", "CONTROL"),
        ("Fighters took over the airport in the north.", "positive", "SEIZE"),
        ("Russia and Iran have backed the government for years.", "positive", "SUPPORT"),
    ],
)
def test_extract_event_and_polarity(extract, text, polarity, event):
    _, claims = extract(text)
    claim = one(claims)
    assert (claim.polarity, claim.event_type) == (polarity, event)


def test_extract_support_relation_is_its_own_claim(extract):
    _, claims = extract("Rebels backed by Turkey attacked the town.")
    support = one([c for c in claims if c.event_type == "SUPPORT"])
    assert (support.text, support.actors, support.targets) == ("Rebels backed by Turkey", ["Turkey"], ["Rebels"])


def test_extract_short_clauses_are_dropped(extract):
    _, claims = extract("He left. Rebels allegedly killed 20 soldiers near Homs.")
    assert [c.id for c in claims] == ["art-c0"]
    assert claims[0].sentence == 1 and not claims[0].lead


def test_extract_fell_back_is_a_retreat(extract):
    _, claims = extract("The army fell back from Hama.")
    assert one(claims).event_type == "RETREAT"


def test_extract_fallen_place_is_not_the_seizer(extract):
    _, claims = extract("Hama fell to the rebels on Thursday.")
    assert "Hama" not in one(claims).actors


# --- facts: places, times, quantities ----------------------------------------------------------


def test_extract_places_found_in_span(extract):
    article, claims = extract("Rebel fighters entered Hama on Thursday.", places="find")
    claim = one(claims)
    assert [p.text for p in claim.places] == ["Hama"]
    assert claim.places[0].place.geonameid == 170017


def test_extract_the_city_is_the_main_city(extract):
    text = "Rebel fighters entered Hama. The army said the city had fallen to the rebels."
    article, claims = extract(text, places=[PlaceMention("Hama", 22, 26, HAMA)])
    fallen = claims[-1]
    assert [(p.text, p.place.name, p.reason) for p in fallen.places] == [
        ("the city", "Hama", "anaphor: the report's main city")]
    place = fallen.places[0]
    assert article.text[place.start:place.end] == "the city"


def test_extract_the_city_needs_places(extract):
    _, claims = extract("Rebel fighters entered Hama. The army said the city had fallen to the rebels.")
    assert all(c.places == [] for c in claims)


def test_extract_the_city_ignores_countries(extract):
    syria = Place("Syria", 163843, 35.0, 38.0, "SY", "country")
    _, claims = extract("Rebels advanced in Syria. The army said the city had fallen to the rebels.",
                        places=[PlaceMention("Syria", 19, 24, syria)])
    assert claims[-1].places == []


def test_extract_times_and_quantities_inside_span(extract):
    text = "Rebels entered Hama on Thursday. They freed 300 prisoners."
    thursday = TimeMention("Thursday", 23, 31, "DATE", "2024-12-05")
    prisoners = Quantity("300 prisoners", 44, 57, 300, 300, "prisoner")
    doc_text_check = (text[23:31], text[44:57])
    assert doc_text_check == ("Thursday", "300 prisoners")
    _, claims = extract(text, times=[thursday], quantities=[prisoners])
    assert [(c.times, c.quantities) for c in claims] == [([thursday], []), ([], [prisoners])]


def test_extract_outer_content_of_a_nested_frame(extract):
    # The inner "he said he served" takes the frame's content; where he misspoke, which the outer
    # speaker reports, is a claim of its own, credited to the outer speaker only.
    _, claims = extract("The A.G., according to the Times, said he had misspoken at a 2008 event in Norfolk "
                        "in which he said he had served in Vietnam.")
    texts = {c.text: c for c in claims}
    assert "he had served in Vietnam" in texts
    outer = next(c for c in claims if "misspoken" in c.text)
    assert "Norfolk" in outer.text and "Vietnam" not in outer.text
    assert [a.source for a in outer.attribution] == ["the Times", "The A.G."]
    assert [a.source for a in texts["he had served in Vietnam"].attribution][-1] == "he"


def test_extract_main_clause_above_a_cue_in_a_relative_clause(extract):
    # The friends are credited with what they agreed to; what the woman was accused of is the
    # report's own statement, without the friends' clause and credited to no one.
    _, claims = extract("The woman was accused of funneling at least $10,000 to the senator's campaign by passing "
                        "the money through friends who agreed to have the donations listed under their names.")
    texts = {c.text: c for c in claims}
    agreed = texts["to have the donations listed under their names"]
    assert [a.source for a in agreed.attribution] == ["friends"]
    main = next(c for c in claims if c.text.startswith("The woman was accused"))
    assert main.attribution == [] and "agreed" not in main.text and "$10,000" in main.text


def test_extract_main_speech_verb_keeps_the_sentence_to_its_speaker(extract):
    # A speech verb at the top credits the whole sentence: no claim in the report's own voice.
    _, claims = extract("Prosecutors said the woman paid friends who agreed to list the donations under their names.")
    assert all(c.attribution for c in claims)


def test_extract_single_frame_gets_no_outer_claim(extract):
    _, claims = extract("The army said it had withdrawn from Hama.")
    assert [c.text for c in claims] == ["it had withdrawn from Hama"]
