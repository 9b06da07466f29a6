"""The worker's side: the crawl task, run against the worker started in this process."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from radar.config.loader import LoadedConfig
from radar.config.watch import Change, ConfigWatcher
from radar.jobs.alerts import send_alerts
from radar.jobs.digests import SmtpCredentials
from radar.jobs.ingest import crawl_sources, utc_now
from radar.jobs.recipe import build_recipe
from radar.queue.claims import release_host
from radar.store.store import Store

if TYPE_CHECKING:
    from classifier.recipe import ClassifierRecipe

logger = logging.getLogger(__name__)


@dataclass
class CrawlWorker:
    """What a worker crawls with: its last good config, the store, the classifier's recipe."""

    queue_url: str
    watcher: ConfigWatcher
    store: Store
    cache_dir: Path
    credentials: SmtpCredentials
    _recipe: ClassifierRecipe | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def config(self) -> LoadedConfig:
        """The config file as it is now, if it is valid; else the last good one."""
        with self._lock:
            if self.watcher.check() is Change.RELOADED:
                self._recipe = None
            return self.watcher.current

    def recipe(self, config: LoadedConfig) -> ClassifierRecipe:
        with self._lock:
            if self._recipe is None:
                self._recipe = build_recipe(config, self.cache_dir)
            return self._recipe


_worker: CrawlWorker | None = None


def attach(worker: CrawlWorker | None) -> None:
    """The worker the tasks of this process run against; None when it stops."""
    global _worker
    _worker = worker


def crawl_host(host: str, source_ids: list[str]) -> None:
    """Crawl the host's sources one after the other, send the alerts they call for, and free the
    host for the scheduler. Sources the config no longer has are left out."""
    if _worker is None:
        raise RuntimeError("a crawl task ran with no worker started in this process")
    worker = _worker
    try:
        config = worker.config()
        specs = [s for s in (config.source(i) for i in source_ids) if s is not None]
        if specs:
            crawl_sources(config, worker.store, worker.recipe(config), specs)
            for outcome in send_alerts(config, worker.store, worker.credentials, utc_now()):
                logger.info(
                    "alert %s (%s): %s",
                    outcome.account_id,
                    outcome.score,
                    ", ".join(outcome.delivered) or outcome.error,
                )
    finally:
        release_host(worker.queue_url, host)
