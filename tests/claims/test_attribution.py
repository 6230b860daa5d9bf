"""Attribution frames over real spaCy parses (claims.attribution)."""

import pytest

from consilience.claims.attribution import Attributed, attribute_document


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


def _frames(nlp, text, sentence=-1, **options):
    doc = nlp(text)
    result = attribute_document(doc, **options)
    assert len(result) == len(list(doc.sents))
    return doc, result[sentence]


def _content(doc, frame: Attributed) -> str:
    return doc.text[frame.content_start:frame.content_end]


# (text, origins outermost first, cue of the frame, words the content holds, words it must not hold)
PATTERNS = [
    ("The army said that its troops had withdrawn from the city.",
     ["army"], "said", ["troops", "withdrawn"], ["said", "that its"]),
    ("Rebels entered the city of Hama on Thursday, the Syrian army said.",
     ["syrian army"], "said", ["Rebels entered", "Hama"], ["army", "said"]),
    ("The Kremlin denied that Russian jets struck the hospital.",
     ["kremlin"], "denied", ["jets struck the hospital"], ["Kremlin", "denied"]),
    ("The ministry announced the capture of the airport.",
     ["ministry"], "announced", ["capture of the airport"], ["announced"]),
    ("Officials told Reuters that the convoy was hit by a drone.",
     ["reuters", "government"], "told", ["convoy was hit"], ["Reuters", "told"]),
    ("The minister told reporters that the talks had failed.",
     ["minister"], "told", ["talks had failed"], ["reporters"]),
    ("According to the Syrian Observatory for Human Rights, at least 20 people were killed.",
     ["syrian observatory for human rights"], "According to", ["20 people were killed"], ["Observatory", "According"]),
    ("At least 20 people were killed, according to Reuters.",
     ["reuters"], "according to", ["20 people were killed"], ["Reuters", "according"]),
    ("Reuters cited a military source as saying that the troops had left.",
     ["reuters", "military source"], "cited", ["troops had left"], ["saying", "source"]),
    ("Reuters reported, citing military sources, that the base was abandoned.",
     ["reuters", "military sources"], "reported", ["base was abandoned"], ["citing", "sources"]),
    ("Footage released by the Pentagon shows tanks moving into the town.",
     ["pentagon"], "shows", ["tanks moving into the town"], ["Footage", "Pentagon"]),
    ("It was reported by AFP that the bridge was destroyed.",
     ["afp"], "reported", ["bridge was destroyed"], ["AFP"]),
    ("The commander is quoted as saying that the front had collapsed.",
     ["commander"], "quoted", ["front had collapsed"], ["quoted", "saying"]),
    ("Rebels seized the airport, as reported by Al Jazeera.",
     ["al jazeera"], "reported", ["Rebels seized the airport"], ["Jazeera", "reported"]),
    ("\"We will not retreat,\" the general said.",
     ["general"], "said", ["We will not retreat"], ["general", "\""]),
    ("The army claimed its forces had killed 30 fighters.",
     ["army"], "claimed", ["killed 30 fighters"], ["claimed"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "origins", "cue", "holds", "excludes"), PATTERNS)
def test_attribution_patterns_give_source_cue_and_content(nlp, text, origins, cue, holds, excludes):
    doc, frames = _frames(nlp, text, 0)
    assert len(frames) == 1
    frame = frames[0]
    assert [a.origin for a in frame.chain] == origins
    assert doc.text[frame.cue_start:frame.cue_end] == cue
    assert not frame.applies_to_previous
    content = _content(doc, frame)
    for word in holds:
        assert word in content
    for word in excludes:
        assert word not in content


@pytest.mark.slow
def test_attribution_nested_chain_is_outermost_first(nlp):
    doc, frames = _frames(nlp, "Rebels entered Hama. The outlet cites Reuters, which cites representatives of the Syrian army.")
    assert len(frames) == 1
    chain = frames[0].chain
    assert [a.origin for a in chain] == ["reuters", "syrian army"]
    assert chain[1].source == "representatives of the Syrian army"
    assert doc.text[chain[1].start:chain[1].end] == chain[1].source
    assert [a.kind for a in chain] == ["wire", "military"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "second",
    ["This is reported by Reuters.", "Reuters reports this.", "This is according to Reuters.",
     "The outlet cites Reuters."],
)
def test_attribution_sentence_crediting_previous_sentence(nlp, second):
    doc, frames = _frames(nlp, f"Rebels allegedly entered Hama on Friday. {second}")
    assert len(frames) == 1
    frame = frames[0]
    assert frame.applies_to_previous
    assert [a.origin for a in frame.chain] == ["reuters"]
    assert _content(doc, frame) == "Rebels allegedly entered Hama on Friday"
    assert "allegedly" in frame.hedges


@pytest.mark.slow
def test_attribution_crediting_sentence_first_in_doc_gives_nothing(nlp):
    _doc, frames = _frames(nlp, "This is reported by Reuters.", 0)
    assert frames == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "origin", "kind"),
    [
        ("Defence Minister Sergei Shoigu visited the front. He later admitted that the strike had missed its target.",
         "sergei shoigu", "person"),
        ("Ukrainian officials met in Kyiv. They said the attack was repelled.", "ukrainian government", "official"),
        ("Hezbollah said it fired rockets at the base. It added that more attacks would follow.", "hezbollah", "unknown"),
        ("The Washington Post reported the strike on Monday. The newspaper said that five people died.",
         "washington post", "outlet"),
    ],
)
def test_attribution_pronoun_sources_resolve_to_earlier_named_source(nlp, text, origin, kind):
    _doc, frames = _frames(nlp, text)
    assert [(a.origin, a.kind) for a in frames[0].chain] == [(origin, kind)]


