"""What every source spider shares: its source, its report, and one way to fail."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.context import CrawlContext, SourceReport
from crawler.diagnosis import diagnose
from extractors.urls import canonical_url
from radar.errors import SourceError
from radar.records import FeedEntry, Fetched, SourceSpec

logger = logging.getLogger(__name__)


class SourceSpider(scrapy.Spider):
    """Base of the source kinds: crawls one configured source."""

    source: SourceSpec
    context: CrawlContext

    def __init__(self, source: SourceSpec, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(name=source.id, **kwargs)
        self.source, self.context = source, context
        self.report = context.reports.setdefault(
            source.id, SourceReport(source.id, source.url, context.now())
        )

    @property
    def options(self) -> Any:
        return self.source.options

    def primary_failed(self, failure: Failure) -> None:
        """The source's own URL failed: the source is failed for this crawl."""
        diagnosis, message = diagnose(failure)
        self.report.fail(diagnosis, message)
        logger.warning("source failed: %s", message, extra={"source": self.source.id})

    def source_failed(self, err: SourceError) -> None:
        """The source's answer is unusable (not a feed, not a sitemap): failed for this crawl."""
        self.report.fail(err.diagnosis, err.problem)
        logger.warning("source failed: %s", err.problem, extra={"source": self.source.id})

    def page_failed(self, failure: Failure) -> None:
        """One article of the source failed: counted, the source goes on."""
        self.report.failed_pages += 1
        diagnosis, message = diagnose(failure)
        url = getattr(getattr(failure, "request", None), "url", "?")
        logger.info(
            "page failed (%s): %s %s", diagnosis, url, message, extra={"source": self.source.id}
        )

    def fetched(self, response: Response, entry: FeedEntry | None = None) -> Iterator[Fetched]:
        self.report.fetched += 1
        if not isinstance(response, TextResponse):
            logger.info("skipped non-text page %s", response.url, extra={"source": self.source.id})
            return
        yield Fetched(
            source_id=self.source.id,
            source_kind=self.source.kind,
            about=self.source.about,
            url=response.url,
            body=response.text,
            fetched_at=self.context.now(),
            entry=entry,
        )

    def known(self, urls: list[str]) -> set[str]:
        """Those of `urls` (in canonical form) already stored."""
        return self.context.sink.known_urls(canonical_url(u) for u in urls)
