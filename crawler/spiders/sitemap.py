from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import timedelta
from typing import Any

import scrapy
from pydantic import Field
from scrapy.http import Response
from scrapy.spiders import SitemapSpider
from scrapy.utils.sitemap import Sitemap
from w3lib.encoding import html_body_declared_encoding

from crawler.context import CrawlContext
from crawler.kinds import KindOptions, source_kind
from crawler.middlewares.conditional import CONDITIONAL
from crawler.spiders.base import SourceSpider
from extractors.dates import from_text
from extractors.encoding import valid_char_refs
from extractors.urls import canonical_url
from radar.errors import SourceError
from radar.records import Fetched, SourceSpec


class SitemapOptions(KindOptions):
    include: list[str] = Field(default_factory=list, description="URL patterns (regex) to keep")
    exclude: list[str] = Field(default_factory=list, description="URL patterns (regex) to drop")
    max_age_days: int | None = Field(
        None, ge=1, description="skip pages and sitemaps whose lastmod is older"
    )


@source_kind("sitemap", SitemapOptions)
class SitemapSourceSpider(SourceSpider, SitemapSpider):
    """Reads a sitemap, a sitemap index or robots.txt's sitemaps; new pages within the lastmod window are fetched."""

    def __init__(self, source: SourceSpec, context: CrawlContext, **kwargs: Any) -> None:
        self.sitemap_rules = [("", "parse_article")]
        self.sitemap_follow = [""]
        super().__init__(source, context, **kwargs)
        options: SitemapOptions = source.options  # type: ignore[assignment]
        self._include = [re.compile(p) for p in options.include]
        self._exclude = [re.compile(p) for p in options.exclude]

    async def start(self) -> AsyncIterator[Any]:
        yield scrapy.Request(
            self.source.url,
            callback=self.parse_sitemap,
            errback=self.primary_failed,
            dont_filter=True,
        )

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        self.report.fetched += 1
        self.progress()
        is_robots = response.url.endswith("/robots.txt")
        body = None if is_robots else self._get_sitemap_body(response)
        if not is_robots and (
            body is None or _sitemap_type(body) not in {"urlset", "sitemapindex"}
        ):
            problem = "not a sitemap: no <urlset> or <sitemapindex> found"
            self.source_failed(SourceError(self.source.id, response.url, problem))
            return
        for request in self._parse_sitemap(response):
            if request.callback == self._parse_sitemap:
                request = request.replace(
                    callback=self.parse_sitemap,
                    errback=self.page_failed,
                    meta={**request.meta, CONDITIONAL: True},
                )
            else:
                request = self.page_request(
                    request.url,
                    callback=request.callback,
                    errback=self.page_failed,
                    meta=request.meta,
                )
            yield request

    def _get_sitemap_body(self, response: Response) -> bytes | None:
        body: bytes | None = super()._get_sitemap_body(response)
        return _valid_utf8(body) if body is not None else None

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        if getattr(entries, "type", "urlset") != "urlset":
            yield from (e for e in entries if self._recent(e))
            return
        wanted = [e for e in entries if self._wanted(e)]
        known = self.known([e["loc"] for e in wanted])
        for entry in wanted:
            if canonical_url(entry["loc"]) in known:
                self.report.unchanged += 1
            else:
                yield entry

    def _wanted(self, entry: dict[str, Any]) -> bool:
        loc = entry.get("loc", "")
        if self._include and not any(p.search(loc) for p in self._include):
            return False
        if any(p.search(loc) for p in self._exclude):
            return False
        return self._recent(entry)

    def _recent(self, entry: dict[str, Any]) -> bool:
        """Inside the lastmod window (an entry without lastmod always is)."""
        max_age = self.options.max_age_days
        lastmod = from_text(entry.get("lastmod"))
        return not (max_age and lastmod and lastmod < self.context.now() - timedelta(days=max_age))

    def parse_article(self, response: Response) -> Iterator[Fetched]:
        yield from self.fetched(response)


def _sitemap_type(body: bytes) -> str | None:
    try:
        return str(Sitemap(body).type)
    except (ValueError, SyntaxError, StopIteration):  # StopIteration: a body with no element
        return None


def _valid_utf8(body: bytes) -> bytes:
    """Sitemaps are UTF-8 (sitemaps.org): a byte sequence or a character reference that is no
    character reads as U+FFFD, where Scrapy's reader would fail the whole sitemap over it. A
    sitemap that declares another encoding is left as it is."""
    if html_body_declared_encoding(body) not in (None, "utf-8"):
        return body
    return valid_char_refs(body.decode("utf-8", "replace")).encode("utf-8")
