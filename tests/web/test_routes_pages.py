"""HTML pages: they render, escape report text, and carry the security headers."""

from __future__ import annotations

import pytest

PAGES = ["/", "/stories/s-hama", "/stories/s-hama/diff", "/stories/s-hama/timeline", "/stories/s-hama/map",
         "/stories/s-hama/graph", "/add", "/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_csp(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-eval" not in csp
    for attribute in ('src="http', "src='http", 'href="http', "//cdn"):
        assert attribute not in response.text  # nothing loads from the internet


@pytest.mark.parametrize("path", ["/stories/s-hama", "/stories/s-hama/diff", "/stories/s-hama/timeline"])
def test_pages_escape_hostile_report_text(client, path):
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Courier &lt;Two&gt;" in html


def test_matrix_page_shows_verdicts_and_lineage(client):
    html = client.get("/stories/s-hama").text
    assert 'data-state="contradicts"' in html and 'data-state="silent"' in html
    assert "Wire One → a monitor" in html  # lineage shown on click (details) and hover (title)


def test_diff_page_marks_conflicting_spans(client):
    html = client.get("/stories/s-hama/diff").text
    assert '<mark class="conflict" title="The reports give incompatible figures: &#39;Hundreds&#39; vs &#39;Thousands&#39;.">Thousands of fighters were killed</mark>' in html


def test_timeline_page_shows_underspecified_dates_as_such(client):
    html = client.get("/stories/s-hama/timeline").text
    assert 'data-value="XXXX-12-05"' in html and "underspecified" in html


def test_stories_page_search_escapes_query(client):
    html = client.get('/?q="><em>zzz</em>').text
    assert "<em>zzz" not in html and "&#34;&gt;&lt;em&gt;zzz" in html
    assert "0 stories" in html


def test_docs_is_served_offline_and_openapi_lists_api_routes(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}/matrix", "/api/jobs/{job_id}", "/api/reports/url"} <= set(schema["paths"])
    assert "/static/vendor/swagger-ui-bundle.js" in client.get("/docs").text or "not built" in client.get("/docs").text


def test_matrix_page_treats_empty_filters_as_any(client):
    html = client.get("/stories/s-hama?verdict=&kind=").text
    assert 'data-group="g-number"' in html and 'data-group="g-seize"' in html
    html = client.get("/stories/s-hama?verdict=disputed&kind=").text
    assert 'data-group="g-number"' in html and 'data-group="g-seize"' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("from=2024-12-01&to=", ["s-hama"]), ("from=&to=2024-11-30", ["s-markets"]), ("place=HAMA", ["s-hama"]),
     ("place=170017&from=2024-12-06", ["s-hama"]), ("from=not-a-date", ["s-hama", "s-markets"])],
)
def test_stories_page_filters_by_dates_and_place(client, query, expected):
    html = client.get(f"/?{query}").text
    shown = [s for s in ("s-hama", "s-markets") if f'data-story="{s}"' in html]
    assert shown == expected


def test_stories_page_form_keeps_chosen_dates_and_place(client):
    html = client.get("/?from=2024-12-01&to=2024-12-31&place=Hama").text
    assert 'name="from" value="2024-12-01"' in html and 'name="to" value="2024-12-31"' in html
    assert 'name="place" value="Hama"' in html
    assert '<option value="Hama">' in html  # the datalist of the store's places
