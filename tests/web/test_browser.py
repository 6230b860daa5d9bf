"""The real pages in headless Debian Chromium (Playwright), over the store built from examples/hama.

Starts uvicorn on a free loopback port, drives the pages, and saves a screenshot of each page
under docs/screenshots/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

PASTED = """Rebels seize Hama as Syrian army pulls out

Rebel fighters captured the central Syrian city of Hama on Thursday, December 5, 2024, after the
Syrian army withdrew its forces from the city, a military source said. Hundreds of fighters were
killed in the battle for Hama, a monitoring group said. The rebels now threaten Homs.
"""


@pytest.fixture(scope="module")
def server(hama_db: Path, tmp_path_factory: pytest.TempPathFactory, live_server) -> str:
    db = tmp_path_factory.mktemp("served") / "c.db"
    shutil.copy(hama_db, db)  # the add-report test writes; the session store stays as built
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []  # no script errors, no CSP violations


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_hama_story(page) -> str:
    page.goto("/")
    page.click("table.stories a")
    page.wait_for_selector("table.matrix")
    return page.url.rsplit("/", 1)[1]


def test_browser_stories_list_shows_hama_story(page):
    page.goto("/")
    row = page.locator("tr.story-row").first
    assert "Hama" in row.inner_text()
    assert int(row.locator("td.n.disputed").inner_text()) >= 2
    shoot(page, "stories")


def test_browser_stories_filter_by_dates_and_place(page):
    page.goto("/")
    latest = page.locator("tr.story-row").first.locator("td").nth(2).inner_text()
    page.fill("form.filters input[name=place]", "hama")
    page.fill("form.filters input[name=from]", latest)
    page.fill("form.filters input[name=to]", latest)
    page.click("form.filters button")
    page.wait_for_url("**place=hama**")
    assert f"from={latest}" in page.url and f"to={latest}" in page.url
    rows = page.locator("tr.story-row")
    assert rows.count() >= 1 and "Hama" in rows.first.inner_text()
    assert page.input_value("form.filters input[name=from]") == latest  # the form keeps its choices
    page.fill("form.filters input[name=from]", "2099-01-01")
    page.fill("form.filters input[name=to]", "")
    page.click("form.filters button")
    page.wait_for_url("**from=2099-01-01**")
    assert page.locator("tr.story-row").count() == 0
    assert "No stories match" in page.locator("table.stories").inner_text()


def test_browser_matrix_shows_disputes(page):
    open_hama_story(page)
    disputed = page.locator("tr.claim-row[data-verdict=disputed]")
    assert disputed.count() >= 2
    assert page.locator("td.cell[data-state=contradicts]").count() >= 2
    assert "withdrawal" in page.locator("table.matrix").inner_text() or page.locator(".explanation").count() >= 2
    shoot(page, "story-matrix")
    page.select_option("select[name=verdict]", "disputed")
    page.click("form.filters button")
    page.wait_for_url("**verdict=disputed**")
    assert page.locator("tr.claim-row").count() == disputed.count()
    assert page.locator("tr.claim-row[data-verdict=disputed]").count() == page.locator("tr.claim-row").count()


def test_browser_diff_highlights_conflicting_spans(page):
    story = open_hama_story(page)
    page.goto(f"/stories/{story}/diff")
    marks = page.locator(".report-text mark.conflict")
    assert marks.count() >= 2
    assert "Thousands of fighters" in page.locator(".report-text").all_inner_texts().__str__()
    assert marks.first.get_attribute("title")
    group = page.locator(".claim[data-group]").first.get_attribute("data-group")
    page.locator(".claim[data-group]").first.hover()
    assert page.locator(f'.claim.linked[data-group="{group}"]').count() >= 1
    shoot(page, "diff")


def test_browser_timeline_and_graph(page):
    story = open_hama_story(page)
    page.goto(f"/stories/{story}/timeline")
    assert page.locator('li.entry[data-value="2024-12-05"]').count() == 1
    shoot(page, "timeline")
    page.goto(f"/stories/{story}/graph")
    page.wait_for_selector("#graph svg")
    assert page.locator("tr.edge").count() >= 1
    shoot(page, "graph")


def test_browser_map_shows_hama(page):
    story = open_hama_story(page)
    page.goto(f"/stories/{story}/map")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.country").count() > 100
    assert page.locator('#map g.place[data-name="Hama"] circle').count() == 1
    assert page.locator('#map text.label[data-name="Hama"]').text_content() == "Hama"
    shoot(page, "map")


def test_browser_docs_render_offline(page):
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 8
    shoot(page, "docs")


def test_browser_add_report_by_paste_joins_story(page):
    story = open_hama_story(page)
    before = page.locator("th.col").count()
    page.goto("/add")
    page.fill("#paste-form input[name=title]", "Rebels seize Hama as Syrian army pulls out")
    page.fill("#paste-form input[name=source]", "Test Wire")
    page.fill("#paste-form input[name=published]", "2024-12-05")
    page.fill("#paste-form textarea[name=text]", PASTED)
    page.click("#paste-form button")
    page.wait_for_selector("#job[data-state=done], #job[data-state=failed]", timeout=240_000)
    assert page.locator("#job").get_attribute("data-state") == "done", page.locator("#job").inner_text()
    shoot(page, "add")
    page.click("#job-result a.story-link")
    page.wait_for_selector("table.matrix")
    headers = page.locator("th.col").all_inner_texts()
    assert any("Test Wire" in h for h in headers)
    assert len(headers) == before + 1
    assert story  # the story may be renamed (its id follows its earliest member), but holds the new report
