"""The founding pair (../shared/seeds, read by path) in the real pages: both disputes, highlights, Hama.

Skipped when the seeds are absent. No screenshots here: the seeds' text must not enter the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory, live_server):
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"founding seeds not found at {SEEDS}")
    from consilience import analyze

    db = tmp_path_factory.mktemp("seeds") / "c.db"
    analyze(paths, db=db)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def seeds_page(seeds_server):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(base_url=seeds_server, viewport={"width": 1400, "height": 900}).new_page()
        page.goto("/")
        page.click("table.stories a")
        page.wait_for_selector("table.matrix")
        yield page, page.url.rsplit("/", 1)[1]
        browser.close()


def test_browser_seeds_matrix_diff_and_map(seeds_page):
    page, story = seeds_page
    assert page.locator("tr.claim-row[data-verdict=disputed]").count() >= 2
    page.goto(f"/stories/{story}/diff")
    assert page.locator(".report-text mark.conflict").count() >= 2
    page.goto(f"/stories/{story}/map")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator('#map g.place[data-name="Hama"] circle').count() == 1
