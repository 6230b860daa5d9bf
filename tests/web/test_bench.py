"""The web benchmark's synthetic store, and the paginated matrix it exercises (no browser, no server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from consilience.store import open_store
from consilience.web import create_app
from consilience.web.bench import BIG_STORY, build_store
from consilience.web.routes.pages import MATRIX_PAGE_ROWS


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("bench") / "bench.db"
    return path, build_store(path, stories=12, big_story=10, big_groups=60)


@pytest.fixture
def bench_client(bench_db):
    with TestClient(create_app(bench_db[0]), raise_server_exceptions=False) as client:
        yield client


def test_bench_build_store_saves_stories_and_big_story(bench_db):
    path, sizes = bench_db
    assert sizes["stories"] == 13 and sizes["reports"] == 12 * 3 + 10
    assert sizes["big_story_reports"] == 10 and MATRIX_PAGE_ROWS < sizes["big_story_groups"] <= 60
    with open_store(path) as store:
        big = next(s for s in store.load_stories() if s.id == BIG_STORY)
        articles = {a.id: a for a in store.list_articles()}
    assert len(big.articles) == 10
    mention = big.claims[0].mentions[0]
    assert articles[mention.article].text[mention.start:mention.end] == mention.text  # offsets are real


def test_bench_store_serves_every_benchmarked_route(bench_client):
    for path in ["/api/stories", "/api/stories?q=ceasefire", "/api/stories?place=Hama&from=2024-01-01",
                 f"/api/stories/{BIG_STORY}", f"/api/stories/{BIG_STORY}/matrix", "/", f"/stories/{BIG_STORY}",
                 f"/stories/{BIG_STORY}/diff"]:
        assert bench_client.get(path).status_code == 200, path


def test_matrix_api_pages_rows_with_offset_and_limit(bench_client, bench_db):
    total = bench_db[1]["big_story_groups"]
    full = bench_client.get(f"/api/stories/{BIG_STORY}/matrix").json()
    assert full["total_rows"] == total == len(full["rows"])
    page = bench_client.get(f"/api/stories/{BIG_STORY}/matrix?offset=5&limit=3").json()
    assert page["total_rows"] == total
    assert [r["group"] for r in page["rows"]] == [r["group"] for r in full["rows"][5:8]]
    assert len(page["columns"]) == 10


def test_matrix_page_shows_one_page_of_rows_with_links(bench_client, bench_db):
    total = bench_db[1]["big_story_groups"]
    first = bench_client.get(f"/stories/{BIG_STORY}").text
    assert first.count('class="claim-row') == MATRIX_PAGE_ROWS
    assert f"1–{MATRIX_PAGE_ROWS} of {total}" in first
    assert f'href="/stories/{BIG_STORY}?page=2"' in first and 'rel="prev"' not in first
    last_page = -(-total // MATRIX_PAGE_ROWS)
    last = bench_client.get(f"/stories/{BIG_STORY}?page={last_page}").text
    assert last.count('class="claim-row') == total - (last_page - 1) * MATRIX_PAGE_ROWS
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert bench_client.get(f"/stories/{BIG_STORY}?page=999").text.count('class="claim-row') == last.count(
        'class="claim-row')  # past the end: the last page


def test_matrix_page_links_keep_the_filters(bench_client):
    html = bench_client.get(f"/stories/{BIG_STORY}?verdict=&kind=&page=1").text
    assert f'href="/stories/{BIG_STORY}?verdict=&amp;kind=&amp;page=2"' in html
