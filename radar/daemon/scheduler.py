"""The scheduler daemon behind `rivalradar run`: crawls, weekly digests, retention, config reloads.

APScheduler keeps the jobs in the project's database (SQLAlchemyJobStore), so a restarted daemon
knows what it missed: one crawl job per source at its cadence (with jitter; never two crawls of
a source at once), one digest job per account at the configured day and time in the account's
time zone, and a daily retention job. A digest whose time passed while the daemon was down runs
once on start (coalesced, however late); one cut short by a crash is finished on start; the
send log makes delivery once per account and week in every case.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select

from crawler.stopping import Stop
from digest.week import previous_week
from radar.config.loader import LoadedConfig
from radar.config.schema import Account
from radar.config.watch import Change, ConfigWatcher
from radar.daemon import jobs
from radar.daemon.plan import CRAWL_RETRY, DIGEST, DIGEST_RETRY, RELOAD, wanted_jobs
from radar.daemon.status import record_status
from radar.errors import DeliveryError
from radar.jobs.alerts import send_alerts
from radar.jobs.digests import SmtpCredentials, deliver_week
from radar.jobs.ingest import crawl_sources, utc_now
from radar.jobs.portfolio import deliver_portfolio
from radar.jobs.recipe import build_recipe
from radar.records import SourceSpec
from radar.store import models
from radar.store.store import Store

if TYPE_CHECKING:
    from classifier.recipe import ClassifierRecipe

logger = logging.getLogger(__name__)

PERSISTENT, VOLATILE = "default", "volatile"
JOB_TABLE = models.SchedulerJob.__tablename__
RELOAD_EVERY_S = 30
DIGEST_RETRY_AFTER = timedelta(minutes=15)
BUSY_HOST_RETRY_AFTER = timedelta(minutes=1)
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    cache_dir: Path
    outbox: Path
    credentials: SmtpCredentials


class Daemon:
    """Owns the scheduler's jobs and runs them against the last good config."""

    def __init__(
        self,
        store: Store,
        config: LoadedConfig,
        settings: DaemonSettings,
        scheduler: BaseScheduler,
        clock: Clock = utc_now,
        crawls: Stop | None = None,
    ) -> None:
        self.store, self.settings, self.scheduler, self.clock = store, settings, scheduler, clock
        self.watcher = ConfigWatcher(config)
        # Stops the crawls of this daemon: requested and forced by `rivalradar run`'s signals.
        self.crawls = crawls or Stop()
        self._recipe: ClassifierRecipe | None = None
        self._recipe_lock = threading.Lock()

    @property
    def config(self) -> LoadedConfig:
        return self.watcher.current

    def start(self) -> None:
        """Start the scheduler with the jobs the config asks for; missed digests run at once."""
        jobs.attach(self)
        self.store.sync_config(self.config, self.clock())
        self.scheduler.add_jobstore(
            SQLAlchemyJobStore(engine=self.store.engine, tablename=JOB_TABLE), PERSISTENT
        )
        self.scheduler.add_jobstore(MemoryJobStore(), VOLATILE)
        self.scheduler.start(paused=True)
        self.reconcile()
        self.scheduler.add_job(
            jobs.reload_job,
            IntervalTrigger(seconds=RELOAD_EVERY_S, timezone=UTC),
            id=RELOAD,
            jobstore=VOLATILE,
            max_instances=1,
            coalesce=True,
        )
        self._finish_interrupted_digests()
        record_status(self.store, self.config, self.clock(), started=True)
        self.scheduler.resume()
        logger.info("scheduler started with %d jobs", len(self.scheduler.get_jobs()))

    def stop(self) -> None:
        """Stop between jobs: running jobs finish, no new one starts."""
        self.scheduler.shutdown(wait=True)
        record_status(self.store, self.config, self.clock(), stopped=True)
        jobs.attach(None)
        logger.info("scheduler stopped")

    def request_reload(self) -> None:
        self.scheduler.modify_job(RELOAD, jobstore=VOLATILE, next_run_time=self.clock())

    def reconcile(self) -> None:
        """Make the stored jobs match the config; unchanged jobs keep their next run time."""
        wanted = wanted_jobs(self.config, _next_due(self.store), self.clock())
        for job in self.scheduler.get_jobs(jobstore=PERSISTENT):
            spec = wanted.get(job.id)
            if spec is not None and spec.name == job.name:
                del wanted[job.id]
            elif spec is not None or not self._keeps(job.id):
                job.remove()
        for job_id, spec in wanted.items():
            options: dict[str, Any] = {}
            if spec.first_run_at is not None:
                options["next_run_time"] = spec.first_run_at
            self.scheduler.add_job(
                spec.func,
                spec.trigger,
                id=job_id,
                name=spec.name,
                kwargs=spec.kwargs,
                jobstore=PERSISTENT,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=None,
                **options,
            )

    def _keeps(self, job_id: str) -> bool:
        """A pending digest retry stays while its account does."""
        account_id = job_id.removeprefix(DIGEST_RETRY)
        return job_id.startswith(DIGEST_RETRY) and self._account(account_id) is not None

    def _finish_interrupted_digests(self) -> None:
        """A digest cut short by a crash (logged as sending, never as sent) goes out now."""
        with self.store.session() as session:
            pending = set(
                session.scalars(
                    select(models.DigestLog.account_id).where(models.DigestLog.status == "sending")
                )
            )
        for account_id in sorted(pending):
            if self.scheduler.get_job(DIGEST + account_id, PERSISTENT) is not None:
                logger.warning("finishing the digest of %s cut short by a stop", account_id)
                self.scheduler.modify_job(
                    DIGEST + account_id, PERSISTENT, next_run_time=self.clock()
                )

    def crawl(self, source_id: str) -> None:
        """One crawl of one source; a source that keeps failing waits out its backoff."""
        spec = self.config.source(source_id)
        if spec is None or self.crawls.is_requested:
            return
        now = self.clock()
        with self.store.session() as session:
            row = session.get(models.Source, source_id)
            if row and row.consecutive_failures and row.next_due_at and row.next_due_at > now:
                logger.info("backing off until %s", row.next_due_at, extra={"source": source_id})
                return
        if queue_url := self.config.model.settings.queue:
            return self._enqueue(queue_url, spec, now)
        crawl_sources(
            self.config, self.store, self._get_recipe(), [spec], clock=self.clock, stop=self.crawls
        )
        # Alerts go out as soon as a crawl stores a link past the threshold.
        for outcome in send_alerts(
            self.config, self.store, self.settings.credentials, self.clock()
        ):
            logger.info(
                "alert %s (%s): %s",
                outcome.account_id,
                outcome.score,
                ", ".join(outcome.delivered) or outcome.error,
                extra={"source": source_id},
            )

    def _enqueue(self, queue_url: str, spec: SourceSpec, now: datetime) -> None:
        """Hand the host's due sources to the workers; while the host is busy, ask again soon."""
        # Imported here: Celery and Redis come with the `queue` extra, needed only with a queue.
        from radar.queue.dispatch import Dispatch, enqueue_host

        outcome = enqueue_host(self.config, self.store, queue_url, spec, now)
        if outcome is Dispatch.BUSY:
            self.scheduler.add_job(
                jobs.crawl_job,
                DateTrigger(now + BUSY_HOST_RETRY_AFTER, timezone=UTC),
                id=CRAWL_RETRY + spec.id,
                kwargs={"source_id": spec.id},
                jobstore=VOLATILE,
                replace_existing=True,
                misfire_grace_time=None,
            )
        logger.info("crawl %s", outcome, extra={"source": spec.id})

    def send_portfolio(self) -> None:
        """Last week's portfolio digest to settings.leadership, once."""
        now, config = self.clock(), self.config
        week = previous_week(now, config.model.settings.timezone)
        for _, outcome in deliver_portfolio(
            config, self.store, week, self.settings.credentials, self.settings.outbox, now
        ):
            logger.info("portfolio digest %s: %s", week, outcome)

    def send_digest(self, account_id: str) -> None:
        """The account's digest of last week, and any of its digests a crash left unsent."""
        account = self._account(account_id)
        if account is None:
            return
        now, config = self.clock(), self.config
        zone = account.timezone or config.model.settings.timezone
        weeks = sorted({previous_week(now, zone), *self._unsent_weeks(account_id)})
        for week in weeks:
            try:
                outcomes = deliver_week(
                    config,
                    self.store,
                    week,
                    [account_id],
                    self.settings.credentials,
                    self.settings.outbox,
                    now,
                )
            except DeliveryError as err:
                logger.error("digest %s of %s not delivered: %s", week, account_id, err)
                self.retry_digest(account_id, now)
                return
            for _, outcome in outcomes:
                logger.info("digest %s of %s: %s", week, account_id, outcome)

    def prune(self) -> None:
        cutoff = self.clock() - self.config.model.settings.retention
        counts = self.store.prune_history(cutoff)
        logger.info("retention: removed %s", ", ".join(f"{v} {k}" for k, v in counts.items()))

    def reload(self) -> None:
        change = self.watcher.check()
        if change is Change.RELOADED:
            with self._recipe_lock:
                self._recipe = None
            self.store.sync_config(self.config, self.clock())
            self.reconcile()
        record_status(
            self.store,
            self.config,
            self.clock(),
            reloaded=change is Change.RELOADED,
            error=self.watcher.error,
        )

    def retry_digest(self, account_id: str, now: datetime) -> None:
        self.scheduler.add_job(
            jobs.digest_job,
            DateTrigger(now + DIGEST_RETRY_AFTER, timezone=UTC),
            id=DIGEST_RETRY + account_id,
            name=f"retry digest {account_id}",
            kwargs={"account_id": account_id},
            jobstore=PERSISTENT,
            replace_existing=True,
            misfire_grace_time=None,
        )

    def _unsent_weeks(self, account_id: str) -> list[str]:
        with self.store.session() as session:
            return list(
                session.scalars(
                    select(models.DigestLog.week).where(
                        models.DigestLog.account_id == account_id,
                        models.DigestLog.status == "sending",
                    )
                )
            )

    def _account(self, account_id: str) -> Account | None:
        return next((a for a in self.config.model.accounts if a.id == account_id), None)

    def _get_recipe(self) -> ClassifierRecipe:
        with self._recipe_lock:
            if self._recipe is None:
                self._recipe = build_recipe(self.config, self.settings.cache_dir)
            return self._recipe


def _next_due(store: Store) -> dict[str, datetime]:
    with store.session() as session:
        rows = session.execute(select(models.Source.id, models.Source.next_due_at))
        return {source_id: due for source_id, due in rows if due is not None}
