"""Conditional GET: ask again with the last answer's ETag and Last-Modified; a 304 costs nothing.

Only a source's own documents (its feed, listing, sitemaps, watched page) are asked this way:
articles are skipped by URL before they are ever requested. Validators seen in a crawl are kept
on the source's report and saved only when the whole crawl went well, so that a page that failed
this time is fetched in full next time.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawler.middlewares._spider import source_spider

CONDITIONAL = "rivalradar_conditional"


class NotModified(IgnoreRequest):
    """The server answered 304: nothing changed since the last crawl."""


def cache_key(request: Request) -> str:
    """The URL first asked for: a redirected request is keyed by where it started."""
    redirects: list[str] = request.meta.get("redirect_urls", [])
    return redirects[0] if redirects else request.url


class ConditionalGetMiddleware:
    """Downloader middleware for requests with meta `rivalradar_conditional`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not request.meta.get(CONDITIONAL) or request.meta.get("redirect_urls"):
            return
        validators = source_spider(self.crawler).context.sink.validators(request.url)
        if validators is None:
            return
        etag, last_modified = validators
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified.encode("latin-1"))

    def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get(CONDITIONAL):
            return response
        if response.status == 304:
            raise NotModified(f"not modified since the last crawl: {request.url}")
        if 200 <= response.status < 300:
            etag = response.headers.get(b"ETag")
            last_modified = response.headers.get(b"Last-Modified")
            source_spider(self.crawler).report.validators[cache_key(request)] = (
                etag.decode("latin-1") if etag else None,
                last_modified.decode("latin-1") if last_modified else None,
            )
        return response
