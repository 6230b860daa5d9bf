"""Quotation marks in a report: quoted regions, the quotation a cue credits, content trimming (claims).

Handles quotations of several sentences, quotes opened after "X said:", a bare cue next to a
quotation ('"We stay." the mayor said') and scare quotes kept whole inside trimmed content.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

_TRIM = frozenset({"that", "and", "but", ",", ".", ";", ":", "-", "--", "—", "–", '"', "“", "”", "'", "’", "‘",
                   "''", "``"})
_QUOTE_MARKS = ('"', "“", "”", "``", "''")


@lru_cache(maxsize=1)
def _quote_hashes() -> list[int]:
    return [get_string_id(mark) for mark in _QUOTE_MARKS]


def _find_quotes(doc: Doc, marks: list[int], spaces: list[int]) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, from the quote-mark tokens at `marks`.

    A quotation never runs over a paragraph break: journalists leave a quote open at the end of
    a paragraph, and one stray mark (markup, an inch sign) must not flip the rest of the text.
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    opened_at = 0
    for i in marks:
        mark = doc[i]
        text = mark.text
        if opened is not None and _paragraph_between(doc, spaces, opened_at, i):
            opened = None
        if (opened is None and (text != "”" or _opens_like(doc, i))) or (opened is not None and text == "“"):
            # an opening curly mark inside an open quotation: the earlier mark was stray (a
            # transcript line opened with '"' and never closed), so the quotation starts here
            opened, opened_at = mark.idx + len(text), i
        elif opened is not None and text != "“":
            regions.append((opened, mark.idx))
            opened = None
    return regions


def _opens_like(doc: Doc, i: int) -> bool:
    """True when the mark at `i` stands where a quotation opens: after a space or line start, before a word.

    Some texts open quotations with a right mark ('”Fear. I am afraid.” ― Edwin'); placed like
    that, a right mark opens rather than closes.
    """
    mark = doc[i]
    before = i == 0 or doc[i - 1].is_space or bool(doc[i - 1].whitespace_)
    return before and not mark.whitespace_ and i + 1 < len(doc) and not (doc[i + 1].is_punct or doc[i + 1].is_space)


def _paragraph_between(doc: Doc, spaces: list[int], start: int, end: int) -> bool:
    """True when a whitespace token holding a line break lies between token indexes start and end."""
    first = bisect.bisect_right(spaces, start)
    last = bisect.bisect_left(spaces, end)
    return any("\n" in doc[i].text for i in spaces[first:last])


def _region(quotes: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The quotation range holding `offset`, if any."""
    position = bisect.bisect_right(quotes, (offset, 10**12)) - 1
    if position >= 0 and quotes[position][0] <= offset < quotes[position][1]:
        return quotes[position]
    return None


def _inside(quotes: list[tuple[int, int]], offset: int) -> bool:
    return _region(quotes, offset) is not None


def _quoted_tokens(sent: Span, quotes: list[tuple[int, int]], anchor: Token) -> Span | None:
    """The quotation of `sent` holding `anchor` (the complement), else the one nearest to it."""
    first = bisect.bisect_left(quotes, (sent.start_char, 0))
    touching = quotes[max(0, first - 1):first + 1]
    if not any(start < sent.end_char and end > sent.start_char for start, end in touching):
        return None
    runs: list[list[Token]] = []
    for tok in sent:
        region = _region(quotes, tok.idx)
        if region is None:
            continue
        if runs and _region(quotes, runs[-1][-1].idx) == region:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    if not runs:
        return None
    best = min(runs, key=lambda run: 0 if run[0].i <= anchor.i <= run[-1].i else
               min(abs(run[0].i - anchor.i), abs(run[-1].i - anchor.i)))
    region = _region(quotes, best[0].idx)
    if region is not None and (region[0] < sent.start_char or region[1] > sent.end_char):
        return _region_span(sent.doc, region)  # a quotation of several sentences is credited whole
    return _trim(sent.doc, best[0].i, best[-1].i + 1)


def _region_span(doc: Doc, region: tuple[int, int]) -> Span | None:
    """The tokens of one quotation range, trimmed."""
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    return _trim(doc, span.start, span.end) if span is not None else None


def _quote_after_colon(verb: Token, sent: Span, quotes: list[tuple[int, int]]) -> Span | None:
    """ '..., Kall said: "I feel like ..."': a colon right after the cue introduces the quotation."""
    doc = sent.doc
    after = verb.i + 1
    while after < sent.end and (doc[after].dep_ in ("advmod", "npadvmod") and doc[after].head.i == verb.i):
        after += 1  # "said Thursday:"
    if after >= len(doc) or doc[after].text != ":":
        return None
    return _quote_opening_after(doc[after], quotes)


def _quote_opening_after(colon: Token, quotes: list[tuple[int, int]]) -> Span | None:
    """The quotation that opens right after `colon` (across a line break), if one does."""
    following = bisect.bisect_left(quotes, (colon.idx, 0))
    if following < len(quotes) and quotes[following][0] - colon.idx <= 6:
        return _region_span(colon.doc, quotes[following])
    return None


def _adjacent_quote(verb: Token, subject: Token | None, sent: Span, quotes: list[tuple[int, int]]) -> Span | None:
    """The quotation a bare cue sentence credits: '"We will stay." Clinton said.' or 'He said:' + quote.

    Before: the sentence holds nothing but the source and the cue after the closing mark, and the
    quotation (of one or several sentences) ends right there. After: the sentence ends in a colon
    and the quotation, or else the next paragraph, follows it.
    """
    doc = sent.doc
    first = min(verb.i, subject.left_edge.i) if subject is not None else verb.i
    if all(t.is_punct or t.is_space for t in doc[sent.start:first]):
        position = bisect.bisect_right(quotes, (doc[first].idx, 0)) - 1
        if position >= 0 and sent.start_char - 3 <= quotes[position][1] <= doc[first].idx:
            return _region_span(doc, quotes[position])
    last = sent.end - 1
    while last > sent.start and doc[last].is_space:
        last -= 1
    if doc[last].text != ":" or last + 1 >= len(doc):
        return None
    quoted = _quote_opening_after(doc[last], quotes)
    if quoted is not None:
        return quoted
    start = last + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1  # the paragraph after the colon
    return _trim(doc, start, end)


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    """doc[start:end] without a leading "that"/conjunction/punctuation or trailing punctuation."""
    while start < end and (doc[start].lower_ in _TRIM or doc[start].is_space):
        start += 1
    full_end = end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "but")):
        end -= 1
    if start >= end:
        return None
    closing = next((k for k in range(end, full_end) if doc[k].is_quote), None)
    if closing is not None and sum(doc[k].is_quote for k in range(start, end)) % 2 == 1:
        end = closing + 1  # 'was "a grave mistake."': keep the quotation whole
    return doc[start:end]
