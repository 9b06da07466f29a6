"""Run Scrapy crawls from ordinary code: one reactor in a background thread, crawls block until done.

The reactor cannot be restarted in a process, so it is started once and kept; every crawl (the
CLI's, the scheduler's jobs, a test's) is handed to it and waited for.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerRunner
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from crawler.context import CrawlContext, SourceReport
from crawler.kinds import SourceKind, load_kinds
from crawler.library_warnings import report_library_warnings
from crawler.middlewares.netsafety import SETTING as ALLOW_PRIVATE_SETTING
from crawler.resolver import installed
from radar.errors import CrawlStopped
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
    """Crawl the sources, each with its own spider; return a report per source.

    Sources on different hosts are crawled at once; sources on one host one after the other, so
    that the per-domain politeness of one crawler is not multiplied by the number of sources.

    When `context.stop` is requested, no further source starts and the running spiders close
    as Scrapy closes them on a first Ctrl-C, their requests not yet sent dropped and those in
    flight abandoned (crawler/download.py): the pages fetched are processed and stored, and
    the reports say `stopped`. Raises CrawlStopped when the stop is forced, or when its bound
    passes first.
    """
    from twisted.internet.threads import blockingCallFromThread

    report_library_warnings()
    reactor = _reactor()
    installed(reactor, bool(settings.get(ALLOW_PRIVATE_SETTING)))
    kinds = load_kinds()
    for source in sources:
        context.reports[source.id] = SourceReport(source.id, source.url, context.now())
        if context.on_progress:
            context.on_progress(context.reports[source.id])
    ended = threading.Event()
    undo: list[Callable[[], None]] = []

    def start() -> None:
        from twisted.internet.defer import DeferredList

        runner = CrawlerRunner({**settings, "TWISTED_REACTOR": REACTOR})
        undo.append(context.stop.on_request(lambda: reactor.callFromThread(runner.stop)))
        crawls = DeferredList(
            [
                deferred_from_coro(_crawl_in_turn(runner, group, kinds, context))
                for group in by_host(sources)
            ]
        )
        crawls.addBoth(_ended, ended, context)

    blockingCallFromThread(reactor, start)
    try:
        if not context.stop.wait(ended.is_set):
            raise CrawlStopped("the crawl was stopped before it finished")
    finally:
        for forget in undo:
            forget()
    return [context.reports[s.id] for s in sources]


def _ended(result: Any, ended: threading.Event, context: CrawlContext) -> None:
    ended.set()
    context.stop.notify()


def by_host(sources: Sequence[SourceSpec]) -> list[list[SourceSpec]]:
    """The sources grouped by the host name of their URL, in config order."""
    groups: dict[str, list[SourceSpec]] = defaultdict(list)
    for source in sources:
        groups[(urlsplit(source.url).hostname or "").lower()].append(source)
    return list(groups.values())


async def _crawl_in_turn(
    runner: CrawlerRunner,
    group: list[SourceSpec],
    kinds: dict[str, SourceKind],
    context: CrawlContext,
) -> None:
    for source in group:
        report = context.reports[source.id]
        if context.stop.is_requested:
            report.stopped = True
            continue
        try:
            crawler = runner.create_crawler(kinds[source.kind].spider)
            _watch(crawler, report, context)
            await maybe_deferred_to_future(runner.crawl(crawler, source=source, context=context))
        except Exception as err:
            # Isolation boundary: a source whose crawl crashes is failed; the others go on.
            logger.exception("crawl crashed", extra={"source": source.id})
            report.fail("error", f"the crawl of this source crashed: {err!r}")
            report.finished_at = report.finished_at or context.now()
            if context.on_progress:
                context.on_progress(report)


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
        # Scrapy's reason when the crawler was asked to stop (crawler/stopping.py).
        report.stopped = reason == "shutdown"
        if reason == "closespider_timeout":
            report.fail(
                "timeout", "the source took longer than its crawl time limit; it was cut short"
            )
        if context.on_progress:
            context.on_progress(report)

    crawler.signals.connect(on_spider_error, signal=signals.spider_error, weak=False)
    crawler.signals.connect(on_item_error, signal=signals.item_error, weak=False)
    crawler.signals.connect(on_closed, signal=signals.spider_closed, weak=False)
