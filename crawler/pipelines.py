"""Item pipelines, one concern each: extract, classify, store."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ClassifiedDocument
from crawler.spiders.base import SourceSpider
from extractors.document import to_document
from radar.records import Document, Fetched

logger = logging.getLogger(__name__)


class _Pipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    @property
    def spider(self) -> SourceSpider:
        spider = self.crawler.spider
        assert isinstance(spider, SourceSpider)
        return spider


class ExtractPipeline(_Pipeline):
    """A fetched page into a Document (trafilatura); pages without text are dropped."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Fetched):
            return item
        document = to_document(item)
        if document is None:
            self.spider.origins.pop(item.url, None)
            raise DropItem(f"no readable text at {item.url}")
        self.spider.document_made(item.url, document.url)
        return document


class ClassifyPipeline(_Pipeline):
    """A Document into a ClassifiedDocument: category, companies, account links."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Document):
            return item
        context = self.spider.context
        (result,) = context.classifier.classify([item], context.now())
        return ClassifiedDocument(item, result)


class StorePipeline(_Pipeline):
    """A ClassifiedDocument into the sink; a URL already stored counts as unchanged."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ClassifiedDocument):
            return item
        spider = self.spider
        if spider.context.sink.add(item.document, item.classification):
            spider.report.new += 1
            spider.report.found.append((item.document, item.classification))
        else:
            spider.report.unchanged += 1
        spider.document_stored(item.document.url)
        spider.progress()
        return item
