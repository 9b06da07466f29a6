"""A real browser (Debian's chromium, driven by Playwright) through sign-in, a feed and the editor."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from radar.config.loader import load_config
from radar.web.app import create_app
from radar.web.context import WebContext
from tests.conftest import CHROMIUM_FLAGS, SHIPPED_CONFIG, free_port
from tests.radar.web.conftest import PASSWORD, story

pytestmark = pytest.mark.browser


@pytest.fixture
def server(store, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`rivalradar serve`'s app under uvicorn on a loopback port: (its URL, its config file)."""
    config = tmp_path / "sources.yaml"
    shutil.copy(SHIPPED_CONFIG, config)
    app = create_app(WebContext(store, config), "browser-test-secret" * 2)
    port = free_port()
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not served.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}", config
    served.should_exit = True
    thread.join(30)


def test_an_analyst_signs_in_reads_a_feed_and_adds_a_source_in_the_editor(
    chromium, server, store, run_cli, tmp_path
):
    from playwright.sync_api import expect, sync_playwright

    base, config = server
    added = run_cli("--config", config, "users", "add", "ana@example.com", "--role", "analyst")
    one_time = added.stdout.strip()
    story(
        store,
        "https://orbitnet.example/news/wifi",
        "OrbitNet to power Meridian wifi",
        "partnership",
    )

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        page = context.new_page()

        page.goto(f"{base}/accounts/meridian-airways")
        page.fill("#email", "ana@example.com")
        page.fill("#password", one_time)
        page.click("button:has-text('Sign in')")
        page.fill("#current", one_time)
        page.fill("#new", PASSWORD)
        page.fill("#again", PASSWORD)
        page.click("button:has-text('Save password')")

        expect(page).to_have_url(f"{base}/accounts/meridian-airways")
        expect(page.locator("article h3")).to_have_text("OrbitNet to power Meridian wifi")
        expect(page.locator("article")).to_contain_text("OrbitNet courts Meridian")

        page.click("header a:has-text('Editor')")
        page.fill("#id", "orbitnet-feed")
        page.select_option("#kind", "feed")
        page.fill("#url", "orbitnet.example/feed.xml")
        page.select_option("#about", "orbitnet")
        page.fill("#every", "2h")
        page.click("button:has-text('Add source')")
        expect(page.get_by_role("alert")).to_contain_text(
            "sources[7].url: 'orbitnet.example/feed.xml' is not a web address"
        )
        assert load_config(config).source("orbitnet-feed") is None

        page.fill("#url", "https://orbitnet.example/feed.xml")
        page.click("button:has-text('Add source')")
        expect(page.get_by_role("status")).to_contain_text("Saved orbitnet-feed")
        expect(page.locator("table").first).to_contain_text("orbitnet-feed")
        context.close()

    spec = load_config(config).source("orbitnet-feed")
    assert spec is not None and spec.url == "https://orbitnet.example/feed.xml"


def test_a_locked_out_sign_in_is_told_to_wait_and_stays_out(chromium, server, run_cli, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from radar.web.throttle import PER_ACCOUNT

    base, config = server
    one_time = run_cli(
        "--config", config, "users", "add", "max@example.com", "--role", "manager"
    ).stdout.strip()

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        page = context.new_page()
        page.goto(f"{base}/portfolio")
        for _ in range(PER_ACCOUNT.amount):
            page.fill("#email", "max@example.com")
            page.fill("#password", "a wrong guess")
            page.click("button:has-text('Sign in')")
            expect(page.get_by_role("alert")).to_have_text("wrong email or password")

        page.fill("#password", one_time)
        with page.expect_response(f"{base}/login") as answer:
            page.click("button:has-text('Sign in')")

        assert answer.value.status == 429
        expect(page.get_by_role("alert")).to_have_text(
            "too many failed sign-ins; try again in 15 minutes"
        )
        expect(page.locator("h1")).to_have_text("Sign in")
        context.close()


def test_the_api_reference_renders_offline_with_its_security_schemes(chromium, server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    base, _ = server
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        page = context.new_page()
        blocked: list[str] = []
        elsewhere: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if m.type == "error" else None)
        # Redoc's footer asks for its logo from a CDN; the CSP refuses it and nothing breaks.
        page.on(
            "requestfinished",
            lambda r: None if r.url.startswith((base, f"blob:{base}")) else elsewhere.append(r.url),
        )

        page.goto(f"{base}/redoc")

        expect(page.locator("h1").first).to_contain_text("rivalradar")
        expect(page.get_by_text("The key accounts of the config.").first).to_be_visible()
        expect(page.get_by_text("Authorizations:").first).to_be_attached()
        assert elsewhere == [], "the reference must need no outside network"
        assert [m for m in blocked if "redoc/logo-mini.svg" not in m] == []
        context.close()
