"""Sources of reporting verbs read from the parse (claims.verb_frames), in PolNeAR's reading."""

import pytest

from consilience.claims.attribution import attribute_document

POLNEAR = {"resolve_pronouns": False, "attitude_objects": True, "sourceless": True}


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


def _credits(nlp, text, **options):
    doc = nlp(text)
    return [([a.source for a in f.chain], doc.text[f.cue_start:f.cue_end], doc.text[f.content_start:f.content_end])
            for sentence in attribute_document(doc, **options) for f in sentence]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # an infinitive under an adjective: the adjective's subject speaks
        ("The senator was slow to embrace new ideas about energy.", "The senator", "embrace",
         "new ideas about energy"),
        ("The governor was able to tout his polling strength at every stop.", "The governor", "tout",
         "his polling strength"),
        # an infinitive on the object of the governing verb: that verb's subject speaks
        ("The mayor never missed an opportunity to remind the audience that he had balanced the budget.",
         "The mayor", "remind", "he had balanced the budget"),
    ],
)
def test_verb_frames_governed_cue_takes_the_governing_subject(nlp, text, source, cue, content):
    assert (([source], cue, content)) in _credits(nlp, text, **POLNEAR)


@pytest.mark.slow
def test_verb_frames_governed_cue_stays_off_in_the_pipeline_reading(nlp):
    assert _credits(nlp, "The senator was slow to embrace new ideas about energy.") == []


@pytest.mark.slow
def test_verb_frames_expletive_subject_credits_no_one(nlp):
    credits = _credits(nlp, "It is worth noting that the bill passed without a debate.", **POLNEAR)
    assert all("It" not in sources for sources, _cue, _content in credits)


@pytest.mark.slow
def test_verb_frames_cue_conjoined_to_the_reported_clause_credits_the_outer_speaker(nlp):
    text = ("The prime minister said this week that the country would formally declare its intention to leave "
            "the union and suggested that it would quit the single market.")
    suggested = [sources for sources, cue, _content in _credits(nlp, text) if cue == "suggested"]
    assert suggested == [["The prime minister"]]


@pytest.mark.slow
def test_verb_frames_cue_conjoined_to_a_reported_cue_keeps_its_subject(nlp):
    text = "The coach said the player promised to stay and said he would sign a new contract."
    assert (["the player"], "said", "he would sign a new contract") in _credits(nlp, text)


@pytest.mark.slow
def test_verb_frames_opening_participle_credits_the_passive_subject(nlp):
    text = "After saying her right foot was swollen, the senator was rushed to a hospital for tests."
    assert _credits(nlp, text, **POLNEAR) == [(["the senator"], "saying", "her right foot was swollen")]