@pytest.mark.slow
def test_attribution_pronoun_kept_when_resolution_is_off(nlp):
    text = "Defence Minister Sergei Shoigu visited the front. He later admitted that the strike had missed."
    _doc, frames = _frames(nlp, text, resolve_pronouns=False)
    assert [(a.source, a.origin) for a in frames[0].chain] == [("He", "he")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Rebels entered the city of Hama on Thursday.",
        "The rebels reportedly seized the airport.",
        "The rebels are said to have captured the airport.",
        "It was reported that the bridge was destroyed.",
        "The army has added 20 tanks to the front.",
        "Satellite images show damage to the runway.",
    ],
)
def test_attribution_report_voice_gives_empty_list(nlp, text):
    _doc, frames = _frames(nlp, text, 0)
    assert frames == []


@pytest.mark.slow
def test_attribution_quote_content_is_the_quoted_text(nlp):
    doc, frames = _frames(nlp, '"The city is ours," said the commander, adding that "the enemy has fled."', 0)
    assert [_content(doc, f) for f in frames] == ["The city is ours", "the enemy has fled"]
    assert all(f.chain[0].origin == "commander" for f in frames)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("The army claimed its forces may have killed 30 fighters.", ["claimed", "may have"]),
        ("Rebels reportedly entered Hama, the army said.", ["reportedly"]),
        ("The ministry said the convoy might be delayed.", ["might"]),
        ("The army said the commander is said to have fled.", ["is said to"]),
    ],
)
def test_attribution_hedges_in_content_and_cue(nlp, text, hedges):
    _doc, frames = _frames(nlp, text, 0)
    assert frames[0].hedges == hedges


@pytest.mark.slow
def test_attribution_conjoined_cues_share_the_subject(nlp):
    doc, frames = _frames(nlp, "The army said the town was shelled and added that civilians had fled.", 0)
    assert [(doc.text[f.cue_start:f.cue_end], _content(doc, f)) for f in frames] == [
        ("said", "the town was shelled"), ("added", "civilians had fled")]
    assert all(f.chain[0].origin == "army" for f in frames)


@pytest.mark.slow
def test_attribution_nested_reporting_verbs_build_a_chain(nlp):
    doc, frames = _frames(nlp, "Reuters reported that the Syrian army said rebels had entered Hama.", 0)
    assert len(frames) == 1
    assert [a.origin for a in frames[0].chain] == ["reuters", "syrian army"]
    assert _content(doc, frames[0]) == "rebels had entered Hama"


@pytest.mark.slow
def test_attribution_offsets_point_into_document(nlp):
    text = "Rebels entered Hama. Officials told Reuters that the convoy was hit by a drone."
    _doc, frames = _frames(nlp, text)
    link = frames[0].chain[1]
    assert text[link.start:link.end] == link.source == "Officials"
    assert frames[0].content_start > len("Rebels entered Hama.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "holds"),
    [
        ("The senator wants to build a new bridge over the river.", "wants", "to build a new bridge"),
        ("The governor hopes that the talks will resume in May.", "hopes", "talks will resume"),
        ("Officials believe that the convoy was hit by a drone.", "believe", "convoy was hit"),
        ("A new poll shows that the mayor leads by ten points.", "shows", "mayor leads"),
    ],
)
def test_attribution_attitude_verbs_credit_their_complement(nlp, text, cue, holds):
    doc, frames = _frames(nlp, text, 0)
    frame = frames[0]
    assert doc.text[frame.cue_start:frame.cue_end] == cue
    assert holds in _content(doc, frame)


