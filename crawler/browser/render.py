"""How a source's crawler renders pages: the browser, its bounds, and the wait for content.

Each source's crawler has its own scrapy-playwright download handler, browser and one context
named after the source, closed with the crawl: cookies and storage never pass between sources.
Only requests with meta `playwright` go through it; robots.txt, feeds and sitemaps stay plain.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page
from playwright.async_api import TimeoutError as BrowserTimeout
from scrapy_playwright.page import PageMethod

from crawler.browser.guard import NetworkGuard
from crawler.middlewares.conditional import CONDITIONAL
from radar.errors import BlockedAddress, BodyTooLarge, FetchTimeout, SourceError

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download is never used
HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Pages open at once in one source's browser: each adds about 26 MB, while the browser and its
# driver with one page hold some 650 MB beside the crawling process (PSS, bench/RESULTS.md).
MAX_PAGES = 4
SEEN_CHARS = 80


class BrowserUnguarded(SourceError):
    diagnosis = "private network"


def browser_settings(
    handlers: dict[str, Any], guard: NetworkGuard, timeout_s: float
) -> dict[str, Any]:
    """The Scrapy settings that send a crawler's `playwright` requests through Chromium."""
    return {
        "DOWNLOAD_HANDLERS": {**handlers, "http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": CHROMIUM,
            "headless": True,
            "args": ["--no-sandbox", "--disable-background-networking"],
            "timeout": timeout_s * 1000,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": MAX_PAGES,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_s * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": guard,
    }


def render_meta(
    source_id: str,
    guard: NetworkGuard,
    *,
    wait_for: str | None,
    tls_verify: bool,
    timeout_s: float,
    max_bytes: int,
) -> dict[str, Any]:
    """A request's meta that renders it in the source's browser context."""
    return {
        "playwright": True,
        "playwright_context": source_id,
        "playwright_context_kwargs": {
            "ignore_https_errors": not tls_verify,
            # A service worker's requests would bypass the guard's routes.
            "service_workers": "block",
        },
        "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
        "playwright_page_init_callback": guard.install,
        "playwright_page_methods": [
            PageMethod(
                settle,
                guard=guard,
                source_id=source_id,
                wait_for=wait_for,
                timeout_s=timeout_s,
                max_bytes=max_bytes,
            )
        ],
        # A 304 to the page's HTML says nothing of what its scripts build.
        CONDITIONAL: False,
    }


async def settle(
    page: Page,
    *,
    guard: NetworkGuard,
    source_id: str,
    wait_for: str | None,
    timeout_s: float,
    max_bytes: int,
) -> None:
    """Wait until the page's content is there: the source's selector, else network idle."""
    if not guard.is_guarded(page.context):
        raise BrowserUnguarded(
            source_id, page.url, "refused: the browser's network guard could not be installed"
        )
    await refuse_tainted(page, guard, source_id)
    awaited = f"the selector {wait_for!r}" if wait_for else "network idle"
    try:
        if wait_for:
            await page.wait_for_selector(wait_for, state="attached", timeout=timeout_s * 1000)
        else:
            await page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    except BrowserTimeout as err:
        raise FetchTimeout(
            source_id,
            page.url,
            f"timeout: the page did not settle within {timeout_s:g} s (waiting for {awaited}); "
            f"seen so far: {await seen(page)}; name a selector that means loaded with wait_for, "
            "or raise settings.request_timeout",
        ) from err
    await refuse_tainted(page, guard, source_id)
    size = await page.evaluate("document.documentElement.outerHTML.length")
    if size > max_bytes:
        raise BodyTooLarge(
            source_id,
            page.url,
            f"body too large: the rendered page holds {size} characters, more than "
            f"settings.max_body ({max_bytes}); raise it only if the page is genuine",
        )


async def refuse_tainted(page: Page, guard: NetworkGuard, source_id: str) -> None:
    """A page that a redirect took to a private address is not read."""
    problem = await guard.taint(page)
    if problem is not None:
        raise BlockedAddress(source_id, page.url, problem)


async def seen(page: Page) -> str:
    """A short account of a page as it stands: its title and the start of its text."""
    title = " ".join((await page.title()).split())
    text = " ".join(
        str(await page.evaluate("document.body ? document.body.innerText : ''")).split()
    )
    start = text if len(text) <= SEEN_CHARS else text[:SEEN_CHARS] + "…"
    return f"title {title!r}, {len(text)} characters of text" + (f" ({start!r})" if start else "")
