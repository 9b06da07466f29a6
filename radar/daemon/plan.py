"""The jobs a config asks the daemon for, each with its schedule: worked out from the config,
the sources' next due times and the clock alone, so that a reload can compare them with the
stored ones."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from radar.config.loader import LoadedConfig
from radar.daemon.jobs import crawl_job, digest_job, portfolio_job, retention_job

CRAWL, DIGEST, DIGEST_RETRY = "crawl:", "digest:", "digest-retry:"
RETENTION, RELOAD, PORTFOLIO = "retention", "reload-config", "portfolio"
CRAWL_RETRY = "crawl-retry:"  # a crawl asked again while its host is busy (a volatile job)
MAX_JITTER_S = 900.0


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A job as the config wants it; `name` spells its schedule, so a changed one is replaced."""

    func: Callable[..., None]
    trigger: Any
    name: str
    kwargs: dict[str, str]
    first_run_at: datetime | None = None


def wanted_jobs(
    config: LoadedConfig, due: Mapping[str, datetime], now: datetime
) -> dict[str, JobSpec]:
    """Every job the config asks for, by id: a crawl per source (first run at its next due time),
    a digest per account, the portfolio digest, and the nightly retention."""
    wanted = {CRAWL + s.id: _crawl(s.id, s.every_s, due.get(s.id), now) for s in config.sources}
    settings = config.model.settings
    day, at = settings.digest_day, settings.digest_time
    for account in config.model.accounts:
        zone = account.timezone or settings.timezone
        wanted[DIGEST + account.id] = JobSpec(
            digest_job,
            CronTrigger(day_of_week=day[:3], hour=at.hour, minute=at.minute, timezone=zone),
            f"digest {account.id} {day} {at:%H:%M} {zone}",
            {"account_id": account.id},
        )
    wanted[PORTFOLIO] = JobSpec(
        portfolio_job,
        CronTrigger(
            day_of_week=day[:3], hour=at.hour, minute=at.minute, timezone=settings.timezone
        ),
        f"portfolio digest {day} {at:%H:%M} {settings.timezone}",
        {},
    )
    wanted[RETENTION] = JobSpec(
        retention_job, CronTrigger(hour=3, minute=30, timezone=UTC), "retention 03:30 UTC", {}
    )
    return wanted


def _crawl(source_id: str, every_s: float, first: datetime | None, now: datetime) -> JobSpec:
    jitter = min(every_s * 0.1, MAX_JITTER_S)
    return JobSpec(
        crawl_job,
        IntervalTrigger(seconds=every_s, jitter=jitter, timezone=UTC),
        f"crawl {source_id} every {every_s:g}s",
        {"source_id": source_id},
        max(first, now) if first else now,
    )
