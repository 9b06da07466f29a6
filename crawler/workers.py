"""Extraction and classification of fetched pages, inline or in a pool of worker processes.

A page costs milliseconds of CPU to extract (trafilatura) and classify (spaCy). On Scrapy's
reactor thread that work would hold up every download behind it and use one core; in a pool of
processes it runs beside the downloads, on every core. The pool starts with the first page to
process, so a crawl that finds nothing new never pays for it; a worker that dies takes only
the pages it held with it, and the pool is started afresh.

Each worker builds its own classifier from a recipe. With a pool, the crawling process never
imports what the workers do (crawler/work.py: trafilatura, spaCy, the model) and holds less
memory; inline, it builds the classifier once and does the work itself.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import datetime

from crawler.context import Classify, Process, Processed, Recipe
from radar.errors import CrawlStopped
from radar.records import Document, Fetched

logger = logging.getLogger(__name__)

# What the fork server imports before it forks the workers: imported once, not per worker.
_PRELOAD = ["crawler.preload"]


class InlineProcessor:
    """Everything in the calling thread: for one source tried by hand, or `workers: 0`."""

    def __init__(self, classifier: Classify) -> None:
        from crawler import work

        self.classifier, self._process = classifier, work.process

    async def process(self, item: Fetched | Document, now: datetime) -> Processed:
        return self._process(self.classifier, item, now)


class PoolProcessor:
    """Pages processed in `workers` processes, each building its classifier from the recipe."""

    def __init__(self, recipe: Recipe, workers: int) -> None:
        self.recipe, self.workers = recipe, workers
        self._pool: ProcessPoolExecutor | None = None
        self._retries: asyncio.Lock | None = None
        self._is_closed = False

    async def process(self, item: Fetched | Document, now: datetime) -> Processed:
        try:
            return await self._submit(item, now)
        except BrokenProcessPool:
            # A worker died (killed, out of memory, a crash in native code), and every page the
            # pool held failed with it. Each is tried again on a fresh pool, one retry at a time:
            # a page that kills the pool again then fails alone, and the others go through.
            logger.warning("a page worker died; trying its pages again")
        if self._retries is None:
            self._retries = asyncio.Lock()
        async with self._retries:
            return await self._submit(item, now)

    async def _submit(self, item: Fetched | Document, now: datetime) -> Processed:
        pool = self._started()
        try:
            return await asyncio.wrap_future(pool.submit(_work, item, now))
        except BrokenProcessPool:
            self._discard(pool)
            raise

    def close(self) -> None:
        """Pages not started are cancelled, those in a worker finished; the workers end."""
        self._is_closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abandon(self) -> None:
        """Every page is given up and the workers are killed (see `end_workers`)."""
        self._is_closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        end_workers()

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        # The executor has already terminated the broken pool's other workers.
        if self._pool is pool:
            self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        if self._is_closed:
            raise CrawlStopped("no page is processed once the crawl has stopped")
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.recipe,),
            )
        return self._pool


def end_workers() -> None:
    """Kill every worker process this process started, and reap them.

    A worker holds the pool's queues open, so it would wait for work for ever once the crawling
    process is gone; the fork server, in turn, ends when the last process holding its pipe does.
    Only crawls start worker processes, and a crawl abandoned at once abandons every crawl of
    the process (crawler/stopping.py), so every child process of `multiprocessing` is theirs.
    """
    for worker in multiprocessing.active_children():
        worker.kill()
        worker.join()


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def processor(recipe: Recipe, workers: int | None) -> Iterator[Process]:
    """The processor for a crawl: a pool of `workers` processes (default: one per core), or
    inline for 0; the pool is shut down when the crawl ends."""
    count = default_workers() if workers is None else workers
    if count <= 0:
        yield InlineProcessor(recipe.build())
        return
    pool = PoolProcessor(recipe, count)
    try:
        yield pool
    except CrawlStopped:
        pool.abandon()
        raise
    finally:
        pool.close()


# Run in the workers; defined here, and not in crawler/work.py, since a function is sent to a
# worker by its module's name, and pickling it imports that module in the crawling process.
def _start_worker(recipe: Recipe) -> None:
    from crawler import work
    from crawler.library_warnings import report_library_warnings

    # Ctrl-C reaches every process of the terminal's group; stopping is the crawling process's
    # decision (it ends the workers), as it is for the fork server, which ignores it too.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    report_library_warnings()
    work.start_worker(recipe)


def _work(item: Fetched | Document, now: datetime) -> Processed:
    from crawler import work

    return work.work(item, now)
