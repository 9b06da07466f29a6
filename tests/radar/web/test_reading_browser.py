"""In a real browser: a manager reorders a feed; an analyst removes a source, after a question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from radar.config.loader import load_config
from radar.store.users import add_user, change_password
from tests.conftest import CHROMIUM_FLAGS
from tests.radar.web.conftest import NOW, PASSWORD, story
from tests.radar.web.test_browser import server  # noqa: F401  (the served app, a fixture)

pytestmark = pytest.mark.browser


def signed_in(playwright, chromium, base, email):
    browser = playwright.chromium.launch(
        executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
    )
    page = browser.new_page()
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/")
    return browser, page


@pytest.fixture
def users(store):
    for email, role in (("ana@example.com", "analyst"), ("max@example.com", "manager")):
        user, _ = add_user(store, email, role, NOW)
        change_password(store, user.id, PASSWORD)


def test_a_manager_sees_the_biggest_threat_first_and_can_order_by_date(
    chromium,
    server,  # noqa: F811
    store,
    users,
):
    from playwright.sync_api import expect, sync_playwright

    base, _ = server
    now = store_now()
    story(
        store, "https://orbitnet.example/a", "OrbitNet blog post", "other", score=20, dated_at=now
    )
    story(
        store,
        "https://orbitnet.example/b",
        "Meridian's CTO leaves",
        "executive",
        score=95,
        dated_at=now - timedelta(days=6),
    )

    with sync_playwright() as playwright:
        browser, page = signed_in(playwright, chromium, base, "max@example.com")
        page.click("a:has-text('Meridian Airways')")
        expect(page.locator("article h3").first).to_have_text("Meridian's CTO leaves")
        page.select_option("select[name=order]", "date")
        page.click("button:has-text('Show')")
        expect(page.locator("article h3").first).to_have_text("OrbitNet blog post")
        assert "order=date" in page.url
        browser.close()


def test_an_analyst_removes_a_source_only_after_confirming(
    chromium,
    server,  # noqa: F811
    store,
    users,
):
    from playwright.sync_api import expect, sync_playwright

    base, config = server
    with sync_playwright() as playwright:
        browser, page = signed_in(playwright, chromium, base, "ana@example.com")
        page.click("header a:has-text('Editor')")
        page.click("tr:has-text('travel-wire') a:has-text('Remove')")
        expect(page.locator("h1")).to_have_text("Remove the source Travel Wire?")
        assert load_config(config).source("travel-wire") is not None
        page.click("button:has-text('Remove travel-wire')")
        expect(page.get_by_role("status")).to_contain_text("Removed the source travel-wire")
        browser.close()

    assert load_config(config).source("travel-wire") is None


def store_now():
    """The served app reads the real clock: stories are dated from it."""
    from datetime import UTC, datetime

    return datetime.now(UTC) - timedelta(hours=1)
