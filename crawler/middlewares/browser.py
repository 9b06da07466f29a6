"""A rendered page's failure in the words of plain fetches: the same diagnoses and advice.

Playwright reports a failed navigation as an error whose message carries Chromium's net error
(`net::ERR_NAME_NOT_RESOLVED`); this middleware turns it into the source error a plain fetch of
the page would have given, and a navigation the network guard refused into its refusal.
"""

from __future__ import annotations

from playwright.async_api import Error as BrowserError
from playwright.async_api import TimeoutError as BrowserTimeout
from scrapy.crawler import Crawler
from scrapy.http import Request

from crawler.diagnosis import ADVICE
from crawler.middlewares._spider import source_spider
from crawler.middlewares.netsafety import DnsFailure
from radar.errors import BlockedAddress, FetchTimeout, SourceError

# Chromium's net errors, by the diagnosis of plain fetches they match.
NET_ERRORS = {
    "ERR_NAME_NOT_RESOLVED": "dns",
    "ERR_NAME_RESOLUTION_FAILED": "dns",
    "ERR_CONNECTION_REFUSED": "connection refused",
    "ERR_CONNECTION_RESET": "connection",
    "ERR_CONNECTION_CLOSED": "connection",
    "ERR_EMPTY_RESPONSE": "connection",
    "ERR_TOO_MANY_REDIRECTS": "redirect loop",
    "ERR_CERT_": "tls",
    "ERR_SSL_": "tls",
}


class BrowserFailure(SourceError):
    """A rendered page failed; `diagnosis` is set per instance from Chromium's error."""

    def __init__(self, source_id: str, url: str, diagnosis: str, problem: str) -> None:
        super().__init__(source_id, url, problem)
        self.diagnosis = diagnosis


class BrowserErrorMiddleware:
    """Downloader middleware: Playwright errors of `playwright` requests become source errors."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserErrorMiddleware:
        return cls(crawler)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not request.meta.get("playwright") or not isinstance(exception, BrowserError):
            return
        spider = source_spider(self.crawler)
        source_id = spider.source.id
        refused = spider.browser_guard.refused_navigations.get(request.url)
        if refused is not None:
            refusal = DnsFailure if refused.startswith("dns:") else BlockedAddress
            raise refusal(source_id, request.url, refused) from exception
        if isinstance(exception, BrowserTimeout):
            raise FetchTimeout(
                source_id, request.url, f"timeout: {first_line(exception)}; {ADVICE['timeout']}"
            ) from exception
        message = first_line(exception)
        kind = next((k for code, k in NET_ERRORS.items() if code in message), "browser")
        advice = ADVICE.get(kind) or (
            f"the browser failed on the page; check that {CHROMIUM_HINT} and open the page "
            "in a browser"
        )
        raise BrowserFailure(source_id, request.url, kind, f"{kind}: {message}; {advice}") from (
            exception
        )


CHROMIUM_HINT = "Debian's chromium is installed at /usr/bin/chromium"


def first_line(error: BrowserError) -> str:
    """Playwright's message without its call log."""
    return (error.message or str(error)).strip().splitlines()[0]
