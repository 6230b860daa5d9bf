"""The token in the browser: the add page refuses without it, takes it once, then adds reports."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TOKEN = "browser-token-0123456789abcdef"


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def paste(page, text: str) -> str:
    page.fill("#paste-form textarea[name=text]", text)
    page.click("#paste-form button")
    page.wait_for_selector("#job[data-state=done], #job[data-state=failed], #job[data-state=refused]")
    return page.locator("#job").get_attribute("data-state")


def test_browser_access_token_entered_once_then_reports_are_added(browser, handmade_db, adder, live_server):
    with live_server(handmade_db, adder=adder, token=TOKEN) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto("/add")
        assert paste(page, "Rebels held Hama on Friday.") == "refused"
        assert "token" in page.locator("#job-state").inner_text()
        page.fill("#token-form input[name=token]", TOKEN)
        page.click("#token-form button")
        assert paste(page, "Rebels held Hama on Friday.") == "done"
        page.goto("/add")  # the token stays for the tab, not in the page
        assert TOKEN not in page.content()
        assert paste(page, "Rebels still held Hama on Saturday.") == "done"
        context.close()


def test_browser_access_read_only_has_no_add_forms(browser, handmade_db, adder, live_server):
    with live_server(handmade_db, adder=adder, read_only=True) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto("/add")
        assert page.locator("#read-only").is_visible()
        assert page.locator("form").count() == 0
        context.close()
