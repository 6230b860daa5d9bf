"""Property tests of every reader (issue #7): any bytes in, articles or Problems out, never an exception.

Each property holds for random bytes, random text and structured-but-broken JSONL, CSV, HTML and
RSS/Atom built by strategies. Hypothesis's deadline is the per-input time limit (generous: the CPU
is shared); the default run tries 50 inputs per property, the slow-marked deep run 400.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from consilience.errors import E
from consilience.ingest import read_reports

FAST = settings(
    max_examples=50, deadline=timedelta(seconds=10), database=None,
    # CI replays one fixed sequence (a red build names a bug, not a dice roll); local runs explore anew.
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
DEEP = settings(FAST, max_examples=400)
CODES = {member.code for member in E}
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")
SCRIPT_MARK = "zqxscriptbody"
WORDS = "the minister said bridge was closed on monday after storm officials told reporters in hama".split()


def assert_read_cleanly(articles, problems, read) -> None:
    """The contract every reader keeps, whatever the input."""
    assert read >= 1
    assert {p.code for p in problems} <= CODES
    for problem in problems:
        assert problem.message and problem.input is not None
    for article in articles:
        assert article.text.strip()
        article.text.encode("utf-8")  # no lone surrogates
        assert "\x00" not in article.text
        for value in (article.title, article.source, article.url):
            assert value is None or ("\x00" not in value and value.encode("utf-8"))
    if not articles:  # nothing read must always say why
        assert any(p.severity == "error" for p in problems) or any(p.code == "W001" for p in problems)


def read_bytes(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return read_reports([str(path)])


# --- random bytes and text ----------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".xml", ".jsonl", ".csv", ""]
prose = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)
noisy_text = st.one_of(st.text(max_size=300), prose, st.text(alphabet=st.characters(codec="utf-8"), max_size=300))


def check_random_bytes(data: bytes, suffix: str) -> None:
    assert_read_cleanly(*read_bytes(data, suffix))


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(data=st.binary(max_size=3000))
def test_inputs_random_bytes_give_articles_or_problems(suffix, data):
    check_random_bytes(data, suffix)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", SUFFIXES)
@DEEP
@given(data=st.binary(max_size=20_000))
def test_inputs_random_bytes_give_articles_or_problems_deep(suffix, data):
    check_random_bytes(data, suffix)


@FAST
@given(text=st.one_of(st.text(max_size=3000), prose))
def test_stdin_random_text_gives_articles_or_problems(text):
    assert_read_cleanly(*read_reports(["-"], stdin=io.StringIO(text)))


# --- JSONL ----------------------------------------------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), noisy_text)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
field_names = st.sampled_from(["text", "body", "content", "title", "source", "published", "date", "url", "other", ""])
row_objects = st.dictionaries(field_names, st.one_of(noisy_text, json_values), max_size=6)


@st.composite
def jsonl_lines(draw) -> str:
    kind = draw(st.sampled_from(["object", "broken", "other", "blank", "escapes"]))
    if kind == "object":
        return json.dumps(draw(row_objects), ensure_ascii=draw(st.booleans()))
    if kind == "broken":
        line = json.dumps(draw(row_objects))
        return line[: draw(st.integers(0, len(line)))]
    if kind == "other":
        return json.dumps(draw(json_values))
    if kind == "escapes":  # lone surrogates, NUL and control escapes JSON allows
        escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\u0000", "\\u001b", "\\u202e"]))
        return '{"text": "' + " ".join(WORDS[:8]) + escape + '", "source": "w' + escape + '"}'
    return draw(st.sampled_from(["", " ", "\t"]))


def check_jsonl(lines: list[str], newline: str) -> None:
    assert_read_cleanly(*read_bytes(newline.join(lines).encode("utf-8", "surrogatepass"), ".jsonl"))


@FAST
@given(lines=st.lists(jsonl_lines(), min_size=1, max_size=8), newline=st.sampled_from(["\n", "\r\n"]))
def test_jsonl_broken_rows_give_articles_or_problems(lines, newline):
    check_jsonl(lines, newline)


@pytest.mark.slow
@DEEP
@given(lines=st.lists(jsonl_lines(), min_size=1, max_size=30), newline=st.sampled_from(["\n", "\r\n"]))
def test_jsonl_broken_rows_give_articles_or_problems_deep(lines, newline):
    check_jsonl(lines, newline)


# --- CSV ------------------------------------------------------------------------------------------

cells = st.one_of(noisy_text, prose, st.sampled_from(['"', '""', "a,b", "line\nbreak", "\r", ""]))


@st.composite
def csv_documents(draw) -> str:
    header = draw(st.lists(field_names, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 2), max_size=8))
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):  # break it: cut anywhere, maybe inside a quoted cell
        text = text[: draw(st.integers(0, len(text)))]
    return text


def check_csv(document: str) -> None:
    assert_read_cleanly(*read_bytes(document.encode("utf-8", "surrogatepass"), ".csv"))


@FAST
@given(document=csv_documents())
def test_csvrows_broken_documents_give_articles_or_problems(document):
    check_csv(document)


@pytest.mark.slow
@DEEP
@given(document=csv_documents())
def test_csvrows_broken_documents_give_articles_or_problems_deep(document):
    check_csv(document)


# --- HTML -----------------------------------------------------------------------------------------

TAGS = ["div", "p", "span", "article", "section", "b", "a", "table", "td", "ul", "li", "h1", "main"]
attribute_values = st.one_of(noisy_text, st.just("javascript:alert(1)"), st.text(alphabet="x", min_size=0, max_size=200))
attributes = st.lists(st.tuples(st.sampled_from(["class", "id", "href", "onclick", "onerror", "style", "title"]), attribute_values), max_size=3)


def _element(children, tag, attrs, closed):
    rendered = "".join(f' {name}="{_escape(value)}"' for name, value in attrs)
    return f"<{tag}{rendered}>{''.join(children)}" + (f"</{tag}>" if closed else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


html_leaves = st.one_of(
    prose.map(_escape),
    noisy_text.map(_escape),
    st.just(f"<script>var {SCRIPT_MARK} = '<p>x</p>';</script>"),
    st.just(f"<style>p {{ content: '{SCRIPT_MARK}' }}</style>"),
    st.sampled_from(["<br>", "<hr/>", "&nbsp;", "&#0;", "&#xD800;", "&bogus;", "<!-- c -->", "<![CDATA[x]]>"]),
)
html_trees = st.recursive(
    html_leaves,
    lambda inner: st.builds(_element, st.lists(inner, max_size=4), st.sampled_from(TAGS), attributes, st.booleans()),
    max_leaves=25,
)


def check_html(body: str, wrap: bool) -> None:
    page = f"<html><head><title>t</title></head><body>{body}</body></html>" if wrap else body
    articles, problems, read = read_bytes(page.encode("utf-8", "surrogatepass"), ".html")
    assert_read_cleanly(articles, problems, read)
    for article in articles:
        assert SCRIPT_MARK not in article.text


@FAST
@given(body=html_trees, wrap=st.booleans())
def test_webpage_random_markup_gives_articles_or_problems(body, wrap):
    check_html(body, wrap)


@pytest.mark.slow
@DEEP
@given(body=html_trees, wrap=st.booleans())
def test_webpage_random_markup_gives_articles_or_problems_deep(body, wrap):
    check_html(body, wrap)


# --- RSS / Atom -----------------------------------------------------------------------------------

xml_text = st.one_of(
    prose.map(_escape), noisy_text.map(_escape),
    st.sampled_from(["&amp;", "&lt;p&gt;", "&bogus;", "&#0;", "&#xD800;", "&#x1F600;", "<![CDATA[<p>x</p>]]>", "<", "&"]),
)
item_text = st.lists(xml_text, max_size=6).map("".join)


@st.composite
def feeds(draw) -> str:
    atom = draw(st.booleans())
    items = draw(st.lists(st.tuples(item_text, item_text, item_text), max_size=4))
    if atom:
        entries = "".join(f"<entry><title>{t}</title><content type='html'>{c}</content><updated>{d}</updated></entry>" for t, c, d in items)
        document = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>w</title>{entries}</feed>'
    else:
        entries = "".join(f"<item><title>{t}</title><description>{c}</description><pubDate>{d}</pubDate></item>" for t, c, d in items)
        document = f'<rss version="2.0"><channel><title>w</title>{entries}</channel></rss>'
    prolog = draw(st.sampled_from(['<?xml version="1.0"?>', '<?xml version="1.0" encoding="bogus-enc"?>', "",
                                   '<!DOCTYPE rss [<!ENTITY e "x">]>']))
    document = prolog + document
    if draw(st.booleans()):
        document = document[: draw(st.integers(0, len(document)))]
    return document


def check_feed(document: str) -> None:
    articles, problems, read = read_bytes(document.encode("utf-8", "surrogatepass"), ".xml")
    assert_read_cleanly(articles, problems, read)
    if "<!ENTITY" in document:  # refused whole: E015, or E004 when a NUL byte makes it binary first
        assert articles == [] and [p.code for p in problems] in (["E015"], ["E004"])


@FAST
@given(document=feeds())
# Found by the deep run: lxml refused a control character next to CDATA, and feedparser's chr() a surrogate.
@example(document='<rss version="2.0"><channel><item><description><![CDATA[<p>x</p>]]>\x08</description></item></channel></rss>')
@example(document='<rss version="2.0"><channel><item><pubDate>&#xD800;</pubDate></item></channel></rss>')
# Found by the deep run in session 11: a file cut off right after "<!ENTITY" (no name yet) was read as
# a broken feed (E007), not refused as one that declares entities.
@example(document='<!DOCTYPE rss [<!ENTITY')
def test_feed_broken_feeds_give_articles_or_problems(document):
    check_feed(document)


@pytest.mark.slow
@DEEP
@given(document=feeds())
def test_feed_broken_feeds_give_articles_or_problems_deep(document):
    check_feed(document)
