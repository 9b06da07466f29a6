"""Every request a rendering browser makes passes the private-network rule, not only the first.

No public server exists on a test machine, and a crawl that refuses private networks refuses a
loopback page before the browser opens it. So the page's own document is handed to a real
Chromium by the test's route (for a public-looking name that never reaches the network), and
everything the page then asks for goes through the crawl's guard to a real loopback server,
which must see no request.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from playwright.async_api import Route, async_playwright
from scrapy.http import Request

from crawler.browser.guard import NetworkGuard
from crawler.browser.render import CHROMIUM, settle
from radar.errors import BlockedAddress

pytestmark = pytest.mark.browser

PAGE_URL = "http://pricing.example/plans"
# Chromium itself holds back a public page's requests to local addresses (Local Network Access);
# off here, so that what keeps them from the server is the guard alone.
CHROMIUMS_OWN_CHECKS_OFF = (
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests"
)
# Reaches the server from script every way a page can, then says it is done.
CALLER = """<!DOCTYPE html><html><head><title>Plans</title></head><body><div id="root"></div>
<iframe src="INSIDE/frame"></iframe>
<script>
function attempt(start) { return new Promise(function (done) { start(done); }); }
Promise.all([
  fetch("INSIDE/api/plans").then(function () {}, function () {}),
  attempt(function (done) {
    var x = new XMLHttpRequest(); x.open("GET", "INSIDE/api/xhr");
    x.onloadend = done; x.send(); }),
  attempt(function (done) {
    var s = document.createElement("script"); s.src = "INSIDE/static/app.js";
    s.onload = s.onerror = done; document.head.appendChild(s); }),
  attempt(function (done) {
    var w = new WebSocket("WS/socket"); w.onclose = w.onerror = done; }),
  attempt(function (done) { navigator.sendBeacon("INSIDE/beacon", "x"); done(); }),
]).then(function () { document.title = "done"; });
</script></body></html>"""


async def open_page(
    guard: NetworkGuard, html: str, status: int = 200, headers=None, until=None
) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", CHROMIUMS_OWN_CHECKS_OFF],
        )
        context = await browser.new_context(service_workers="block")
        page = await context.new_page()
        await guard.install(page, Request(PAGE_URL))

        async def serve_page(route: Route) -> None:
            if route.request.url == PAGE_URL:
                await route.fulfill(status=status, body=html, headers=headers or {})
            else:
                await route.fallback()

        await context.route("**/*", serve_page)  # the latest route is asked first
        await page.goto(PAGE_URL, wait_until="commit")
        if until is not None:
            await until(page)
        await browser.close()


async def all_attempts_ended(page) -> None:
    await page.wait_for_function("document.title === 'done'", timeout=20_000)


def caller(httpserver) -> str:
    inside = httpserver.url_for("").rstrip("/")
    return CALLER.replace("INSIDE", inside).replace("WS", inside.replace("http", "ws", 1))


def test_requests_from_a_pages_script_to_a_private_address_never_reach_it(chromium, httpserver):
    guard = NetworkGuard("pricing", allow_private=False)

    asyncio.run(open_page(guard, caller(httpserver), until=all_attempts_ended))

    assert httpserver.log == []
    assert guard.refused_navigations == {}  # the page itself was public


def test_with_private_networks_allowed_the_same_page_reaches_the_server(chromium, httpserver):
    httpserver.expect_request("/api/plans").respond_with_data("[]")
    guard = NetworkGuard("pricing", allow_private=True)

    # The beacon is not among them: a beacon to a third party is dropped, private or not.
    expected = {"/api/plans", "/api/xhr", "/static/app.js", "/frame", "/socket"}

    async def all_arrived(page) -> None:
        deadline = time.monotonic() + 20
        while not expected <= {r.path for r, _ in httpserver.log} and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    asyncio.run(open_page(guard, caller(httpserver), until=all_arrived))

    assert expected <= {request.path for request, _ in httpserver.log}


def test_a_page_whose_redirect_went_to_a_private_address_is_refused_with_the_plain_message(
    chromium, httpserver
):
    # Chromium follows a redirect without asking the route again: the hop is caught as it is
    # sent, and the page it led to is never read.
    guard = NetworkGuard("pricing", allow_private=False)
    refused: list[str] = []

    async def read_it(page) -> None:
        with pytest.raises(BlockedAddress) as caught:
            await settle(
                page, guard=guard, source_id="pricing", wait_for=None, timeout_s=5, max_bytes=10**6
            )
        refused.append(caught.value.problem)

    headers = {"Location": httpserver.url_for("/admin")}
    asyncio.run(open_page(guard, "", status=302, headers=headers, until=read_it))

    assert refused == [
        "refused: localhost resolves to 127.0.0.1, a loopback address; private "
        "networks are not crawled unless settings.allow_private_networks is true"
    ]
