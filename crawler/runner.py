"""Run Scrapy crawls from ordinary code: one reactor in a background thread, crawls block until done.

The reactor cannot be restarted in a process, so it is started once and kept; every crawl (the
CLI's, the scheduler's jobs, a test's) is handed to it and waited for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerRunner
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from crawler.context import CrawlContext, SourceReport
from crawler.kinds import load_kinds
from radar.records import SourceSpec

logger = logging.getLogger(__name__)

REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
_lock = threading.Lock()
_thread: threading.Thread | None = None


def _reactor() -> Any:
    """The running reactor, started in a daemon thread on first use."""
    global _thread
    with _lock:
        if not is_reactor_installed():
            install_reactor(REACTOR)
        from twisted.internet import reactor as installed

        reactor: Any = installed
        if _thread is None:
            _thread = threading.Thread(
                target=reactor.run,
                kwargs={"installSignalHandlers": False},
                name="scrapy-reactor",
                daemon=True,
            )
            _thread.start()
        return reactor


def crawl(
    sources: Sequence[SourceSpec], settings: dict[str, Any], context: CrawlContext
) -> list[SourceReport]:
    """Crawl the sources at once, each with its own spider; return a report per source."""
    from twisted.internet.threads import blockingCallFromThread

    reactor = _reactor()
    kinds = load_kinds()
    for source in sources:
        context.reports[source.id] = SourceReport(source.id, source.url, context.now())

    def start() -> Any:
        runner = CrawlerRunner({**settings, "TWISTED_REACTOR": REACTOR})
        for source in sources:
            crawler = runner.create_crawler(kinds[source.kind].spider)
            _watch(crawler, context.reports[source.id], context)
            runner.crawl(crawler, source=source, context=context)
        return runner.join()

    blockingCallFromThread(reactor, start)
    return [context.reports[s.id] for s in sources]


def _watch(crawler: Crawler, report: SourceReport, context: CrawlContext) -> None:
    """Record a spider's own exceptions on its source, and close the report when it ends."""

    def on_spider_error(failure: Any, response: Any, spider: Any) -> None:
        report.fail("error", f"processing {response.url} failed: {failure.value!r}")
        logger.error(
            "spider error on %s",
            response.url,
            exc_info=failure.value,
            extra={"source": report.source_id},
        )

    def on_item_error(item: Any, response: Any, spider: Any, failure: Any) -> None:
        report.failed_pages += 1
        logger.error(
            "pipeline error: %r",
            failure.value,
            exc_info=failure.value,
            extra={"source": report.source_id},
        )

    def on_closed(spider: Any, reason: str) -> None:
        report.finished_at = context.now()
        if reason == "closespider_timeout":
            report.fail(
                "timeout", "the source took longer than its crawl time limit; it was cut short"
            )
        if context.on_progress:
            context.on_progress(report)

    crawler.signals.connect(on_spider_error, signal=signals.spider_error, weak=False)
    crawler.signals.connect(on_item_error, signal=signals.item_error, weak=False)
    crawler.signals.connect(on_closed, signal=signals.spider_closed, weak=False)
