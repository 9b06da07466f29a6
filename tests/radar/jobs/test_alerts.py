"""Alerts between digests: sent at once by mail and through apprise, each once, timed."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Response

from radar.config.loader import load_config
from radar.jobs.alerts import send_alerts
from radar.jobs.digests import SmtpCredentials
from radar.store import models
from tests.conftest import feed
from tests.digest.stories import add_story
from tests.pages import LAUNCH_BODY, rss

PUBLISHED = datetime(2026, 11, 18, 9, tzinfo=UTC)
NOW = PUBLISHED + timedelta(hours=3)


def webhook(httpserver, status=200):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok", status=status)
    return "json://" + httpserver.url_for("/hook").removeprefix("http://")


def add_delta_story(store) -> None:
    """A partnership story, published at PUBLISHED: threat 92 for Delta, 50 for Northwind."""
    add_story(
        store,
        "https://starlink.example/delta",
        "Starlink to power Delta's cabins",
        category="partnership",
        links={"delta-air-lines": 92, "northwind-retail": 50},
        rules=("competitor names account",),
        dated_at=PUBLISHED,
        now=NOW,
    )


@pytest.fixture
def smtp(smtp_server):
    """A real SMTP server on loopback, without TLS: the owners' mail."""
    return smtp_server("none")


@pytest.fixture
def alerts_config(write_config, smtp):
    """Write and load a config that mails through `smtp`, with these alert settings."""

    def load(**alerts):
        return load_config(write_config(settings={"smtp": smtp.settings()}, alerts=alerts))

    return load


def test_a_link_over_the_threshold_alerts_the_owner_and_the_channels_once(
    store, smtp, alerts_config, httpserver
):
    add_delta_story(store)
    config = alerts_config(threshold=70, notify=[webhook(httpserver)])

    first = send_alerts(config, store, SmtpCredentials(), NOW)
    again = send_alerts(config, store, SmtpCredentials(), NOW + timedelta(minutes=5))

    assert [(o.account_id, o.score) for o in first] == [("delta-air-lines", 92)]
    assert again == []
    (mail,) = smtp.received
    assert mail.message["To"] == "jane.doe@example.com"
    assert mail.message["Subject"] == "Alert for Delta Air Lines: Starlink, threat 92"
    ((request, _),) = httpserver.log
    assert "Starlink to power Delta's cabins" in json.loads(request.data)["message"]
    with store.session() as session:
        (alert,) = session.scalars(select(models.Alert)).all()
    assert alert.latency_s == 3 * 3600  # published 09:00, alerted 12:00: the time to detect


def test_a_failed_channel_is_retried_alone_on_the_next_run(store, smtp, alerts_config, httpserver):
    add_delta_story(store)
    config = alerts_config(threshold=70, notify=[webhook(httpserver, status=500)])

    failed = send_alerts(config, store, SmtpCredentials(), NOW)
    httpserver.clear()
    webhook(httpserver)
    retried = send_alerts(config, store, SmtpCredentials(), NOW + timedelta(minutes=10))

    assert failed[0].error and failed[0].delivered == ("email",)
    assert retried[0].error is None and len(retried[0].delivered) == 2
    assert len(smtp.received) == 1  # the owner's mail went out once
    assert len(httpserver.log) == 1


def test_links_below_the_threshold_or_from_long_ago_do_not_alert(
    store, smtp, alerts_config, httpserver
):
    add_delta_story(store)
    config = alerts_config(threshold=95, notify=[webhook(httpserver)])

    assert send_alerts(config, store, SmtpCredentials(), NOW) == []
    late = alerts_config(threshold=10)
    assert send_alerts(late, store, SmtpCredentials(), NOW + timedelta(days=30)) == []
    assert smtp.received == []


def test_a_crawl_sends_the_alerts_its_new_links_call_for(httpserver, store, write_config, run_cli):
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([("Starlink adds an airline plan", httpserver.url_for("/a"), LAUNCH_BODY)]),
        content_type="application/rss+xml",
    )
    hook = webhook(httpserver)
    config = write_config(
        sources=[feed("starlink-feed", httpserver.url_for("/feed.xml"))],
        alerts={"threshold": 1, "email_owner": False, "notify": [hook]},
    )

    result = run_cli("--config", config, "crawl")
    report = run_cli("--config", config, "alerts")

    assert result.exit_code == 0, result.stderr
    assert "alert delta-air-lines" in result.stderr
    assert any(r.path == "/hook" for r, _ in httpserver.log)
    assert "time to detect over" in report.stdout


def test_an_alert_left_half_sent_by_a_dead_run_is_finished_later(
    store, smtp, alerts_config, httpserver
):
    add_delta_story(store)
    config = alerts_config(threshold=70, notify=[webhook(httpserver)])
    with store.session() as session:  # what a run that died after claiming leaves behind
        story_id = session.scalars(select(models.Story.id)).one()
        session.add(
            models.Alert(
                account_id="delta-air-lines",
                story_id=story_id,
                score=92,
                published_at=PUBLISHED,
                alerted_at=NOW,
                latency_s=10800.0,
                status="sending",
                delivered=["email"],
            )
        )

    soon = send_alerts(config, store, SmtpCredentials(), NOW + timedelta(minutes=1))
    later = send_alerts(config, store, SmtpCredentials(), NOW + timedelta(hours=1))

    assert soon == []  # the claim may still be in flight
    assert len(later) == 1 and later[0].error is None
    assert smtp.received == []  # the mail had gone out before the run died
    assert len(httpserver.log) == 1


def test_a_notify_url_on_a_private_network_is_refused_and_the_alert_kept_for_retry(
    store, write_config, httpserver, caplog
):
    add_delta_story(store)
    config = load_config(
        write_config(
            allow_private_networks=False,
            alerts={"threshold": 70, "email_owner": False, "notify": [webhook(httpserver)]},
        )
    )

    (outcome,) = send_alerts(config, store, SmtpCredentials(), NOW)

    assert httpserver.log == []
    assert outcome.delivered == () and outcome.error and "loopback" in outcome.error
    assert any("notification not sent: refused" in r.getMessage() for r in caplog.records)
    with store.session() as session:
        (alert,) = session.scalars(select(models.Alert)).all()
    assert alert.status == "failed"  # retried on the next crawl, once the config allows it


def test_a_failed_alert_retried_by_two_senders_at_once_goes_out_once(
    store, smtp, alerts_config, httpserver
):
    add_delta_story(store)
    failing = alerts_config(threshold=70, notify=[webhook(httpserver, status=500)])
    send_alerts(failing, store, SmtpCredentials(), NOW)
    hook = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    hook.start()
    reached, gate, posts = threading.Event(), threading.Event(), []

    def slow(request):
        posts.append(request.data)
        reached.set()
        gate.wait(10)  # the first sender is still delivering while the second one runs
        return Response("ok")

    hook.expect_request("/hook", method="POST").respond_with_handler(slow)
    config = alerts_config(
        threshold=70, notify=["json://" + hook.url_for("/hook").removeprefix("http://")]
    )
    later = NOW + timedelta(minutes=10)
    first = threading.Thread(target=send_alerts, args=(config, store, SmtpCredentials(), later))
    try:
        first.start()
        assert reached.wait(30), "the first sender never reached the channel"
        second = send_alerts(config, store, SmtpCredentials(), later)
        gate.set()
        first.join(30)
    finally:
        gate.set()
        hook.stop()

    assert second == []
    assert len(posts) == 1
