"""Hostile inputs built here, never downloaded: each is refused or neutralised with a clear Problem (issue #7)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tracemalloc
import zipfile

import pytest

from consilience.errors import ConsilienceError
from consilience.ingest import IngestOptions, read_reports

SENTENCE = "The minister said the bridge over the river was closed on Monday after the storm. "
SECRET = "TOPSECRET-7f3a"


def read_with_peak(paths, options=None):
    """read_reports plus the peak of Python memory allocated while reading."""
    tracemalloc.start()
    try:
        result = read_reports([str(p) for p in paths], options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return (*result, peak)


def codes(problems):
    return [p.code for p in problems]


def rss(item_body: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Bridge closed</title><description>{item_body}</description></item></channel></rss>"
    ).encode("utf-8")


def billion_laughs() -> str:
    lines = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        lines.append(f'<!ENTITY lol{level} "{(f"&lol{level - 1};" if level > 1 else "&lol;") * 10}">')
    return "<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>"


# --- compressed files: refused, never unpacked ----------------------------------------------------

def _zip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.txt", data)
    return buffer.getvalue()


@pytest.mark.parametrize("name, compress, kind", [
    ("bomb.txt.gz", gzip.compress, "gzip"),
    ("bomb.txt", gzip.compress, "gzip"),  # the extension lies: the bytes decide
    ("bomb.zip", _zip, "ZIP"),
    ("bomb.jsonl", gzip.compress, "gzip"),
    ("bomb.bz2", bz2.compress, "bzip2"),
    ("bomb.xz", lzma.compress, "xz"),
])
def test_decode_compressed_bomb_is_refused_unopened(tmp_path, name, compress, kind):
    path = tmp_path / name
    path.write_bytes(compress(b"\0" * 20_000_000))  # 20 MB of zeros packs into a few KB
    articles, problems, read, peak = read_with_peak([path])
    assert articles == [] and read == 1
    [problem] = problems
    assert problem.code == "E004" and kind in problem.message and "not unpacked" in problem.message
    assert peak < 2_000_000  # the 20 MB inside was never expanded


# --- XML feeds: entity bombs and external entities ------------------------------------------------

def test_feed_billion_laughs_is_refused(tmp_path):
    path = tmp_path / "laughs.rss"
    path.write_bytes(rss(f"&lol9; {SENTENCE}", billion_laughs()))
    articles, problems, read, peak = read_with_peak([path])
    assert articles == [] and read == 1
    assert codes(problems) == ["E015"] and "lol" in problems[0].message and "billion laughs" in problems[0].message
    assert peak < 5_000_000


def test_feed_quadratic_entity_blowup_is_refused(tmp_path):
    # One 100 KB entity used 200 times: feedparser's lenient parser expanded this to 20 MB of text.
    path = tmp_path / "quadratic.rss"
    path.write_bytes(rss(SENTENCE + "&a;" * 200, f'<!DOCTYPE rss [\n<!ENTITY a "{"x" * 100_000}">\n]>'))
    articles, problems, _, peak = read_with_peak([path])
    assert articles == [] and codes(problems) == ["E015"]
    assert peak < 5_000_000


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>',
])
def test_feed_external_entity_is_refused_and_never_read(tmp_path, doctype):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    path = tmp_path / "xxe.rss"
    path.write_bytes(rss(f"{SENTENCE} &xxe;", doctype.format(secret=secret)))
    articles, problems, _ = read_reports([str(path)])
    assert articles == [] and codes(problems) == ["E015"]
    assert all(SECRET not in p.message for p in problems)


def test_feed_external_dtd_is_never_fetched(tmp_path):
    secret = tmp_path / "secret.dtd"
    secret.write_text(f'<!ENTITY leak "{SECRET}">')
    path = tmp_path / "dtd.rss"
    path.write_bytes(rss(SENTENCE, f'<!DOCTYPE rss SYSTEM "file://{secret}">'))
    articles, problems, _ = read_reports([str(path)])
    [article] = articles  # a DOCTYPE naming an outside DTD is harmless: the DTD is not loaded
    assert SECRET not in article.text and SECRET not in (article.title or "")


@pytest.mark.parametrize("codec, bom", [("utf-16", ""), ("utf-16-be", "\ufeff"), ("utf-32", "")])
def test_feed_entity_declaration_is_found_in_other_encodings(tmp_path, codec, bom):
    # Without a BOM, UTF-16 is refused earlier as binary (NUL bytes); with one it reaches the feed reader.
    path = tmp_path / "wide.rss"
    text = rss(f"&lol9; {SENTENCE}", billion_laughs()).decode("utf-8")
    path.write_bytes((bom + text.replace('version="1.0"', f'version="1.0" encoding="{codec}"')).encode(codec))
    articles, problems, _ = read_reports([str(path)])
    assert articles == [] and codes(problems) == ["E015"]


def test_feed_entities_on_stdin_are_refused():
    articles, problems, _ = read_reports(["-"], stdin=io.StringIO(rss(f"&lol9; {SENTENCE}", billion_laughs()).decode()))
    assert articles == [] and codes(problems) == ["E015"]


def test_feed_item_nested_too_deep_is_refused_alone(tmp_path):
    deep = "&lt;div&gt;" * 5000 + SENTENCE + "&lt;/div&gt;" * 5000
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Deep</title><description>{deep}</description></item>"
        f"<item><title>Plain</title><description>{SENTENCE * 2}</description></item></channel></rss>"
    )
    path = tmp_path / "deep.rss"
    path.write_text(feed)
    articles, problems, read = read_reports([str(path)])
    assert [a.title for a in articles] == ["Plain"] and read == 2
    [problem] = problems
    assert problem.code == "E014" and problem.input.endswith("#item=1")


# --- HTML: nesting, attributes, scripts -------------------------------------------------------------

def test_webpage_100000_nested_divs_are_refused(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>" * 100_000 + "</body></html>")
    articles, problems, read = read_reports([str(path)])
    assert articles == [] and read == 1
    assert codes(problems) == ["E014"] and "250 levels" in problems[0].message


def test_webpage_deep_nesting_inside_scripts_and_comments_is_not_counted(tmp_path):
    path = tmp_path / "scripted.html"
    hidden = "<script>var s = '" + "<div>" * 1000 + "';</script><!--" + "<div>" * 1000 + "-->"
    path.write_text(f"<html><head>{hidden}</head><body><article><p>{SENTENCE * 3}</p></article></body></html>")
    articles, problems, _ = read_reports([str(path)])
    assert len(articles) == 1 and "E014" not in codes(problems)


def test_webpage_10mb_attribute_is_emptied_and_text_kept(tmp_path):
    path = tmp_path / "attribute.html"
    path.write_text(f'<html><body><article><div title="{"x" * 10_000_000}"><p>{SENTENCE * 3}</p></div></article></body></html>')
    articles, problems, _ = read_reports([str(path)])
    [article] = articles
    assert "minister said the bridge" in article.text and "xxxx" not in article.text
    [warning] = problems
    assert warning.code == "W002" and "emptied" in warning.message


def test_webpage_scripts_styles_and_handlers_leave_no_code_in_text(tmp_path):
    page = (
        "<html><head><title>Bridge</title><style>p { color: red } /* STYLE-BODY */</style>"
        "<script>alert('SCRIPT-BODY')</script></head><body><article>"
        f"<p onclick=\"alert('HANDLER-BODY')\">{SENTENCE}</p><script>document.write('INLINE-SCRIPT')</script>"
        f"<p onmouseover=\"steal()\">{SENTENCE}</p>"
        "<iframe srcdoc=\"&lt;script&gt;alert('IFRAME-BODY')&lt;/script&gt;\"></iframe></article></body></html>"
    )
    path = tmp_path / "scripts.html"
    path.write_text(page)
    [article], _, _ = read_reports([str(path)])
    assert "minister said the bridge" in article.text
    for marker in ("STYLE-BODY", "SCRIPT-BODY", "HANDLER-BODY", "INLINE-SCRIPT", "IFRAME-BODY", "alert", "steal"):
        assert marker not in article.text


# --- text: long sentences, control bytes, encodings, size ------------------------------------------

def test_plaintext_5000_word_sentence_is_read_whole(tmp_path):
    path = tmp_path / "long.txt"
    text = "The convoy moved " + " and ".join(["on"] * 2500) + " said the officials."
    path.write_text(text)
    [article], problems, _ = read_reports([str(path)])
    assert problems == [] and article.text == text and len(text.split()) > 5000


def test_batch_nul_and_escape_bytes_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(SENTENCE.encode() * 120 + b"\x00\x1b[31m more words \x07said here.")
    [article], problems, _ = read_reports([str(path)])
    assert "\x00" not in article.text and "\x1b" not in article.text and "\x07" not in article.text
    assert "more words" in article.text
    [warning] = problems
    assert warning.code == "W002" and "3 control characters" in warning.message


def test_decode_nul_bytes_at_the_start_are_refused(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"\x00" * 10 + SENTENCE.encode())
    _, problems, _ = read_reports([str(path)])
    assert codes(problems) == ["E004"] and "NUL" in problems[0].message


def test_jsonl_lone_surrogate_and_nul_escapes_are_removed(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"text": "The minister said \\ud800 the bridge was closed\\u0000 on Monday.", "source": "Wire\\udfff"}\n')
    [article], problems, _ = read_reports([str(path)])
    article.text.encode("utf-8")  # would raise on a lone surrogate
    assert article.source == "Wire" and "\x00" not in article.text
    assert codes(problems) == ["W002"]


@pytest.mark.parametrize("data, code", [
    (b"\xff\xfe" + "The minister said the bridge was closed on Monday.".encode("utf-16-le"), None),
    (b"\xfe\xff" + "The minister said the bridge was closed on Monday.".encode("utf-16-be"), None),
    (b"\xff\xfe\x00\x00" + "The minister said the bridge was closed on Monday.".encode("utf-32-le"), None),
    (b"\xff\xfe" + "The minister said the bridge".encode("utf-16-le") + b"\x00\xd8", "E005"),  # lone surrogate
    (b"\xff\xfeT", "E005"),  # odd byte count
    ("Le ministre a déclaré que le pont était fermé lundi après la tempête.".encode("utf-8")[:-1] + b"\xe9\xe9\xe9" * 30, "E005"),
])
def test_decode_boms_and_invalid_utf8(tmp_path, data, code):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    articles, problems, read = read_reports([str(path)])
    assert read == 1
    if code is None:
        assert len(articles) == 1 and "minister" in articles[0].text
    else:
        assert articles == [] and codes(problems) == [code]


@pytest.mark.parametrize("name", ["sparse.txt", "sparse.html", "sparse.rss", "sparse.jsonl", "sparse.csv"])
def test_decode_1gb_sparse_file_is_refused_unread(tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.write(b'{"text": "The minister said the bridge was closed on Monday."}\n' if name.endswith("jsonl")
                     else b"text\nThe minister said the bridge was closed on Monday.\n")
        handle.truncate(1024 ** 3 + 1)  # sparse: no disk used, 1 GB to read
    articles, problems, read, peak = read_with_peak([path])
    assert articles == [] and read == 1
    assert codes(problems) == ["E010"] and "1024.0 MB" in problems[0].message
    assert peak < 2_000_000


def test_options_corpus_size_limit_is_configurable(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text\n" + f"{SENTENCE}\n" * 50)
    _, problems, _ = read_reports([str(path)], IngestOptions(max_corpus_bytes=1000))
    assert codes(problems) == ["E010"] and "over the 1000 bytes limit" in problems[0].message


def test_options_non_positive_corpus_limit_raises():
    with pytest.raises(ConsilienceError, match="max_corpus_bytes"):
        IngestOptions(max_corpus_bytes=0)


def test_frontmatter_yaml_alias_bomb_is_ignored_cheaply(tmp_path):
    aliases = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(ord("b"), ord("j")):
        previous = chr(level - 1)
        aliases.append(f"{chr(level)}: &{chr(level)} [{', '.join([f'*{previous}'] * 9)}]")
    path = tmp_path / "yaml.txt"
    path.write_text("---\n" + "\n".join(aliases) + "\ntitle: *i\n---\n" + SENTENCE * 2)
    articles, problems, _, peak = read_with_peak([path])
    [article] = articles
    assert article.title is None and "minister" in article.text
    assert codes(problems) == ["W002"] and "not text" in problems[0].message
    assert peak < 5_000_000


def test_markup_drop_scripts_removes_code_on_broken_markup_but_keeps_json_ld():
    from consilience.ingest.markup import drop_scripts

    page = ('<div><script>var secret = 1;</script><table><p>Bridge closed.<SCRIPT type="text/javascript">'
            'var other = 2;</SCRIPT><style>p{}</style>'
            '<script type="application/ld+json">{"datePublished": "2024-12-05"}</script><script>never closed')
    cleaned = drop_scripts(page)
    assert "secret" not in cleaned and "other" not in cleaned and "p{}" not in cleaned
    assert "never closed" not in cleaned
    assert '"datePublished": "2024-12-05"' in cleaned and "Bridge closed." in cleaned


def test_webpage_broken_table_markup_keeps_script_source_out_of_the_text(tmp_path):
    from consilience.ingest import read_reports

    page = tmp_path / "broken.html"
    page.write_text("<div><script>var zqxscriptbody = '<p>x</p>';</script><table><p>the the"
                    "<script>var zqxscriptbody = '<p>x</p>';</script>", encoding="utf-8")
    articles, problems, _ = read_reports([str(page)])
    assert all("zqxscriptbody" not in a.text for a in articles)
    assert articles or problems
