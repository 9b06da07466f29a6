from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from pydantic import Field
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from crawler.kinds import KindOptions, source_kind
from crawler.spiders.base import SourceSpider
from extractors.urls import canonical_url
from radar.records import Fetched


class SiteOptions(KindOptions):
    depth: int = Field(2, ge=1, le=5, description="link hops from the listing page")
    include: list[str] = Field(default_factory=list, description="URL patterns (regex) to keep")
    exclude: list[str] = Field(default_factory=list, description="URL patterns (regex) to drop")


@source_kind("site", SiteOptions)
class SiteSpider(SourceSpider):
    """Follows links from a listing page (a newsroom) to articles on the same site."""

    async def start(self) -> AsyncIterator[Any]:
        yield scrapy.Request(
            self.source.url,
            callback=self.parse_listing,
            errback=self.primary_failed,
            dont_filter=True,
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        self.report.fetched += 1
        if not isinstance(response, TextResponse):
            return
        host = urlsplit(response.url).hostname or ""
        extractor = LinkExtractor(
            allow=self.options.include, deny=self.options.exclude, unique=True
        )
        here = canonical_url(response.url)
        # Same site means the same host name; LinkExtractor's allow_domains would compare ports too.
        links = [
            link.url
            for link in extractor.extract_links(response)
            if urlsplit(link.url).hostname == host and canonical_url(link.url) != here
        ]
        known = self.known(links)
        for url in links:
            if canonical_url(url) in known:
                self.report.unchanged += 1
            else:
                yield scrapy.Request(url, callback=self.parse_article, errback=self.page_failed)

    def parse_article(self, response: Response) -> Iterator[Fetched]:
        yield from self.fetched(response)
