from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import scrapy
from pydantic import Field
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.download import Abandoned
from crawler.jsonfeed import looks_like_json, parse_json_feed
from crawler.kinds import KindOptions, source_kind
from crawler.spiders.base import SourceSpider
from extractors.feed import parse_feed
from extractors.urls import canonical_url
from radar.errors import ExtractionError, NotAFeed
from radar.records import FeedEntry, Fetched

logger = logging.getLogger(__name__)


class FeedOptions(KindOptions):
    fetch_articles: bool = Field(True, description="fetch each entry's page for its full text")
    title_prefix: str = Field("", description="put before each entry's title (a release feed)")
    drop_title_suffix: bool = Field(
        False, description='drop a trailing " - Publisher" from titles (news aggregators)'
    )


@source_kind("feed", FeedOptions)
class FeedSpider(SourceSpider):
    """Reads an RSS, Atom or JSON Feed; each new entry's linked page is fetched for its full text."""

    async def start(self) -> AsyncIterator[Any]:
        yield scrapy.Request(
            self.source.url, callback=self.parse_feed, errback=self.primary_failed, dont_filter=True
        )

    def parse_feed(self, response: Response) -> Iterator[Any]:
        self.report.fetched += 1
        self.progress()
        try:
            entries = self._entries(response)
        except ExtractionError as err:
            self.source_failed(NotAFeed(self.source.id, response.url, str(err)))
            return
        seen = self.context.sink.seen_entries(self.source.id)
        fresh = [e for e in entries if e.entry_id not in seen]
        known = self.known([e.link for e in fresh if e.link])
        self.report.unchanged += len(entries) - len(fresh)
        this_crawl: set[str] = set()
        for entry in fresh:
            link = canonical_url(entry.link) if entry.link else None
            if link and (link in known or link in this_crawl):
                self.report.unchanged += 1
                continue
            if link:
                this_crawl.add(link)
            if entry.link and self.options.fetch_articles:
                yield self.page_request(
                    entry.link,
                    callback=self.parse_article,
                    errback=self.article_failed,
                    cb_kwargs={"entry": entry},
                )
            else:
                yield self._from_entry(entry, response.url)

    def _entries(self, response: Response) -> list[FeedEntry]:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        read = (
            parse_json_feed(response.body, response.url, content_type)
            if looks_like_json(response.body, content_type)
            else parse_feed(response.body, response.url, content_type)
        )
        for problem in read.problems:
            logger.warning("%s: %s", response.url, problem, extra={"source": self.source.id})
        return [replace(e, title=self._title(e.title)) for e in read.entries]

    def _title(self, title: str) -> str:
        title = " ".join(title.split())
        if self.options.drop_title_suffix and " - " in title:
            title = title.rsplit(" - ", 1)[0].strip()
        return f"{self.options.title_prefix}{title}" if title else title

    def parse_article(self, response: Response, entry: FeedEntry) -> Iterator[Fetched]:
        yield from self.fetched(response, entry)

    def article_failed(self, failure: Failure) -> Iterator[Fetched]:
        """The article is unreachable: the entry's own text stands in for it. Not when the crawl
        is stopping: the entry stays unseen, and the next crawl fetches its article."""
        self.page_failed(failure)
        if isinstance(failure.value, Abandoned):
            return
        entry: FeedEntry = getattr(failure, "request").cb_kwargs["entry"]  # noqa: B009 - set by Scrapy
        yield self._from_entry(entry, entry.link or self.source.url)

    def _from_entry(self, entry: FeedEntry, url: str) -> Fetched:
        return Fetched(
            self.source.id,
            self.source.kind,
            self.source.about,
            entry.link or url,
            "",
            self.context.now(),
            entry,
        )