@pytest.mark.slow
def test_attribution_attitude_noun_object_only_on_request(nlp):
    text = "The senator criticized the new trade deal."
    _doc, frames = _frames(nlp, text, 0)
    assert frames == []
    doc, frames = _frames(nlp, text, 0, attitude_objects=True)
    assert _content(doc, frames[0]) == "the new trade deal"


@pytest.mark.slow
def test_attribution_headline_colon_names_the_source(nlp):
    doc, frames = _frames(nlp, "Governor Smith: The state will not raise taxes this year", 0)
    assert frames[0].chain[0].source == "Governor Smith"
    assert _content(doc, frames[0]).startswith("The state will not raise taxes")


@pytest.mark.slow
def test_attribution_paragraph_break_splits_a_run_on_sentence(nlp):
    text = "Now the mood is different ''\n\n''We will win this fight,'' the mayor said.\n\n"
    doc = nlp(text)
    result = attribute_document(doc)
    assert len(result) == len(list(doc.sents))
    frames = [f for sentence in result for f in sentence]
    assert [doc.text[f.content_start:f.content_end] for f in frames] == ["We will win this fight"]
    assert frames[0].chain[0].origin == "mayor"


def _all_frames(nlp, text, **options):
    doc = nlp(text)
    return doc, [f for sentence in attribute_document(doc, **options) for f in sentence]


@pytest.mark.slow
def test_attribution_quote_of_several_sentences_is_credited_whole(nlp):
    doc, frames = _all_frames(nlp, '"We will win. We are strong. Nobody can stop us," the mayor said on Monday.')
    assert len(frames) == 1
    assert _content(doc, frames[0]) == "We will win. We are strong. Nobody can stop us"
    assert frames[0].chain[0].origin == "mayor"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ['The governor said:\n\n"We will not raise taxes. The budget is balanced."\n\nThe vote is on Friday.',
     '"We will not raise taxes. The budget is balanced." The governor said.\n\nThe vote is on Friday.'],
)
def test_attribution_bare_cue_sentence_credits_the_adjacent_quotation(nlp, text):
    doc, frames = _all_frames(nlp, text)
    assert [(f.chain[0].source, _content(doc, f)) for f in frames] == [
        ("The governor", "We will not raise taxes. The budget is balanced")]


@pytest.mark.slow
def test_attribution_colon_after_the_cue_introduces_the_quotation(nlp):
    doc, frames = _all_frames(nlp, 'The bridge will reopen soon, the mayor said: "We expect traffic by May."')
    assert [_content(doc, f) for f in frames] == ["We expect traffic by May"]


@pytest.mark.slow
def test_attribution_saying_after_a_preposition_takes_the_main_subject(nlp):
    doc, frames = _all_frames(nlp, "The minister responded to the critics by saying the plan was legal.")
    saying = [f for f in frames if doc.text[f.cue_start:f.cue_end] == "saying"]
    assert [(f.chain[0].origin, _content(doc, f)) for f in saying] == [("minister", "the plan was legal")]


@pytest.mark.slow
def test_attribution_byline_dash_credits_the_quotation_before_it(nlp):
    text = "“The schools need more teachers.” ― Maria Lopez\n“Taxes are too high.” ― Tom Becker\n"
    doc, frames = _all_frames(nlp, text)
    assert [(f.chain[0].source, _content(doc, f)) for f in frames] == [
        ("Maria Lopez", "The schools need more teachers"), ("Tom Becker", "Taxes are too high")]


@pytest.mark.slow
def test_attribution_noun_cue_with_possessor_and_that_clause(nlp):
    doc, frames = _all_frames(nlp, "Analysts doubted the army's claim that its troops had retaken the town.")
    claim = [f for f in frames if doc.text[f.cue_start:f.cue_end] == "claim"]
    assert len(claim) == 1
    assert claim[0].chain[0].origin == "army"
    assert _content(doc, claim[0]) == "its troops had retaken the town"


@pytest.mark.slow
def test_attribution_cited_thing_is_content_not_a_source(nlp):
    doc, frames = _all_frames(nlp, "The senator cited rising prices as the main reason.", attitude_objects=True)
    assert [a.origin for a in frames[0].chain] == ["senator"]
    assert "rising prices" in _content(doc, frames[0])


