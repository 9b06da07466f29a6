"""The scheduler's side: a source's crawl job enqueues the due sources of its host as one task.

One task per host keeps politeness without coordination between machines: a host is crawled by
one worker at a time, its sources one after the other, as in a single process.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from sqlalchemy import select

from radar.config.loader import LoadedConfig
from radar.queue.app import CRAWL_TASK, celery_app
from radar.queue.claims import claim_host, release_host
from radar.records import SourceSpec
from radar.store import models
from radar.store.store import Store

logger = logging.getLogger(__name__)


class Dispatch(StrEnum):
    QUEUED = "queued"
    BUSY = "host queued or running"
    NOT_DUE = "crawled with its host meanwhile"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def enqueue_host(
    config: LoadedConfig, store: Store, queue_url: str, source: SourceSpec, now: datetime
) -> Dispatch:
    """Enqueue the source with every other due source of its host, unless that host's crawl is
    queued or running already, or the source was crawled with its host since it fell due."""
    host = host_of(source.url)
    peers = [s for s in config.sources if host_of(s.url) == host]
    due = _due(store, peers, now)
    if source.id not in due:
        return Dispatch.NOT_DUE
    if not claim_host(queue_url, host):
        return Dispatch.BUSY
    group = [s.id for s in peers if s.id in due]
    try:
        celery_app(queue_url).send_task(CRAWL_TASK, kwargs={"host": host, "source_ids": group})
    except BaseException:
        release_host(queue_url, host)
        raise
    logger.info("queued %s: %s", host, ", ".join(group), extra={"source": source.id})
    return Dispatch.QUEUED


def _due(store: Store, sources: Sequence[SourceSpec], now: datetime) -> set[str]:
    """The sources never crawled, or whose next crawl is at most half a cadence away (a crawl job
    fires when its source falls due, give or take the scheduler's jitter and the crawl's length);
    a source waiting out a failure's backoff is not due."""
    ids = [s.id for s in sources]
    with store.session() as session:
        rows = session.execute(
            select(
                models.Source.id, models.Source.next_due_at, models.Source.consecutive_failures
            ).where(models.Source.id.in_(ids))
        )
        state = {sid: (due_at, failures) for sid, due_at, failures in rows}
    due = set()
    for source in sources:
        due_at, failures = state.get(source.id, (None, 0))
        if due_at is None:
            due.add(source.id)
        elif failures:
            if due_at <= now:
                due.add(source.id)
        elif due_at <= now + timedelta(seconds=source.every_s / 2):
            due.add(source.id)
    return due
