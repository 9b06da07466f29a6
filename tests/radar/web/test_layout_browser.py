"""Every page fits a phone (375 px) and a desktop (1280 px): nothing scrolls sideways."""

from __future__ import annotations

import pytest

from radar.config.loader import load_config
from radar.store.users import add_user, change_password
from tests.conftest import CHROMIUM_FLAGS
from tests.radar.web.conftest import NOW, PASSWORD, record_failure, story
from tests.radar.web.test_browser import server  # noqa: F401  (the served app, a fixture)

pytestmark = pytest.mark.browser
WIDTHS = (375, 1280)
MANAGER_PAGES = ("/", "/accounts/meridian-airways", "/portfolio", "/sources")
ANALYST_PAGES = (
    "/editor",
    "/editor/sources/orbitnet-newsroom",
    "/editor/accounts/meridian-airways",
    "/editor/accounts/new",
)


def fill(store, config) -> None:
    """Stories with long titles and addresses, a failing source: what stretches a layout."""
    store.sync_config(load_config(config), NOW)
    for n in range(3):
        story(
            store,
            f"https://orbitnet.example/news/2026/11/a-very-long-article-address-{n}-"
            "that-goes-on-and-on-without-a-break-for-tracking-parameters",
            f"OrbitNet announces StratoLink-{n} for Meridian Airways' whole regional fleet",
            "partnership",
        )
    record_failure(store)
    for email, role in (("ana@example.com", "analyst"), ("max@example.com", "manager")):
        user, _ = add_user(store, email, role, NOW)
        change_password(store, user.id, PASSWORD)


def overflow(page) -> int:
    """How far the page reaches past the window's right edge, in CSS pixels (0: it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_for_any_role(chromium, server, store, tmp_path, width):  # noqa: F811
    from playwright.sync_api import sync_playwright

    base, config = server
    fill(store, config)
    wide: dict[str, int] = {}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
        )
        for email, paths in (
            ("max@example.com", MANAGER_PAGES),
            ("ana@example.com", ANALYST_PAGES),
        ):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(f"{base}/login")
            wide[f"{email} /login"] = overflow(page)
            page.fill("#email", email)
            page.fill("#password", PASSWORD)
            page.click("button:has-text('Sign in')")
            page.wait_for_url(f"{base}/")
            for path in paths:
                page.goto(f"{base}{path}")
                assert page.locator("h1").count() == 1, path
                wide[f"{email} {path}"] = overflow(page)
            context.close()
        browser.close()

    assert {where: px for where, px in wide.items() if px > 0} == {}
