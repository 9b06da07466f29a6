"""Crawls on the stepped scheduler: each source at its cadence, rescheduled as the config changes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radar.daemon.plan import CRAWL, DIGEST
from radar.store import models
from tests.conftest import feed
from tests.pages import rss
from tests.radar.daemon.scheduling import (
    DELTA,
    MONDAY,
    SQLITE_ONLY,
    crawls,
    smtp_settings,
)


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
