"""Two `rivalradar worker` processes on a real Redis and PostgreSQL crawl one corpus together."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from radar.config.loader import load_config
from radar.daemon.scheduler import Daemon, DaemonSettings
from radar.jobs.digests import SmtpCredentials
from radar.queue.app import celery_app
from radar.queue.claims import claimed_hosts
from radar.store import models
from radar.store.store import Store
from tests.conftest import feed
from tests.radar.daemon.scheduling import StepScheduler
from tests.radar.queue.conftest import Host

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", ["postgres"], indirect=True),
    pytest.mark.timeout(300),
]


@pytest.fixture
def daemon(
    db_url: str, model_cache: Path, tmp_path: Path
) -> Iterator[Callable[[Path], tuple[Store, StepScheduler]]]:
    """A scheduler on the test's database, stepped by the test: its crawl jobs enqueue."""
    started: list[Daemon] = []

    def start(config: Path) -> tuple[Store, StepScheduler]:
        store = Store(db_url)
        store.migrate()
        scheduler = StepScheduler()
        settings = DaemonSettings(model_cache, tmp_path / "outbox", SmtpCredentials())
        started.append(Daemon(store, load_config(config), settings, scheduler))
        started[-1].start()
        return store, scheduler

    yield start
    for running in started:
        running.stop()
        running.store.close()


def corpus_config(write_config: Callable[..., Path], newsrooms: list[Host], queue: str) -> Path:
    sources = [
        feed(f"host{n + 2}-feed{f}", host.url(f"/feed-{f}.xml"))
        for n, host in enumerate(newsrooms)
        for f in range(len([p for p in host.server.handlers if "/feed-" in str(p)]))
    ]
    return write_config(sources=sources, settings={"queue": queue, "workers": 0})


def wait_for_workers(queue: str, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(celery_app(queue).control.ping(timeout=1.0)) < count:
        assert time.monotonic() < deadline, f"fewer than {count} workers answered"


def wait_until_crawled(store: Store, queue: str, documents: int) -> None:
    """Until every host is free again and the store holds `documents` documents."""
    deadline = time.monotonic() + 180
    while stored(store) < documents or claimed_hosts(queue):
        assert time.monotonic() < deadline, f"{stored(store)} of {documents} documents stored"
        time.sleep(0.5)


def stored(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count(models.Document.id))) or 0)


def urls_stored(store: Store) -> Counter[str]:
    with store.session() as session:
        return Counter(session.scalars(select(models.Document.url)))


def test_two_workers_fetch_every_page_once_and_store_every_document_once(
    redis_url, hosts, workers, daemon, write_config, db_url
):
    newsrooms = hosts(4, 2, 3)
    config = corpus_config(write_config, newsrooms, redis_url)
    store, scheduler = daemon(config)
    workers(config, db_url, 3600)
    workers(config, db_url, 3600)
    wait_for_workers(redis_url, 2)

    scheduler.step()  # every source is due: one task per host
    wait_until_crawled(store, redis_url, documents=4 * 2 * 3)

    for host in newsrooms:
        fetched = host.requests()
        assert {path: fetched[path] for path in host.articles} == dict.fromkeys(host.articles, 1)
        assert fetched["/feed-0.xml"] == fetched["/feed-1.xml"] == 1
    assert set(urls_stored(store).values()) == {1}
    with store.session() as session:
        runs = Counter(session.scalars(select(models.CrawlRun.source_id)))
    assert sorted(runs.values()) == [1] * 8


def test_a_worker_killed_mid_crawl_loses_nothing_and_duplicates_nothing(
    redis_url, hosts, workers, daemon, write_config, db_url
):
    newsrooms = hosts(3, 1, 2)
    slow = newsrooms[0]
    slow.gated.add(slow.articles[0])
    config = corpus_config(write_config, newsrooms, redis_url)
    store, scheduler = daemon(config)
    first = workers(config, db_url, 10)
    wait_for_workers(redis_url, 1)

    scheduler.step()
    assert slow.gate_reached.wait(120), "the first worker never reached the slow page"
    workers(config, db_url, 10)
    wait_for_workers(redis_url, 2)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    slow.gate.set()
    wait_until_crawled(store, redis_url, documents=3 * 2)

    assert set(urls_stored(store).values()) == {1}
    assert {url.rsplit("/", 1)[1] for url in urls_stored(store)} == {
        path.rsplit("/", 1)[1] for host in newsrooms for path in host.articles
    }
