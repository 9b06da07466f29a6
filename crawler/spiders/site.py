from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from pydantic import Field
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from crawler.kinds import KindOptions, source_kind
from crawler.middlewares.conditional import CONDITIONAL
from crawler.spiders.base import SourceSpider
from extractors.urls import canonical_url

# The words and signs that label a link to the next page of a listing, in a few languages.
NEXT_TEXT = re.compile(
    r"^(?:(?:next|older)(?: page| posts| entries| articles| news| stories)?|more news|load more|"
    r"weiter|nächste seite|suivant|page suivante|siguiente|volgende|avanti|próxima)\s*[›»→>]*$"
    r"|^[›»→>]+$",
    re.IGNORECASE,
)
PAGE_IN_URL = re.compile(r"page|[?&]p=\d", re.IGNORECASE)
NEXT_XPATH = (
    "//link[@rel='next']/@href | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
    " | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href"
    " | //li[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/a/@href"
    " | //a[contains(translate(@aria-label, 'NEXT', 'next'), 'next')]/@href"
)


class SiteOptions(KindOptions):
    depth: int = Field(2, ge=1, le=5, description="link hops from the listing page")
    include: list[str] = Field(default_factory=list, description="URL patterns (regex) to keep")
    exclude: list[str] = Field(default_factory=list, description="URL patterns (regex) to drop")
    max_listing_pages: int = Field(
        5, ge=1, le=100, description="listing pages followed through its pagination"
    )


@source_kind("site", SiteOptions)
class SiteSpider(SourceSpider):
    """Follows links from a listing page (a newsroom) and its next pages to same-site articles."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seen: set[str] = set()
        self._host = (urlsplit(self.source.url).hostname or "").lower()

    async def start(self) -> AsyncIterator[Any]:
        self._seen.add(canonical_url(self.source.url))
        yield self.page_request(
            self.source.url,
            callback=self.parse_listing,
            errback=self.primary_failed,
            dont_filter=True,
            cb_kwargs={"page": 1},
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        self.report.fetched += 1
        self.progress()
        if not isinstance(response, TextResponse):
            return
        if page == 1:
            self.check_app_shell(response)
        next_url, pager = self._pager(response, page)
        if page >= self.options.max_listing_pages:
            next_url = None
        if next_url is not None:
            self._seen.add(canonical_url(next_url))
            yield self.page_request(
                next_url,
                callback=self.parse_listing,
                errback=self.page_failed,
                cb_kwargs={"page": page + 1},
            )
        # The listing's own page links are never articles, followed or not.
        yield from self._follow(response, hops=1, skip=pager)

    def parse_article(self, response: Response, hops: int) -> Iterator[Any]:
        yield from self.fetched(response)
        if hops < self.options.depth and isinstance(response, TextResponse):
            yield from self._follow(response, hops=hops + 1)

    def _follow(
        self, response: TextResponse, hops: int, skip: set[str] | None = None
    ) -> Iterator[scrapy.Request]:
        """Requests for the page's same-site links not seen in this crawl nor stored before."""
        extractor = LinkExtractor(
            allow=self.options.include, deny=self.options.exclude, unique=True
        )
        links: dict[str, str] = {}
        excluded = self._seen | (skip or set())
        for link in extractor.extract_links(response):
            canonical = canonical_url(link.url)
            if self._same_site(link.url) and canonical not in excluded:
                links.setdefault(canonical, link.url)
        self._seen.update(links)
        known = self.context.sink.known_urls(links)
        self.report.unchanged += len(known)
        for canonical, url in links.items():
            if canonical not in known:
                yield self.page_request(
                    url,
                    callback=self.parse_article,
                    errback=self.page_failed,
                    cb_kwargs={"hops": hops},
                    # A page that yields no article (a topic page, "about") is asked
                    # conditionally next time, so that an unchanged one costs a 304.
                    meta={CONDITIONAL: True},
                )

    def _same_site(self, url: str) -> bool:
        # The same host name; LinkExtractor's allow_domains would compare ports too.
        return (urlsplit(url).hostname or "").lower() == self._host

    def _pager(self, response: TextResponse, page: int) -> tuple[str | None, set[str]]:
        """The listing's next page not yet seen, and all its page links (canonical).

        The next page is, in this order: rel=next, a "next" class or label, a link that says so,
        or the link numbered `page + 1`."""
        first = [response.urljoin(h) for h in response.xpath(NEXT_XPATH).getall()]
        numbered: list[str] = []
        others: list[str] = []
        for anchor in response.xpath("//a[@href]"):
            text = anchor.xpath("normalize-space(string(.))").get("")
            href = anchor.attrib["href"]
            if NEXT_TEXT.match(text):
                first.append(response.urljoin(href))
            elif text.isdigit() and PAGE_IN_URL.search(href):
                target = numbered if text == str(page + 1) else others
                target.append(response.urljoin(href))
        here = canonical_url(response.url)
        candidates = [
            u for u in first + numbered if self._same_site(u) and canonical_url(u) != here
        ]
        fresh = [u for u in candidates if canonical_url(u) not in self._seen]
        return (fresh[0] if fresh else None), {canonical_url(u) for u in first + numbered + others}
