"""Extraction and classification of fetched pages, inline or in a pool of worker processes.

A page costs milliseconds of CPU to extract (trafilatura) and classify (spaCy). On Scrapy's
reactor thread that work would hold up every download behind it and use one core; in a pool of
processes it runs beside the downloads, on every core. The pool starts with the first page to
process, so a crawl that finds nothing new never pays for it; a worker that dies takes only
the pages it held with it, and the pool is started afresh.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import datetime

from crawler.context import Classify, Process
from extractors.document import to_document
from extractors.stories import StoryCandidate, candidate
from radar.records import Classification, Document, Fetched

logger = logging.getLogger(__name__)

Processed = tuple[Document, Classification, StoryCandidate] | None
# What workers import before they are forked from the fork server: imported once, not per worker.
_PRELOAD = ["crawler.workers", "classifier.pipeline", "extractors.document"]


def process(classifier: Classify, item: Fetched | Document, now: datetime) -> Processed:
    """A fetched page (or a document made by a spider) extracted and classified, with what story
    matching compares it by; None when it has no text."""
    document = to_document(item) if isinstance(item, Fetched) else item
    if document is None:
        return None
    (result,) = classifier.classify([document], now)
    return document, result, candidate(document.url, document, result)


class InlineProcessor:
    """Everything in the calling thread: for one source tried by hand, or `workers: 0`."""

    def __init__(self, classifier: Classify) -> None:
        self.classifier = classifier

    async def process(self, item: Fetched | Document, now: datetime) -> Processed:
        return process(self.classifier, item, now)


class PoolProcessor:
    """Pages processed in `workers` processes, each holding its own copy of the classifier."""

    def __init__(self, classifier: Classify, workers: int) -> None:
        self.classifier, self.workers = classifier, workers
        self._pool: ProcessPoolExecutor | None = None

    async def process(self, item: Fetched | Document, now: datetime) -> Processed:
        for attempt in range(2):
            pool = self._started()
            try:
                return await asyncio.wrap_future(pool.submit(_work, item, now))
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in native code): the page is
                # tried once more on a fresh pool; a page that kills that one too fails alone.
                self._discard(pool)
                if attempt:
                    raise
                logger.warning("a page worker died; starting the pool again")
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
        # The broken pool's other workers are ended too: Python 3.11 leaves them waiting for
        # work that never comes, and its exit then waits for them for ever (fixed in 3.12).
        for worker in list((getattr(pool, "_processes", None) or {}).values()):
            worker.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.classifier,),
            )
        return self._pool


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def processor(classifier: Classify, workers: int | None) -> Iterator[Process]:
    """The processor for a crawl: a pool of `workers` processes (default: one per core), or
    inline for 0; the pool is shut down when the crawl ends."""
    count = default_workers() if workers is None else workers
    if count <= 0:
        yield InlineProcessor(classifier)
        return
    pool = PoolProcessor(classifier, count)
    try:
        yield pool
    finally:
        pool.close()


_classifier: Classify | None = None


def _start_worker(classifier: Classify) -> None:
    global _classifier
    _classifier = classifier


def _work(item: Fetched | Document, now: datetime) -> Processed:
    assert _classifier is not None, "the worker's initializer sets the classifier"
    return process(_classifier, item, now)
