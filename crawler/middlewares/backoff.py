"""Retries that wait: exponential backoff with jitter, honouring Retry-After, for 5xx and drops.

Scrapy's RetryMiddleware decides what to retry and how often; this only adds the wait, so that a
struggling server is not hit again at once. The wait holds no per-domain download slot.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

BASE_SETTING = "RIVALRADAR_RETRY_BACKOFF_S"
MAX_SETTING = "RIVALRADAR_RETRY_BACKOFF_MAX_S"

logger = logging.getLogger(__name__)


def backoff_s(retry: int, base_s: float, max_s: float, retry_after_s: float | None) -> float:
    """The wait before retry number `retry` (1, 2, ...): doubling, jittered, capped."""
    wait = base_s * 2 ** (retry - 1)
    wait += random.uniform(0, wait / 4)
    if retry_after_s is not None:
        wait = max(wait, retry_after_s)
    return float(min(wait, max_s))


def retry_after_s(response: Response, now: datetime) -> float | None:
    """The server's Retry-After, in seconds from now (a number or an HTTP date)."""
    raw = response.headers.get(b"Retry-After")
    if not raw:
        return None
    text = raw.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


def is_robots_txt(request: Request) -> bool:
    """Scrapy's own robots.txt request: asked once; unanswered, Scrapy treats the site as open,
    and retrying it would only delay the source's own request on a hanging host."""
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware whose retries wait before they are sent again."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.base_s = crawler.settings.getfloat(BASE_SETTING, 0.5)
        self.max_s = crawler.settings.getfloat(MAX_SETTING, 30.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if is_robots_txt(request):
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, retry_after_s(response, datetime.now(UTC)))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if is_robots_txt(request):
            return None
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, retry_after: float | None) -> None:
        attempt = int(retry.meta.get("retry_times", 1))
        wait_s = backoff_s(attempt, self.base_s, self.max_s, retry_after)
        logger.info("waiting %.1f s before retry %d of %s", wait_s, attempt, retry.url)
        await asyncio.sleep(wait_s)
