"""The daemon's jobs as APScheduler stores them: module-level functions, named in the job store
by their import path (a migration rewrites stored paths when these move), each run against the
daemon started in this process."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from radar.errors import CrawlStopped

if TYPE_CHECKING:
    from radar.daemon.scheduler import Daemon

logger = logging.getLogger(__name__)

_daemon: Daemon | None = None


def attach(daemon: Daemon | None) -> None:
    """The daemon the jobs of this process run against; None when it stops."""
    global _daemon
    _daemon = daemon


def _running() -> Daemon:
    if _daemon is None:
        raise RuntimeError("a scheduler job ran with no daemon started in this process")
    return _daemon


def crawl_job(source_id: str) -> None:
    try:
        _running().crawl(source_id)
    except CrawlStopped:
        logger.warning(
            "crawl abandoned by a stop; crawled again next time", extra={"source": source_id}
        )
    except Exception:  # one scheduler job: record, log the traceback, the daemon goes on
        logger.exception("crawl job failed", extra={"source": source_id})


def digest_job(account_id: str) -> None:
    daemon = _running()
    try:
        daemon.send_digest(account_id)
    except Exception:  # one account's digest: log the traceback, try again a little later
        logger.exception("digest job of %s failed", account_id)
        daemon.retry_digest(account_id, daemon.clock())


def portfolio_job() -> None:
    try:
        _running().send_portfolio()
    except Exception:  # one scheduler job: logged; the send log keeps a retry to one message
        logger.exception("portfolio digest job failed")


def retention_job() -> None:
    try:
        _running().prune()
    except Exception:  # one scheduler job: the next day's run tries again
        logger.exception("retention job failed")


def reload_job() -> None:
    try:
        _running().reload()
    except Exception:  # the last good config keeps running; the next check tries again
        logger.exception("config reload failed")
