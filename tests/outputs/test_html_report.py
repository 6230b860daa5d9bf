"""HTML: self-contained, escaped, with a strict CSP, and with the content a reader needs."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from consilience.outputs.html_report import CONTENT_SECURITY_POLICY, render_html


class _Page(HTMLParser):
    """Collects tags, attributes and text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_html_report_escapes_hostile_text(hostile_analysis):
    out = render_html(hostile_analysis)
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '"onerror=' not in out
    assert "&quot;onerror=alert(4)" in out
    page = _parse(out)
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "iframe", "object", "link")]
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    # the hostile strings survive as visible text, unchanged
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text
    assert 'Ledger" onerror="alert(2)' in text


@pytest.mark.parametrize("fixture", ["analysis", "hostile_analysis"])
def test_html_report_loads_no_external_assets(fixture, request):
    out = render_html(request.getfixturevalue(fixture))
    assert "<script src" not in out.lower()
    page = _parse(out)
    loading = {"link", "script", "img", "iframe", "object", "embed", "audio", "video", "source", "base"}
    assert [tag for tag, _ in page.tags if tag in loading] == []
    fetching = {"src", "href", "srcset", "action", "data", "poster", "background"}
    assert [(tag, name) for tag, attrs in page.tags for name in attrs if name in fetching] == []
    assert [v for _, attrs in page.tags for v in attrs.values() if v and "http" in v.lower()] == []
    style = out.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "@import" not in style and "http" not in style


def test_html_report_sets_restrictive_csp(analysis):
    page = _parse(render_html(analysis))
    csp = [a["content"] for tag, a in page.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [CONTENT_SECURITY_POLICY]
    assert "default-src 'none'" in csp[0] and "script-src 'none'" in csp[0]


def test_html_report_claim_rows_carry_verdict_classes(analysis):
    page = _parse(render_html(analysis))
    rows = [a["class"] for tag, a in page.tags if tag == "tr" and "claim" in (a.get("class") or "")]
    assert rows == ["claim v-corroborated", "claim v-single-source", "claim v-disputed", "claim conflict v-disputed"]


def test_html_report_dispute_shows_both_spans_side_by_side(analysis):
    out = render_html(analysis)
    dispute = out.split('<div class="dispute">', 1)[1].split("</div>", 1)[0]
    assert dispute.count("<blockquote>") == 2
    assert "“Rebel fighters entered the city centre”<cite>Daily Ledger</cite>" in dispute
    assert "“Government troops entered the city centre”<cite>Evening Post</cite>" in dispute
    assert "The reports name different forces entering the centre." in out


def test_html_report_places_lineage_and_origins(analysis):
    out = render_html(analysis)
    assert "<li>Homs <span class=\"muted\">(SY; 34.7268, 36.7234; GeoNames 169577)</span> · 3 mentions</li>" in out
    assert "2 independent: Reuters, the Homs governor" in out
    assert "<li>Evening Post → Reuters</li>" in out
    assert "sources: Daily Ledger, Evening Post" in out
    assert "reports/empty.txt" in out and "E003" in out


def test_html_report_verdict_filter_counts(analysis):
    out = render_html(analysis)
    for verdict in ("corroborated", "single-source", "disputed"):
        assert f'<label for="f-{verdict}">{verdict} (1)</label>' in out
