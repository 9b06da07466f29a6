"""Crawl sources into the store: the edge where crawler, classifier and store meet."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from crawler import runner, workers
from crawler.context import Classified, Classify, CrawlContext, Recipe, SourceReport
from crawler.settings import scrapy_settings
from crawler.stopping import Stop
from radar.config.loader import LoadedConfig
from radar.records import Classification, Document, SourceSpec
from radar.store.store import Store

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreSink:
    """Documents go into the store; what it holds is not fetched again."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        wanted = list(urls)
        return self.store.known_urls(wanted) | self.store.aliased_urls(wanted)

    def remember_aliases(self, urls: Iterable[str], document_url: str) -> None:
        self.store.add_url_aliases(urls, document_url, self.clock())

    def seen_entries(self, source_id: str) -> set[str]:
        return self.store.seen_entries(source_id)

    def add_many(self, batch: Sequence[Classified]) -> list[bool]:
        return self.store.add_documents(batch, self.clock())

    def last_snapshot(self, source_id: str, url: str) -> list[str] | None:
        return self.store.last_snapshot(source_id, url)

    def save_snapshot(self, source_id: str, url: str, lines: list[str]) -> None:
        self.store.save_snapshot(source_id, url, lines, self.clock())

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        return self.store.http_validators(url)


class CollectingSink:
    """Documents are kept in memory and nothing is skipped: what a source would yield."""

    def __init__(self) -> None:
        self.found: list[tuple[Document, Classification]] = []
        self.urls: set[str] = set()

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        return set()

    def remember_aliases(self, urls: Iterable[str], document_url: str) -> None:
        """Nothing is stored when only trying a source."""

    def seen_entries(self, source_id: str) -> set[str]:
        return set()

    def add_many(self, batch: Sequence[Classified]) -> list[bool]:
        added = []
        for doc, result, _story in batch:
            new = doc.url not in self.urls
            if new:
                self.urls.add(doc.url)
                self.found.append((doc, result))
            added.append(new)
        return added

    def last_snapshot(self, source_id: str, url: str) -> list[str] | None:
        return None

    def save_snapshot(self, source_id: str, url: str, lines: list[str]) -> None:
        """Nothing is stored when only trying a source."""

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """Never conditional: trying a source shows what it has now, changed or not."""
        return None


def crawl_sources(
    config: LoadedConfig,
    store: Store,
    recipe: Recipe,
    sources: Sequence[SourceSpec],
    clock: Clock = utc_now,
    on_progress: Callable[[SourceReport], None] | None = None,
    stop: Stop | None = None,
) -> list[SourceReport]:
    """Crawl, classify and store; every source's outcome is written to its health. The classifier
    is built from the recipe by each worker process, or here when `settings.workers` is 0.

    A source the `stop` cut short keeps what it stored, and nothing else: its run is not
    recorded, its validators are not kept and it stays due, so the next crawl takes it up.
    """
    store.sync_config(config, clock())
    settings = config.model.settings
    with workers.processor(recipe, settings.workers) as processor, _long_lived_frozen():
        context = CrawlContext(
            processor, StoreSink(store, clock), clock, on_progress=on_progress, stop=stop or Stop()
        )
        reports = runner.crawl(sources, scrapy_settings(settings), context)
    for report in reports:
        if report.stopped:
            store.count_unfinished_run(report.source_id, report.new)
            logger.info(
                "stopped before it finished: fetched=%d new=%d; crawled again next time",
                report.fetched,
                report.new,
                extra={"source": report.source_id},
            )
            continue
        if report.ok and not report.failed_pages:
            store.save_http_validators(report.validators, clock())
        store.record_run(
            report.source_id,
            report.started_at,
            report.finished_at or clock(),
            ok=report.ok,
            fetched=report.fetched,
            new=report.new,
            unchanged=report.unchanged,
            error=report.error,
            diagnosis=report.diagnosis,
        )
        logger.info(
            "crawled: fetched=%d new=%d unchanged=%d failed_pages=%d%s",
            report.fetched,
            report.new,
            report.unchanged,
            report.failed_pages,
            f" error={report.error}" if report.error else "",
            extra={"source": report.source_id},
        )
    return reports


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """What exists before the crawl (modules, config, classifier) is left out of the garbage
    collector's scans while it runs: a crawl makes many short-lived objects, and each full
    collection walked the whole heap again (about 6 % of a 2,000-page crawl)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def check_source(
    config: LoadedConfig, classifier: Classify, source: SourceSpec, clock: Clock = utc_now
) -> tuple[SourceReport, list[tuple[Document, Classification]]]:
    """Fetch one source now; return its report and what it would yield. Nothing is stored."""
    sink = CollectingSink()
    context = CrawlContext(workers.InlineProcessor(classifier), sink, clock)
    (report,) = runner.crawl([source], scrapy_settings(config.model.settings), context)
    return report, sink.found
