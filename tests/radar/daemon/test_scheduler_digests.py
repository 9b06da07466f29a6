"""Digests on the stepped scheduler: at 07:00 in each owner's time zone, each exactly once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radar.daemon.plan import DIGEST
from radar.store import models
from tests.radar.daemon.scheduling import (
    DELTA,
    MONDAY,
    NORTHWIND,
    SQLITE_ONLY,
    smtp_settings,
)


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
