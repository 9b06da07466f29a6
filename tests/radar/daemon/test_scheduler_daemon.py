"""`rivalradar run`: one per database; as a real process, stopped by SIGTERM or killed and restarted."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radar.daemon.lock import STANDBY_POLL_S, DaemonRunning, daemon_lock
from radar.store import models
from tests.conftest import feed
from tests.crawler.newsroom import open_robots
from tests.pages import LAUNCH_BODY, article, rss
from tests.processes import left_behind, new_mark
from tests.radar.daemon.scheduling import MONDAY, SQLITE_ONLY, smtp_settings

# Runs the CLI with its clock set to argv[1], ticking on from there; the slow imports come first.
AT_CLOCK = """
import sys
from datetime import datetime
import time_machine
import radar.jobs.ingest, radar.daemon.scheduler
from radar.cli.app import main
time_machine.travel(datetime.fromisoformat(sys.argv[1]), tick=True).start()
main(sys.argv[2:])
"""


class Daemon:
    """A `rivalradar run` process and the lines it writes on stderr."""

    def __init__(self, args: list[str], env: dict[str, str], at: datetime) -> None:
        self.env = {**env, **new_mark()}
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-c", AT_CLOCK, at.isoformat(), *args, "-v", "run"],
            env=self.env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for_line(self, text: str, timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.seen):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self.process.poll() is not None and self.lines.empty()):
                raise AssertionError(f"no line with {text!r}; stderr was:\n{''.join(self.seen)}")
            try:
                self.seen.append(self.lines.get(timeout=min(remaining, 1.0)))
            except queue.Empty:
                continue

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 60.0) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout_s)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(10)
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def start_daemon(
    tmp_path: Path, model_cache: Path, db_url: str
) -> Iterator[Callable[[Path, datetime], Daemon]]:
    started: list[Daemon] = []
    env = {
        **os.environ,
        "RIVALRADAR_DATA_DIR": str(tmp_path / "data"),
        "RIVALRADAR_CACHE_DIR": str(model_cache),
    }

    def start(config: Path, at: datetime) -> Daemon:
        started.append(Daemon(["--config", str(config), "--db", db_url], env, at))
        return started[-1]

    yield start
    for daemon in started:
        daemon.close()


def test_only_one_daemon_runs_per_database(db_url, make_store, write_config, run_cli):
    store = make_store(db_url)
    store.migrate()
    config = write_config()

    with daemon_lock(store):
        with pytest.raises(DaemonRunning), daemon_lock(make_store(db_url)):
            pass
        result = run_cli("--config", config, "--db", db_url, "run", "--no-standby")

    assert result.exit_code == 1
    assert "another `rivalradar run` is running on this database" in result.stderr
    with daemon_lock(make_store(db_url)):
        pass  # free again once the first one stops


def test_a_second_daemon_stands_by_and_takes_over_when_the_first_one_is_killed(
    write_config, start_daemon
):
    config = write_config()
    first = start_daemon(config, MONDAY)
    first.wait_for_line("rivalradar run:")
    second = start_daemon(config, MONDAY)
    second.wait_for_line("standing by: another `rivalradar run` is running on this database")

    first.process.kill()
    first.process.wait()

    second.wait_for_line("taking over", timeout_s=4 * STANDBY_POLL_S)
    second.wait_for_line("rivalradar run:")
    assert second.stop() == 0


@SQLITE_ONLY  # the lock's kind does not matter here
def test_a_standby_stops_at_once_when_told_to(write_config, start_daemon):
    config = write_config()
    first = start_daemon(config, MONDAY)
    first.wait_for_line("rivalradar run:")
    second = start_daemon(config, MONDAY)
    second.wait_for_line("standing by")

    assert second.stop() == 0
    second.wait_for_line("stopped while standing by")
    assert first.process.poll() is None


# The PostgreSQL lock is covered in-process (above); one database is enough here.
@SQLITE_ONLY
@pytest.mark.timeout(300)  # the daemon, its worker pool and the fork server are started
def test_sigterm_stops_the_running_crawl_keeping_its_pages_and_frees_the_database(
    httpserver, write_config, start_daemon, make_store, db_url
):
    from werkzeug import Response

    titles = {"/news/a": "Starlink adds a plan", "/news/b": "Starlink adds a second plan"}
    answered: list[str] = []
    arrived, release = threading.Event(), threading.Event()

    def articles(request):
        # The first article asked for is answered; the second is held until the test is done.
        if answered:
            arrived.set()
            release.wait(60)
        answered.append(titles[request.path])
        return Response(article(titles[request.path], LAUNCH_BODY), content_type="text/html")

    open_robots(httpserver)
    entries = [(title, httpserver.url_for(path), title) for path, title in titles.items()]
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(entries), content_type="application/rss+xml"
    )
    for path in titles:
        httpserver.expect_request(path).respond_with_handler(articles)
    config = write_config(
        settings={"workers": 1, "politeness": {"concurrency": 1, "delay": "0s"}},
        sources=[feed("news", httpserver.url_for("/feed.xml"))],
    )
    daemon = start_daemon(config, MONDAY + timedelta(hours=10))
    daemon.wait_for_line("rivalradar run:")
    assert arrived.wait(120), "the crawl never reached its second article"

    daemon.process.send_signal(signal.SIGTERM)

    try:
        daemon.wait_for_line("stopped", timeout_s=120)
        assert daemon.process.wait(timeout=60) == 0
    finally:
        release.set()
    assert left_behind(daemon.env, but=daemon.process.pid) == []
    store = make_store(db_url)
    with store.session() as session:
        stored = session.scalars(select(models.Document.title)).all()
        runs = session.scalars(select(models.CrawlRun)).all()
        status = session.get(models.DaemonStatus, "scheduler")
    # The page fetched is kept; the source is not marked done, so its next crawl takes the rest.
    assert stored == answered[:1]
    assert runs == []
    assert status is not None and status.stopped_at is not None
    with daemon_lock(store):
        pass


def test_daemon_killed_and_restarted_around_digest_time_sends_each_digest_once(
    write_config, start_daemon, smtp_inbox, make_store, db_url
):
    inbox, port = smtp_inbox
    config = write_config(settings=smtp_settings(port))

    # Killed the moment London's 07:00 digest reaches the mail server, perhaps before the
    # daemon heard back; restarted after New York's 07:00 (12:00 UTC) has passed.
    first = start_daemon(config, MONDAY + timedelta(hours=6, minutes=59, seconds=58))
    inbox.wait_for(1)
    first.stop(signal.SIGKILL)
    second = start_daemon(config, MONDAY + timedelta(hours=12, seconds=5))
    second.wait_for_line("rivalradar run:")
    inbox.wait_for(1, account="northwind-retail")
    assert second.stop() == 0

    by_account: dict[str, set[str]] = {}
    for message in inbox.messages:
        by_account.setdefault(str(message["X-Rivalradar-Account"]), set()).add(
            str(message["Message-ID"])
        )
    # Each account got its digest, and never a second, different one (SPEC: a resend of the
    # very same message is the one thing a crash between send and log may cause).
    assert {a: len(ids) for a, ids in by_account.items()} == {
        "delta-air-lines": 1,
        "northwind-retail": 1,
    }
    with make_store(db_url).session() as session:
        log = session.execute(select(models.DigestLog.account_id, models.DigestLog.status)).all()
    assert sorted(log) == [("delta-air-lines", "sent"), ("northwind-retail", "sent")]
