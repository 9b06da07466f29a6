"""How a middleware reaches the source spider its crawler runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.crawler import Crawler

if TYPE_CHECKING:
    from crawler.spiders.base import SourceSpider


def source_spider(crawler: Crawler) -> SourceSpider:
    # Imported here: the spiders' base imports the middlewares' exceptions.
    from crawler.spiders.base import SourceSpider

    spider = crawler.spider
    if not isinstance(spider, SourceSpider):
        raise TypeError(f"rivalradar middlewares run only with source spiders, not {spider!r}")
    return spider
