"""The scheduler with settings.queue: one task per host, never while the host's is queued."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import redis

from radar.config.loader import load_config
from radar.daemon.plan import CRAWL_RETRY
from radar.daemon.scheduler import VOLATILE, Daemon, DaemonSettings
from radar.jobs.digests import SmtpCredentials
from radar.queue.app import QUEUE_NAME
from radar.queue.claims import claimed_hosts, release_host
from radar.store.store import Store
from tests.conftest import feed
from tests.radar.daemon.scheduling import StepScheduler

START = datetime(2026, 11, 23, 9, tzinfo=UTC)


def queued(redis_url: str) -> int:
    return int(redis.Redis.from_url(redis_url).llen(QUEUE_NAME))


def test_sources_of_one_host_are_one_task_and_a_source_crawled_with_its_host_is_not_queued_again(
    redis_url, write_config, model_cache, tmp_path, time_machine
):
    time_machine.move_to(START, tick=False)
    config = write_config(
        sources=[
            feed("blog", "http://127.0.0.2:9/blog.xml"),
            feed("news", "http://127.0.0.2:9/news.xml"),
            feed("other", "http://127.0.0.3:9/feed.xml"),
        ],
        settings={"queue": redis_url},
    )
    store = Store(f"sqlite:///{tmp_path / 'radar.db'}")
    store.migrate()
    scheduler = StepScheduler()
    settings = DaemonSettings(model_cache, tmp_path / "outbox", SmtpCredentials())
    daemon = Daemon(store, load_config(config), settings, scheduler)
    daemon.start()
    try:
        scheduler.step()
        assert queued(redis_url) == 2  # one task per host, nothing crawled here
        assert claimed_hosts(redis_url) == {"127.0.0.2", "127.0.0.3"}
        asked_again = [s for s in ("blog", "news") if scheduler.get_job(CRAWL_RETRY + s, VOLATILE)]
        assert len(asked_again) == 1  # the host's other source, while its task is queued

        # A worker crawled both sources of 127.0.0.2 and freed the host.
        for source_id in ("blog", "news"):
            store.record_run(
                source_id,
                START,
                START,
                ok=True,
                fetched=1,
                new=0,
                unchanged=1,
                error=None,
                diagnosis=None,
            )
        release_host(redis_url, "127.0.0.2")
        time_machine.move_to(START + timedelta(minutes=2), tick=False)
        scheduler.step()

        assert queued(redis_url) == 2
        assert claimed_hosts(redis_url) == {"127.0.0.3"}
    finally:
        daemon.stop()
        store.close()
