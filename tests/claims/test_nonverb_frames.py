"""Noun cues with a possessor (claims.nonverb_frames), in PolNeAR's reading."""

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
        # an opening phrase with a possessed cue credits the clause it governs
        ("By the mayor's own admission, the city budget is far larger than the figure she gave in May.",
         "the mayor's", "admission", "the city budget is far larger than the figure she gave in May"),
        ("Under the governor's plan, families earning less than $50,000 would pay no state tax.",
         "the governor's", "plan", "families earning less than $50,000 would pay no state tax"),
        # with a possessor, "of" and "on" name what the stance is about
        ("The governor criticized the mayor's comments on the shooting of a teenager.",
         "the mayor's", "comments", "the shooting of a teenager"),
        ("The analysts praised his theory of the central bank's role in the economy.",
         "his", "theory", "the central bank's role in the economy"),
    ],
)
def test_nonverb_frames_possessor_is_the_source(nlp, text, source, cue, content):
    assert ([source], cue, content) in _credits(nlp, text, **POLNEAR)


@pytest.mark.slow
def test_nonverb_frames_date_after_on_is_not_a_topic(nlp):
    credits = _credits(nlp, "Reporters asked about his remarks on Saturday.", **POLNEAR)
    assert all(cue != "remarks" for _sources, cue, _content in credits)


@pytest.mark.slow
def test_nonverb_frames_possessed_topic_stays_off_in_the_pipeline_reading(nlp):
    text = "By the mayor's own admission, the city budget is far larger than the figure she gave in May."
    assert _credits(nlp, text) == []
