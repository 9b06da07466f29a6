"""The scheduler's triggers and misfires, driven by a controllable clock and stepped by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radar.config.loader import load_config
from radar.daemon.lock import DaemonRunning, daemon_lock
from radar.daemon.scheduler import CRAWL, DIGEST, Daemon, DaemonSettings
from radar.jobs.digests import SmtpCredentials
from radar.store import models
from radar.store.store import Store
from tests.conftest import feed
from tests.pages import rss
from tests.radar.scheduling import StepScheduler, smtp_settings

# Monday 23 November 2026; digests go out at 07:00 local: London is UTC, New York UTC-5.
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
DELTA, NORTHWIND = "jane.doe@example.com", "sam.lee@example.com"
# For what does not depend on the database; the rest runs on SQLite and PostgreSQL.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def clock(time_machine: object) -> Iterator[Callable[[datetime], None]]:
    def move_to(moment: datetime) -> None:
        time_machine.move_to(moment, tick=False)  # type: ignore[attr-defined]

    move_to(MONDAY - timedelta(days=2))
    yield move_to


@pytest.fixture
def daemons(
    db_url: str, make_store: Callable[[str], Store], model_cache: Path, tmp_path: Path
) -> Iterator[Callable[[Path], tuple[Daemon, StepScheduler]]]:
    """Start daemons on one database, each with its own stepped scheduler; stopped at the end."""
    started: list[Daemon] = []

    def start(config_path: Path) -> tuple[Daemon, StepScheduler]:
        store = make_store(db_url)
        store.migrate()
        scheduler = StepScheduler()
        settings = DaemonSettings(model_cache, tmp_path / "outbox", SmtpCredentials())
        daemon = Daemon(store, load_config(config_path), settings, scheduler)
        daemon.start()
        started.append(daemon)
        return daemon, scheduler

    yield start
    for daemon in started:
        if daemon.scheduler.running:
            daemon.stop()


def crawls(daemon: Daemon, source_id: str) -> int:
    with daemon.store.session() as session:
        runs = session.scalars(
            select(models.CrawlRun).where(models.CrawlRun.source_id == source_id)
        )
        return len(runs.all())


def test_each_source_is_crawled_at_its_own_cadence_and_not_before(
    httpserver, write_config, clock, daemons
):
    body = rss([("Starlink adds a plan", "https://starlink.example/a", "A new plan.")])
    httpserver.expect_request("/hourly.xml").respond_with_data(body, content_type="text/xml")
    httpserver.expect_request("/daily.xml").respond_with_data(body, content_type="text/xml")
    config = write_config(
        sources=[
            feed("hourly", httpserver.url_for("/hourly.xml"), every="1h"),
            feed("daily", httpserver.url_for("/daily.xml"), every="1d"),
        ]
    )
    start = MONDAY + timedelta(hours=1)
    clock(start)
    daemon, scheduler = daemons(config)

    scheduler.step()
    assert (crawls(daemon, "hourly"), crawls(daemon, "daily")) == (1, 1)

    clock(start + timedelta(minutes=59))
    scheduler.step()
    assert (crawls(daemon, "hourly"), crawls(daemon, "daily")) == (1, 1)

    # Past the cadence and its largest jitter (a tenth of it).
    clock(start + timedelta(hours=1, minutes=7))
    scheduler.step()
    assert (crawls(daemon, "hourly"), crawls(daemon, "daily")) == (2, 1)

    clock(start + timedelta(days=1, hours=3))
    scheduler.step()
    assert (crawls(daemon, "hourly"), crawls(daemon, "daily")) == (3, 2)


def test_digest_goes_out_at_the_configured_hour_in_each_accounts_time_zone(
    write_config, clock, daemons, smtp_inbox
):
    inbox, port = smtp_inbox
    config = write_config(settings=smtp_settings(port))
    clock(MONDAY + timedelta(hours=6, minutes=59))
    _, scheduler = daemons(config)

    scheduler.step()
    assert inbox.messages == []

    clock(MONDAY + timedelta(hours=7))  # 07:00 in London: Delta Air Lines' owner
    scheduler.step()
    assert len(inbox.to(DELTA)) == 1 and inbox.to(NORTHWIND) == []
    assert "2026-W47" in str(inbox.to(DELTA)[0]["Subject"])

    clock(MONDAY + timedelta(hours=12))  # 07:00 in New York: Northwind Retail's owner
    scheduler.step()
    assert len(inbox.to(DELTA)) == 1 and len(inbox.to(NORTHWIND)) == 1


def test_daemon_down_over_monday_morning_sends_the_missed_digests_once_on_start(
    write_config, clock, daemons, smtp_inbox
):
    inbox, port = smtp_inbox
    config = write_config(settings=smtp_settings(port))
    clock(MONDAY - timedelta(hours=10))  # Sunday evening
    daemon, scheduler = daemons(config)
    scheduler.step()
    daemon.stop()

    clock(MONDAY + timedelta(hours=15))  # back on Monday afternoon
    daemon, scheduler = daemons(config)
    scheduler.step()
    scheduler.step()
    assert len(inbox.to(DELTA)) == 1 and len(inbox.to(NORTHWIND)) == 1
    daemon.stop()

    clock(MONDAY + timedelta(hours=16))  # and restarted once more
    _, scheduler = daemons(config)
    scheduler.step()
    assert len(inbox.messages) == 2


@SQLITE_ONLY
def test_a_daemon_started_for_the_first_time_sends_nothing_until_digest_time(
    write_config, clock, daemons, smtp_inbox
):
    inbox, port = smtp_inbox
    config = write_config(settings=smtp_settings(port))
    clock(MONDAY + timedelta(days=2))  # a Wednesday
    _, scheduler = daemons(config)

    scheduler.step()

    assert inbox.messages == []
    next_run = scheduler.get_job(DIGEST + "delta-air-lines").next_run_time
    assert next_run == MONDAY + timedelta(days=7, hours=7)


def test_a_digest_cut_short_by_a_crash_is_finished_on_start(
    write_config, clock, daemons, smtp_inbox, db_url, make_store
):
    inbox, port = smtp_inbox
    config = write_config(settings=smtp_settings(port))
    clock(MONDAY + timedelta(hours=9))
    store = make_store(db_url)
    store.migrate()
    with store.session() as session:  # what a daemon killed between claim and send leaves
        session.add(
            models.DigestLog(
                account_id="delta-air-lines",
                week="2026-W47",
                status="sending",
                message_id="<2026-W47.delta-air-lines@rivalradar>",
                recipients=[DELTA],
                stories=0,
                built_at=MONDAY + timedelta(hours=7),
                sent_at=None,
            )
        )

    _, scheduler = daemons(config)
    scheduler.step()

    assert len(inbox.to(DELTA)) == 1 and inbox.to(NORTHWIND) == []
    with store.session() as session:
        assert session.scalars(select(models.DigestLog.status)).all() == ["sent"]


@SQLITE_ONLY
def test_a_broken_config_edit_keeps_the_last_good_config_running_and_is_reported(
    write_config, clock, daemons, httpserver
):
    config = write_config(sources=[feed("first", httpserver.url_for("/first.xml"))])
    clock(MONDAY + timedelta(hours=1))
    daemon, scheduler = daemons(config)
    good_text = config.read_text()

    config.write_text(good_text.replace("kind: feed", "kind: fed"))
    daemon.reload()

    assert scheduler.get_job(CRAWL + "first") is not None
    assert daemon.config.source("first") is not None
    with daemon.store.session() as session:
        status = session.get(models.DaemonStatus, "scheduler")
        assert status is not None
        assert f"{config}:" in (status.config_error or "") and "unknown kind 'fed'" in (
            status.config_error or ""
        )

    write_config(
        sources=[
            feed("first", httpserver.url_for("/first.xml")),
            feed("second", httpserver.url_for("/second.xml"), every="2h"),
        ]
    )
    daemon.reload()

    assert scheduler.get_job(CRAWL + "second") is not None
    with daemon.store.session() as session:
        assert session.get(models.DaemonStatus, "scheduler").config_error is None


@SQLITE_ONLY
def test_a_changed_config_reschedules_changed_jobs_and_keeps_the_others(
    write_config, clock, daemons, httpserver
):
    url = httpserver.url_for("/feed.xml")
    config = write_config(sources=[feed("kept", url), feed("dropped", url), feed("faster", url)])
    clock(MONDAY + timedelta(days=1))
    daemon, scheduler = daemons(config)
    kept_next = scheduler.get_job(CRAWL + "kept").next_run_time

    write_config(
        sources=[feed("kept", url), feed("faster", url, every="15m")],
        settings={"digest_day": "friday", "digest_time": "16:30"},
    )
    daemon.reload()

    assert scheduler.get_job(CRAWL + "kept").next_run_time == kept_next
    assert scheduler.get_job(CRAWL + "dropped") is None
    assert "every 900s" in scheduler.get_job(CRAWL + "faster").name
    friday = MONDAY + timedelta(days=4, hours=16, minutes=30)
    assert scheduler.get_job(DIGEST + "delta-air-lines").next_run_time == friday


@SQLITE_ONLY
def test_retention_drops_old_crawl_runs_but_keeps_documents(write_config, clock, daemons):
    config = write_config(settings={"retention": "30d"})
    clock(MONDAY)
    daemon, _ = daemons(config)
    for age_days in (45, 5):
        finished = MONDAY - timedelta(days=age_days)
        daemon.store.record_run(
            "gone",
            finished,
            finished,
            ok=True,
            fetched=1,
            new=1,
            unchanged=0,
            error=None,
            diagnosis=None,
        )

    daemon.prune()

    with daemon.store.session() as session:
        left = session.scalars(select(models.CrawlRun.finished_at)).all()
    assert left == [MONDAY - timedelta(days=5)]


def test_only_one_daemon_runs_per_database(db_url, make_store, write_config, run_cli):
    store = make_store(db_url)
    store.migrate()
    config = write_config()

    with daemon_lock(store):
        with pytest.raises(DaemonRunning), daemon_lock(make_store(db_url)):
            pass
        result = run_cli("--config", config, "--db", db_url, "run")

    assert result.exit_code == 1
    assert "another `rivalradar run` is running on this database" in result.stderr
    with daemon_lock(make_store(db_url)):
        pass  # free again once the first one stops


@SQLITE_ONLY
def test_a_scheduled_crawl_sends_the_alert_its_new_threat_calls_for_once(
    httpserver, write_config, clock, daemons, smtp_inbox
):
    inbox, port = smtp_inbox
    title = "Amazon Leo will power in-flight Wi-Fi for Delta Air Lines"
    text = (
        "Amazon Leo signed an agreement with Delta Air Lines to equip 300 aircraft with terminals."
    )
    httpserver.expect_request("/leo.xml").respond_with_data(
        rss([(title, "https://leo.example/delta", text)]), content_type="text/xml"
    )
    source = feed("leo", httpserver.url_for("/leo.xml"), about="amazon-leo", fetch_articles=False)
    config = write_config(sources=[source], settings=smtp_settings(port))
    clock(MONDAY + timedelta(hours=1))
    _, scheduler = daemons(config)

    scheduler.step()
    clock(MONDAY + timedelta(hours=2, minutes=7))
    scheduler.step()

    (alert,) = inbox.to(DELTA)
    assert str(alert["Subject"]).startswith("Alert for Delta Air Lines: Amazon Leo, threat ")


@SQLITE_ONLY
def test_the_portfolio_digest_goes_to_leadership_on_digest_morning(
    write_config, clock, daemons, smtp_inbox
):
    inbox, port = smtp_inbox
    settings = {**smtp_settings(port), "leadership": ["cro@example.com"]}
    config = write_config(settings=settings)
    clock(MONDAY + timedelta(hours=6, minutes=59))
    _, scheduler = daemons(config)

    scheduler.step()
    assert inbox.to("cro@example.com") == []
    clock(MONDAY + timedelta(hours=7))
    scheduler.step()

    (portfolio,) = inbox.to("cro@example.com")
    assert "2026-W47" in str(portfolio["Subject"])
