"""Scrapy's HTTP/1.1 download handler, ended by a stop of the crawl (crawler/stopping.py).

Scrapy closes a spider asked to stop once every request already handed to its downloader is
done, and the downloader holds them all, waiting their turn for the domain's politeness: the
whole listing would still be fetched. Here a request whose turn comes after a stop is dropped,
and one in flight is abandoned (its connection closed), so that the spider closes with the
pages it has: those are processed and stored, the others left for the next crawl.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawler.middlewares._spider import source_spider


class Abandoned(IgnoreRequest):
    """A request dropped, or abandoned in flight, because the crawl is stopping."""


class StoppableDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._in_flight: set[asyncio.Future[Response]] = set()
        self._forget: Callable[[], None] | None = None

    async def download_request(self, request: Request) -> Response:
        stop = source_spider(self.crawler).context.stop
        if self._forget is None:
            from twisted.internet import reactor

            self._forget = stop.on_request(lambda: reactor.callFromThread(self._abandon))
        if stop.is_requested:
            raise Abandoned(f"not fetched, the crawl is stopping: {request.url}")
        download = asyncio.ensure_future(super().download_request(request))
        self._in_flight.add(download)
        try:
            return await download
        except asyncio.CancelledError:
            if not (stop.is_requested and download.cancelled()):
                raise
            raise Abandoned(f"abandoned in flight, the crawl is stopping: {request.url}") from None
        finally:
            self._in_flight.discard(download)

    def _abandon(self) -> None:
        for download in list(self._in_flight):
            download.cancel()

    async def close(self) -> None:
        if self._forget is not None:
            self._forget()
        await super().close()