@pytest.mark.slow
def test_attribution_sourceless_frames_only_on_request(nlp):
    text = "It was reported that the bridge was destroyed."
    assert _all_frames(nlp, text)[1] == []
    doc, frames = _all_frames(nlp, text, sourceless=True)
    assert [(f.chain, _content(doc, f)) for f in frames] == [([], "the bridge was destroyed")]


@pytest.mark.slow
def test_attribution_relative_pronoun_source_kept_when_resolution_is_off(nlp):
    text = "The mayor, who said that the bridge would reopen, left early."
    _doc, frames = _all_frames(nlp, text)
    assert [a.source for a in frames[0].chain] == ["The mayor"]
    _doc, frames = _all_frames(nlp, text, resolve_pronouns=False)
    assert [a.source for a in frames[0].chain] == ["who"]


@pytest.mark.slow
def test_attribution_parenthetical_cue_credits_the_rest(nlp):
    doc, frames = _all_frames(nlp, "That is why, he argued, the party should be prepared.")
    assert len(frames) == 1
    assert doc.text[frames[0].cue_start:frames[0].cue_end] == "argued"
    assert frames[0].chain[0].source == "he"
    assert _content(doc, frames[0]).endswith("the party should be prepared")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("But Trump claims that he should be the exception.", "Trump", "claims", "he should be the exception"),
        ("The Clinton campaign plans to employ Mr. Obama as much as possible.",
         "The Clinton campaign", "plans", "to employ Mr. Obama as much as possible"),
    ],
)
def test_attribution_present_tense_cue_parsed_as_a_noun(nlp, text, source, cue, content):
    doc, frames = _all_frames(nlp, text)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end], _content(doc, f)) for f in frames] == [
        (source, cue, content)]


@pytest.mark.slow
def test_attribution_plural_noun_that_is_not_a_cue_gives_no_frame(nlp):
    assert _all_frames(nlp, "The campaign plans are ambitious.", attitude_objects=True)[1] == []


@pytest.mark.slow
def test_attribution_noun_cue_topic_only_on_request(nlp):
    text = "North Korea's claims about the potency of its nuclear test are doubtful."
    assert _all_frames(nlp, text)[1] == []
    doc, frames = _all_frames(nlp, text, attitude_objects=True)
    assert [(f.chain[0].origin, _content(doc, f)) for f in frames] == [
        ("north korea", "the potency of its nuclear test")]


@pytest.mark.slow
def test_attribution_message_noun_speaks_through_a_participle(nlp):
    text = "On Monday a Donald Trump tweet attacking a former Miss Universe went viral."
    assert _all_frames(nlp, text)[1] == []
    doc, frames = _all_frames(nlp, text, attitude_objects=True)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end], _content(doc, f)) for f in frames] == [
        ("a Donald Trump tweet", "attacking", "a former Miss Universe")]


@pytest.mark.slow
def test_attribution_transcript_speaker_line_opened_by_a_stray_quote_mark(nlp):
    text = '"PENCE: Well, look, Clinton apparently thinks this is an episode of “Shark Tank.” But this is America.'
    doc, frames = _all_frames(nlp, text)
    pence = [f for f in frames if doc.text[f.cue_start:f.cue_end] == ":"]
    assert [f.chain[0].source for f in pence] == ["PENCE"]
    assert _content(doc, pence[0]).startswith("Well, look, Clinton apparently thinks")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator hinted that she would run again.", "hinted", "she would run again"),
        ("The mayor speculated that the vote would be close.", "speculated", "the vote would be close"),
    ],
)
def test_attribution_cue_verbs_learned_from_polnear_train(nlp, text, cue, content):
    doc, frames = _all_frames(nlp, text)
    assert [(doc.text[f.cue_start:f.cue_end], _content(doc, f)) for f in frames] == [(cue, content)]


@pytest.mark.slow
def test_attribution_as_time_clause_with_an_object_is_not_a_parenthetical_cue(nlp):
    # "as they sought answers" tells when, unlike "as advisers pointed out": the speaker is "He"
    doc, frames = _all_frames(nlp, "He said her family asked for privacy as they sought answers.",
                              resolve_pronouns=False, attitude_objects=True)
    said = [f for f in frames if doc.text[f.cue_start:f.cue_end] == "said"]
    assert [[a.source for a in f.chain] for f in said] == [["He"]]
    assert _content(doc, said[0]).startswith("her family asked for privacy")


