"""Item pipelines, one concern each: process (extract and classify), store."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.context import NO_TEXT, NOT_AN_ARTICLE
from crawler.items import ClassifiedDocument
from crawler.spiders.base import SourceSpider
from extractors.page_kind import NotAnArticle
from radar.records import Document, Fetched

logger = logging.getLogger(__name__)

# Documents are written in transactions of up to this many, or as soon as the oldest waiting
# one has waited this long: one commit per document was most of the cost of storing it.
BATCH_SIZE = 50
BATCH_WAIT_S = 2.0


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


class ProcessPipeline(_Pipeline):
    """A fetched page into a classified Document, off the reactor thread (crawler/workers.py).

    A page without readable text, or that is no article (a cookie policy, a soft 404), is
    dropped before it is classified, and counted as skipped on the source's report.
    """

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Fetched | Document):
            return item
        spider = self.spider
        try:
            processed = await spider.context.processor.process(item, spider.context.now())
        except Exception as err:
            # Isolation boundary: this page is lost to this crawl, the source's others go on.
            # One line with its URL and reason; Scrapy's own would print the page's whole body.
            spider.report.failed_pages += 1
            spider.progress()
            logger.warning("page failed: %s: %r", item.url, err, extra={"source": spider.source.id})
            logger.debug("page failed: %s", item.url, exc_info=True)
            raise DropItem(f"processing failed at {item.url}", log_level="DEBUG") from err
        if processed is None or isinstance(processed, NotAnArticle):
            reason = NO_TEXT if processed is None else NOT_AN_ARTICLE
            detail = NO_TEXT if processed is None else f"{NOT_AN_ARTICLE}: {processed}"
            spider.page_skipped(item.url, reason, detail)
            # Counted and logged by the spider; Scrapy's own line would show the page's body.
            raise DropItem(f"{detail} at {item.url}", log_level="DEBUG")
        document, classification, story = processed
        if isinstance(item, Fetched):
            spider.document_made(item.url, document.url)
        return ClassifiedDocument(document, classification, story)


class StorePipeline(_Pipeline):
    """ClassifiedDocuments into the sink, in batches; a URL already stored counts as unchanged."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.waiting: list[ClassifiedDocument] = []
        self.oldest = 0.0
        self.writing = asyncio.Lock()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ClassifiedDocument):
            return item
        if not self.waiting:
            self.oldest = time.monotonic()
        self.waiting.append(item)
        if self._due():
            await self.flush()
        return item

    async def close_spider(self) -> None:
        await self.flush(everything=True)

    async def flush(self, everything: bool = False) -> None:
        """Write what waits, in a thread: the reactor goes on fetching meanwhile."""
        async with self.writing:
            while self.waiting and (everything or self._due()):
                batch = self.waiting[:BATCH_SIZE]
                del self.waiting[:BATCH_SIZE]
                self.oldest = time.monotonic()
                added = await asyncio.to_thread(self._write, batch)
                self._count(batch, added)

    def _due(self) -> bool:
        return len(self.waiting) >= BATCH_SIZE or time.monotonic() - self.oldest >= BATCH_WAIT_S

    def _write(self, batch: list[ClassifiedDocument]) -> list[bool | None]:
        sink = self.spider.context.sink
        pairs = [(item.document, item.classification, item.story) for item in batch]
        try:
            return list(sink.add_many(pairs))
        except Exception:
            # One bad document must not lose the batch: its documents again, one at a time.
            logger.warning("storing a batch failed; storing it one at a time", exc_info=True)
        added: list[bool | None] = []
        for item, pair in zip(batch, pairs, strict=True):
            try:
                added.extend(sink.add_many([pair]))
            except Exception:
                # Isolation boundary: this document is lost to this crawl, the others are kept.
                logger.exception(
                    "storing %s failed", item.document.url, extra={"source": self.spider.source.id}
                )
                added.append(None)
        return added

    def _count(self, batch: list[ClassifiedDocument], added: list[bool | None]) -> None:
        spider = self.spider
        for item, new in zip(batch, added, strict=True):
            if new is None:
                spider.report.failed_pages += 1
                continue
            if new:
                spider.report.new += 1
            else:
                spider.report.unchanged += 1
            spider.document_stored(item.document.url)
        spider.progress()
