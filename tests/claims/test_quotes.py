"""Quotation regions over a tokenized text (claims.quotes)."""

import pytest
import spacy

from consilience.claims.quotes import _QUOTE_MARKS, _find_quotes


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en")


def _quoted(tokenizer, text: str) -> list[str]:
    doc = tokenizer(text)
    marks = [t.i for t in doc if t.text in _QUOTE_MARKS]
    spaces = [t.i for t in doc if t.is_space]
    return [text[start:end] for start, end in _find_quotes(doc, marks, spaces)]


def test_quotes_straight_and_curly_pairs(tokenizer):
    assert _quoted(tokenizer, 'He said "we stay" and “they go” today.') == ["we stay", "they go"]


def test_quotes_stray_straight_mark_before_a_curly_quotation(tokenizer):
    # a transcript line opened with '"' and never closed must not swallow the line
    text = '"PENCE: Clinton thinks this is “Shark Tank.” But this is America.'
    assert _quoted(tokenizer, text) == ["Shark Tank."]


def test_quotes_never_run_over_a_paragraph_break(tokenizer):
    assert _quoted(tokenizer, 'She said "we stay\n\nThe vote is "tomorrow" now.') == ["tomorrow"]


def test_quotes_right_mark_placed_as_an_opener_opens(tokenizer):
    # some texts open with ” as well as close with it: after a line start, before a word, it opens
    text = 'Voices:\n”Fear. I am afraid.” ― Edwin Cruz\n“We vote.” ― Ana Ruiz'
    assert _quoted(tokenizer, text) == ["Fear. I am afraid.", "We vote."]


def test_quotes_right_mark_after_a_word_still_closes(tokenizer):
    assert _quoted(tokenizer, 'He called it “a mess” twice and ” left.') == ["a mess"]