@pytest.mark.slow
def test_attribution_clause_hung_on_a_gerund_after_say(nlp):
    text = ("Yet Democratic economists, like their Republican counterparts, say taxing consumption "
            "encourages savings, investment and greater economic growth.")
    doc, frames = _all_frames(nlp, text)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end]) for f in frames] == [
        ("Democratic economists", "say")]
    assert _content(doc, frames[0]).startswith("taxing consumption encourages savings")


@pytest.mark.slow
def test_attribution_cue_model_adds_a_verb_no_list_names(nlp):
    from consilience.claims.cue_model import CueModel

    text = "The senator unleashed a blistering attack on the plan."
    model = CueModel({"l=unleash": 6.0}, -3.0, 0.5)
    assert _all_frames(nlp, text, attitude_objects=True)[1] == []
    doc, frames = _all_frames(nlp, text, attitude_objects=True, cue_model=model)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end]) for f in frames] == [("The senator", "unleashed")]
    assert _content(doc, frames[0]) == "a blistering attack on the plan"
    # below its threshold the model proposes nothing
    assert _all_frames(nlp, text, attitude_objects=True, cue_model=CueModel({"l=unleash": 6.0}, -3.0, 0.99))[1] == []


@pytest.mark.slow
def test_attribution_cue_model_reads_a_sure_cue_no_rule_reads(nlp):
    from consilience.claims.cue_model import CueModel

    text = "Trump responded by using the example of Chicago."
    polnear = {"resolve_pronouns": False, "attitude_objects": True, "sourceless": True}
    assert _all_frames(nlp, text, **polnear)[1] == []
    doc, frames = _all_frames(nlp, text, cue_model=CueModel({"l=respond": 6.0}, -3.0, 0.5), **polnear)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end]) for f in frames] == [("Trump", "responded")]
    assert _content(doc, frames[0]) == "by using the example of Chicago"


@pytest.mark.slow
def test_attribution_cue_model_drops_a_listed_verb_it_scores_low(nlp):
    from consilience.claims.cue_model import CueModel

    text = "She saw a doctor that the hospital recommended."
    model = CueModel({"l=see": -6.0}, 0.0, 0.5, drop_below=0.2)
    assert _all_frames(nlp, text, attitude_objects=True)[1] != []
    assert _all_frames(nlp, text, attitude_objects=True, cue_model=model)[1] == []


@pytest.mark.slow
def test_attribution_clause_of_the_next_paragraph_is_not_the_cue_content(nlp):
    # the parser runs over the break and hangs "plans" on "said" as a second complement clause
    text = ("An acre of trees can store 150 tons of carbon over the years, Mr. Van Voorhis said.\n\n"
            "C2I plans to reforest a million acres.")
    doc, frames = _all_frames(nlp, text, resolve_pronouns=False)
    said = [f for f in frames if doc.text[f.cue_start:f.cue_end] == "said"]
    assert [_content(doc, f) for f in said] == ["An acre of trees can store 150 tons of carbon over the years"]


@pytest.mark.slow
def test_attribution_as_it_may_seem_credits_no_one(nlp):
    text = "As improbable as it may seem, Mr. Clarke said the deal had helped his company."
    doc, frames = _all_frames(nlp, text, resolve_pronouns=False, attitude_objects=True, sourceless=True)
    assert [([a.source for a in f.chain], doc.text[f.cue_start:f.cue_end]) for f in frames] == [
        (["Mr. Clarke"], "said")]


@pytest.mark.slow
def test_attribution_cue_model_drops_only_listed_verbs(nlp):
    # the tagger calls the byline dash and "according" verbs; a low score must not drop them as it drops "see"
    from consilience.claims.cue_model import CueModel

    model = CueModel({}, -10.0, 0.5, drop_below=0.9)
    text = "“The schools need more teachers.” ― Maria Lopez\n“Taxes are too high.” ― Tom Becker\n"
    doc, frames = _all_frames(nlp, text, cue_model=model)
    assert [(f.chain[0].source, _content(doc, f)) for f in frames] == [
        ("Maria Lopez", "The schools need more teachers"), ("Tom Becker", "Taxes are too high")]
    doc, frames = _all_frames(nlp, "The deal will cut taxes, according to the senator.", cue_model=model)
    assert [(f.chain[0].source, doc.text[f.cue_start:f.cue_end]) for f in frames] == [("the senator", "according to")]
    assert _all_frames(nlp, "The senator said the deal will cut taxes.", cue_model=model)[1] == []
