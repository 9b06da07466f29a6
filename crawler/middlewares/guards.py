"""A source's own documents must have a body: an empty answer fails the source, clearly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from crawler.middlewares._spider import source_spider
from crawler.middlewares.conditional import CONDITIONAL
from radar.errors import SourceError

PRIMARY = "rivalradar_primary"


class EmptyBody(SourceError):
    diagnosis = "empty body"


class PrimaryRequestMiddleware:
    """Spider middleware: a source's start requests are its primary ones, asked conditionally."""

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            if isinstance(item_or_request, Request):
                item_or_request.meta.setdefault(PRIMARY, True)
                item_or_request.meta.setdefault(CONDITIONAL, True)
            yield item_or_request


class EmptyBodyMiddleware:
    """Downloader middleware: a primary request answered 2xx with no body fails its source."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EmptyBodyMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(PRIMARY) and 200 <= response.status < 300 and not response.body.strip():
            raise EmptyBody(
                source_spider(self.crawler).source.id,
                request.url,
                f"empty body: the server answered HTTP {response.status} with nothing; "
                "check the URL in a browser",
            )
        return response
