"""Every request a rendering browser makes is checked, not only the page's own.

scrapy-playwright routes each request of a page it opens through one handler, which asks this
guard whether to abort it. The guard refuses what the private-network rule of plain fetches
refuses (crawler/middlewares/netsafety.py, the same rule and message) for the page's
navigation, its redirects, sub-resources and fetch/XHR, and it drops what a reading of the page
never needs: fonts, media and images, and beacons to third parties. WebSockets and pages opened
by script (popups) bypass that handler, so `install` routes them through the same check on the
whole browser context; a page whose context it could not guard is not used.

Playwright routes the first request of a chain only: Chromium follows a redirect without asking
the route again. Each hop is seen as it is sent, so a hop to a private address is caught after
the fact: the page is tainted and `settle` refuses it, nothing of it is read or stored, and the
source fails as a plain fetch would. Chromium resolves host names itself after the check, so a
host that answers a public address to the check and a private one to the browser (DNS
rebinding) is not caught here; Chromium's own Local Network Access checks, left on, hold back
a public page's sub-requests to local addresses where the connection is made, redirects and
rebinding included.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page, Route, WebSocketRoute
from playwright.async_api import Request as BrowserRequest
from scrapy.http import Request
from tldextract import TLDExtract

from crawler.addresses import host_refusal, resolve

logger = logging.getLogger(__name__)

SCHEMES = frozenset({"http", "https", "ws", "wss"})
NEVER_NEEDED = frozenset({"font", "media", "image"})
THIRD_PARTY_DROPPED = frozenset({"ping", "beacon", "other", "manifest", "texttrack"})
# The public-suffix list shipped with tldextract; it never downloads a newer one.
_SITES = TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_of(url: str) -> str:
    """The registrable domain of a URL (`shop.example.co.uk` → `example.co.uk`), or its host."""
    host = (urlsplit(url).hostname or "").lower()
    return _SITES(host).top_domain_under_public_suffix or host


def first_url(request: BrowserRequest) -> str:
    """The URL a request started from, before redirects."""
    while request.redirected_from is not None:
        request = request.redirected_from
    return request.url


def is_page_navigation(request: BrowserRequest) -> bool:
    """The request loads a page's main document (not a frame's, nor a sub-resource)."""
    if not request.is_navigation_request():
        return False
    try:
        return request.frame.parent_frame is None
    except Exception:  # noqa: BLE001 - a worker's request has no frame
        return False


class NetworkGuard:
    """The abort rule of one source's browser: private networks refused, unneeded loads dropped."""

    def __init__(self, source_id: str, allow_private: bool) -> None:
        self.source_id, self.allow_private = source_id, allow_private
        self._hosts: dict[str, str | None] = {}
        # Held weakly, by identity: a closed page's or context's id may be reused by a new one.
        self._guarded: weakref.WeakSet[BrowserContext] = weakref.WeakSet()
        self._hop_checks: set[asyncio.Task[None]] = set()
        self._tainted: weakref.WeakKeyDictionary[Page, str] = weakref.WeakKeyDictionary()
        # Why a page's own navigation was refused, by the URL it started from.
        self.refused_navigations: dict[str, str] = {}

    async def __call__(self, request: BrowserRequest) -> bool:
        """True: abort the request (scrapy-playwright's PLAYWRIGHT_ABORT_REQUEST)."""
        problem = await self.refusal(request.url)
        if problem is not None:
            if is_page_navigation(request):
                self.refused_navigations[first_url(request)] = problem
            logger.warning(
                "browser request %s %s", request.url, problem, extra={"source": self.source_id}
            )
            return True
        return self._unneeded(request)

    async def refusal(self, url: str) -> str | None:
        """Why the browser may not reach the URL, in the words of plain fetches; None if it may."""
        if self.allow_private:
            return None
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES:
            return f"refused: the URL scheme {parts.scheme!r} is not fetched by the browser"
        host = parts.hostname or ""
        if host not in self._hosts:
            self._hosts[host] = await self._check_host(host, parts.port or 443)
        return self._hosts[host]

    async def _check_host(self, host: str, port: int) -> str | None:
        try:
            addresses = await asyncio.to_thread(resolve, host, port)
        except (OSError, UnicodeError) as err:
            return f"dns: the host {host!r} does not resolve ({err}); check the URL"
        return host_refusal(host, addresses)

    def _unneeded(self, request: BrowserRequest) -> bool:
        kind = request.resource_type
        if kind in NEVER_NEEDED:
            return True
        if kind not in THIRD_PARTY_DROPPED:
            return False
        try:
            page_url = request.frame.page.url
        except Exception:  # noqa: BLE001 - a worker's request has no frame: not the page's own
            return True
        return site_of(request.url) != site_of(page_url)

    async def install(self, page: Page, request: Request) -> None:
        """Guard the page's context: WebSockets and popups (scrapy-playwright's init callback)."""
        context = page.context
        if context in self._guarded:
            return
        await context.route("**/*", self._route_other_page)
        await context.route_web_socket("**/*", self._route_web_socket)
        context.on("request", lambda request: self._on_request(request, context))
        self._guarded.add(context)

    def _on_request(self, request: BrowserRequest, context: BrowserContext) -> None:
        if request.redirected_from is None:
            return  # a chain's first request was routed, and checked there
        task = asyncio.get_running_loop().create_task(self._check_hop(request, context))
        self._hop_checks.add(task)
        task.add_done_callback(self._hop_checks.discard)

    async def _check_hop(self, request: BrowserRequest, context: BrowserContext) -> None:
        problem = await self.refusal(request.url)
        if problem is None or problem.startswith("dns:"):
            return  # a hop to a name that does not resolve fails in the browser on its own
        logger.warning(
            "browser redirect to %s %s", request.url, problem, extra={"source": self.source_id}
        )
        try:
            pages = [request.frame.page]
        except Exception:  # noqa: BLE001 - a worker's request: every page of the context is tainted
            pages = list(context.pages)
        for tainted in pages:
            self._tainted.setdefault(tainted, problem)

    async def taint(self, page: Page) -> str | None:
        """Why the page may not be read: a redirect of it or of its requests went private."""
        await asyncio.gather(*list(self._hop_checks))
        return self._tainted.get(page)

    def is_guarded(self, context: BrowserContext) -> bool:
        return context in self._guarded

    async def _route_other_page(self, route: Route) -> None:
        # Only requests of pages scrapy-playwright did not open reach the context's route.
        if await self(route.request):
            await route.abort("blockedbyclient")
        else:
            await route.continue_()

    async def _route_web_socket(self, socket: WebSocketRoute) -> None:
        problem = await self.refusal(socket.url)
        if problem is None:
            socket.connect_to_server()
            return
        logger.warning(
            "browser WebSocket %s %s", socket.url, problem, extra={"source": self.source_id}
        )
        await socket.close(code=1008, reason="refused")
