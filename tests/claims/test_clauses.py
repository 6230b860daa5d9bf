"""Atomic clauses and their roles, read from the spaCy parse (en_core_web_sm)."""

from __future__ import annotations

import pytest

from consilience.claims.clauses import conjuncts, find_clauses, is_pronoun, noun_phrase, sentence_tokens

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


def clauses_of(nlp, text: str):
    doc = nlp(text)
    return doc, [c for sent in doc.sents for c in find_clauses(list(sent))]


def spans(doc, clauses) -> list[str]:
    return [doc.text[c.start_char:c.end_char] for c in clauses]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conjoined main predicates: one claim each, the second shares the subject
        ("Rebels entered Hama and seized the central prison.",
         [("Rebels entered Hama", ["Rebels"], ["Hama"]),
          ("seized the central prison", ["Rebels"], ["the central prison"])]),
        # conjoined purposes stay one reason inside one claim
        ("The army redeployed troops to protect civilians and prevent fighting in the city.",
         [("The army redeployed troops to protect civilians and prevent fighting in the city", ["The army"],
           ["troops"])]),
        # a finite "as" clause with its own subject is a second fact
        ("Government forces pulled out of Hama as rebels advanced into the city.",
         [("Government forces pulled out of Hama", ["Government forces"], []),
          ("as rebels advanced into the city", ["rebels"], [])]),
        # coordinated subjects and objects
        ("Russia and Iran back the Syrian government.",
         [("Russia and Iran back the Syrian government", ["Russia", "Iran"], ["the Syrian government"])]),
    ],
)
def test_clauses_find_clauses_splits_and_roles(nlp, text, expected):
    doc, clauses = clauses_of(nlp, text)
    assert [(doc.text[c.start_char:c.end_char], c.actors, c.targets) for c in clauses] == expected


@pytest.mark.parametrize(
    ("text", "actors", "targets"),
    [
        ("The city was captured by rebel fighters on Thursday.", ["rebel fighters"], ["The city"]),
        ("Hama was captured.", [], ["Hama"]),
    ],
)
def test_clauses_passive_agent_is_the_actor(nlp, text, actors, targets):
    _, clauses = clauses_of(nlp, text)
    assert len(clauses) == 1
    assert (clauses[0].actors, clauses[0].targets, clauses[0].passive) == (actors, targets, True)


def test_clauses_active_clause_is_not_passive(nlp):
    _, clauses = clauses_of(nlp, "Rebels captured the city.")
    assert (clauses[0].actors, clauses[0].targets, clauses[0].passive) == (["Rebels"], ["the city"], False)


@pytest.mark.parametrize(
    ("text", "supporters", "supported"),
    [
        ("Rebels backed by Russia and Iran attacked the town.", ["Russia", "Iran"], ["Rebels"]),
        ("The rebels, backed by Turkey, advanced on the city.", ["Turkey"], ["The rebels"]),
        ("Rebels, who are supported by Turkey, entered Hama.", ["Turkey"], ["Rebels"]),
    ],
)
def test_clauses_backed_by_is_a_support_clause(nlp, text, supporters, supported):
    doc, clauses = clauses_of(nlp, text)
    support = [c for c in clauses if c.support_relation]
    assert len(support) == 1
    assert (support[0].actors, support[0].targets, support[0].passive) == (supporters, supported, True)
    main = [c for c in clauses if not c.support_relation]
    assert len(main) == 1 and main[0].actors == supported


def test_clauses_support_clause_span_covers_noun_and_participle(nlp):
    doc, clauses = clauses_of(nlp, "Rebels backed by Russia and Iran attacked the town.")
    support = next(c for c in clauses if c.support_relation)
    assert doc.text[support.start_char:support.end_char] == "Rebels backed by Russia and Iran"


@pytest.mark.parametrize(
    ("text", "actors", "targets"),
    [
        ("The government relies on support from Russia and Iran.", ["Russia", "Iran"], ["The government"]),
        ("The government of Syria relies on support from Russia.", ["Russia"], ["The government of Syria"]),
    ],
)
def test_clauses_relies_on_support_from_is_inverted(nlp, text, actors, targets):
    _, clauses = clauses_of(nlp, text)
    assert [(c.actors, c.targets) for c in clauses] == [(actors, targets)]


def test_clauses_relative_pronoun_actor_is_the_modified_noun(nlp):
    doc = nlp("The group, which launched the offensive last week, took the airport.")
    sent = next(doc.sents)
    region = sentence_tokens(sent, doc.text.index("which"), doc.text.index(", took"))
    clauses = find_clauses(region)
    assert [(c.head.lemma_, c.actors, c.targets) for c in clauses] == [("launch", ["The group"], ["the offensive"])]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Russian troops did not withdraw from the base.", True),
        ("The rebels didn't enter Hama.", True),
        ("The army never left the city.", True),
        ("The army left the city.", False),
        ("The city was not captured by the rebels.", True),
    ],
)
def test_clauses_negation(nlp, text, negated):
    _, clauses = clauses_of(nlp, text)
    assert [c.negated for c in clauses] == [negated]


def test_clauses_particle_is_kept(nlp):
    _, clauses = clauses_of(nlp, "Fighters took over the airport.")
    assert (clauses[0].head.lemma_, clauses[0].particle) == ("take", "over")


@pytest.mark.parametrize("text", ["The army fell back from Hama.", "Russian troops pulled back from the base."])
def test_clauses_back_is_a_particle(nlp, text):
    _, clauses = clauses_of(nlp, text)
    assert clauses[0].particle == "back"


def test_clauses_empty_region():
    assert find_clauses([]) == []


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Representatives of the Syrian army spoke.", 0, "Representatives of the Syrian army"),
        ("The Syrian army, which had held the city, left.", 2, "The Syrian army"),
        ("Rebel fighters from the north, led by HTS, advanced.", 1, "Rebel fighters"),
    ],
)
def test_clauses_noun_phrase(nlp, text, index, expected):
    assert noun_phrase(nlp(text)[index]) == expected


def test_clauses_noun_phrase_drops_relative_clause_after_of(nlp):
    doc = nlp("The government of President Assad, which controls Damascus, said nothing.")
    assert noun_phrase(doc[1]) == "The government of President Assad"


def test_clauses_conjuncts(nlp):
    doc = nlp("Russia, Iran and Turkey met.")
    assert [t.text for t in conjuncts(doc[0])] == ["Russia", "Iran", "Turkey"]


@pytest.mark.parametrize(("phrase", "expected"), [("it", True), ("They", True), ("the army", False), ("its", True)])
def test_clauses_is_pronoun(phrase, expected):
    assert is_pronoun(phrase) is expected


def test_clauses_sentence_tokens_within_range(nlp):
    doc = nlp("Rebels entered Hama on Thursday.")
    sent = next(doc.sents)
    assert [t.text for t in sentence_tokens(sent, 7, 19)] == ["entered", "Hama"]
