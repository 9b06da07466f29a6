"""What every source spider shares: its source, its report, and one way to fail."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.browser.guard import NetworkGuard
from crawler.browser.render import browser_settings, render_meta
from crawler.context import CrawlContext, SourceReport
from crawler.diagnosis import diagnose
from crawler.download import Abandoned
from crawler.middlewares.conditional import NotModified
from crawler.middlewares.netsafety import SETTING as ALLOW_PRIVATE_SETTING
from crawler.settings import VERIFY_TLS
from extractors.app_shell import app_shell
from extractors.encoding import decode_body
from extractors.urls import canonical_url
from radar.errors import SourceError
from radar.records import FeedEntry, Fetched, SourceSpec

logger = logging.getLogger(__name__)


def page_text(response: TextResponse) -> str:
    """The page's text: in its declared charset if the body reads in it, else by detection."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return decode_body(response.body, content_type)


class SourceSpider(scrapy.Spider):
    """Base of the source kinds: crawls one configured source."""

    source: SourceSpec
    context: CrawlContext
    browser_guard: NetworkGuard

    def __init__(self, source: SourceSpec, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(name=source.id, **kwargs)
        self.source, self.context = source, context
        self.report = context.reports.setdefault(
            source.id, SourceReport(source.id, source.url, context.now())
        )
        # The URLs asked for each fetched page (redirects included), until it is a document;
        # then those that differ from the document's URL, until it is stored.
        self.origins: dict[str, list[str]] = {}
        self.pending_aliases: dict[str, set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        politeness = getattr(spider.source.options, "politeness", None)
        if politeness is not None and politeness.concurrency is not None:
            crawler.settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", politeness.concurrency)
            crawler.settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", float(politeness.concurrency))
        if politeness is not None and politeness.delay is not None:
            delay_s = politeness.delay.total_seconds()
            crawler.settings.set("DOWNLOAD_DELAY", delay_s)
            crawler.settings.set("AUTOTHROTTLE_START_DELAY", delay_s)
        if getattr(spider.source.options, "tls_verify", True) is False:
            crawler.settings.set(VERIFY_TLS, False)
        spider.browser_guard = NetworkGuard(
            spider.source.id, crawler.settings.getbool(ALLOW_PRIVATE_SETTING)
        )
        if spider.renders:
            handlers = crawler.settings.getdict("DOWNLOAD_HANDLERS")
            timeout_s = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")
            for name, value in browser_settings(handlers, spider.browser_guard, timeout_s).items():
                crawler.settings.set(name, value)
        return spider

    @property
    def renders(self) -> bool:
        """The source's pages are fetched through the browser (`render: browser`)."""
        return getattr(self.source.options, "render", "http") == "browser"

    def page_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """A request for one of the source's pages: rendered when the source says so."""
        if not self.renders:
            return scrapy.Request(url, **kwargs)
        settings = self.crawler.settings
        meta = render_meta(
            self.source.id,
            self.browser_guard,
            wait_for=self.options.wait_for,
            tls_verify=self.options.tls_verify,
            timeout_s=settings.getfloat("DOWNLOAD_TIMEOUT"),
            max_bytes=settings.getint("DOWNLOAD_MAXSIZE"),
        )
        return scrapy.Request(url, **{**kwargs, "meta": {**kwargs.get("meta", {}), **meta}})

    @property
    def options(self) -> Any:
        return self.source.options

    def check_app_shell(self, response: TextResponse) -> None:
        """A plain fetch that found only an app shell: advise rendering the source's pages."""
        shell = None if self.renders else app_shell(response.text)
        if shell is None:
            return
        advice = (
            f"{response.url} looks built by script ({shell}); "
            "add `render: browser` to the source to read it as a browser shows it"
        )
        self.report.note(advice)
        logger.warning("%s", advice, extra={"source": self.source.id})

    def primary_failed(self, failure: Failure) -> None:
        """The source's own URL failed: the source is failed for this crawl."""
        if self.not_modified(failure) or isinstance(failure.value, Abandoned):
            return
        diagnosis, message = diagnose(failure)
        self.report.fail(diagnosis, message)
        self.progress()
        logger.warning("source failed: %s", message, extra={"source": self.source.id})

    def source_failed(self, err: SourceError) -> None:
        """The source's answer is unusable (not a feed, not a sitemap): failed for this crawl."""
        self.report.fail(err.diagnosis, err.problem)
        self.progress()
        logger.warning("source failed: %s", err.problem, extra={"source": self.source.id})

    def page_failed(self, failure: Failure) -> None:
        """One article of the source failed: counted, the source goes on."""
        if self.not_modified(failure) or isinstance(failure.value, Abandoned):
            return
        self.report.failed_pages += 1
        self.progress()
        diagnosis, message = diagnose(failure)
        url = getattr(getattr(failure, "request", None), "url", "?")
        logger.info(
            "page failed (%s): %s %s", diagnosis, url, message, extra={"source": self.source.id}
        )

    def page_skipped(self, url: str, reason: str, detail: str) -> None:
        """A fetched page is no document (no readable text, not an article): counted, no failure."""
        self.origins.pop(url, None)
        self.report.skip(reason)
        self.progress()
        logger.debug("skipped %s: %s", url, detail, extra={"source": self.source.id})

    def not_modified(self, failure: Failure) -> bool:
        """A 304 to a conditional GET: the document is unchanged, which is no failure."""
        if not isinstance(failure.value, NotModified):
            return False
        self.report.fetched += 1
        self.report.unchanged += 1
        self.progress()
        return True

    def fetched(self, response: Response, entry: FeedEntry | None = None) -> Iterator[Fetched]:
        self.report.fetched += 1
        self.progress()
        if not isinstance(response, TextResponse):
            logger.info("skipped non-text page %s", response.url, extra={"source": self.source.id})
            return
        self.origins[response.url] = [*response.meta.get("redirect_urls", []), response.url]
        yield Fetched(
            source_id=self.source.id,
            source_kind=self.source.kind,
            about=self.source.about,
            url=response.url,
            body=page_text(response),
            fetched_at=self.context.now(),
            entry=entry,
        )

    def document_made(self, fetched_url: str, document_url: str) -> None:
        """The page fetched at `fetched_url` became the document at `document_url`."""
        asked = {canonical_url(u) for u in self.origins.pop(fetched_url, [fetched_url])}
        if asked - {document_url}:
            self.pending_aliases[document_url] = asked - {document_url}

    def document_stored(self, document_url: str) -> None:
        """The document is in the sink: the other URLs that led to it are known from now on."""
        aliases = self.pending_aliases.pop(document_url, None)
        if aliases:
            self.context.sink.remember_aliases(aliases, document_url)

    def known(self, urls: list[str]) -> set[str]:
        """Those of `urls` (in canonical form) already stored."""
        return self.context.sink.known_urls(canonical_url(u) for u in urls)

    def progress(self) -> None:
        if self.context.on_progress:
            self.context.on_progress(self.report)
