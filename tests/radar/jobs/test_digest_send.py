"""`digest send` against a real SMTP server on loopback and a real database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from radar.store import models
from tests.conftest import ACCOUNTS
from tests.digest.stories import WEEK, add_story
from tests.smtp import SMTP_PASSWORD, SMTP_USER

THIRD = {
    "id": "orbit-air",
    "name": "Orbit Air",
    "owner": "kim.ng@example.com",
    "cc": ["desk@example.com"],
    "competitors": ["starlink"],
}


def fill(store, accounts=("delta-air-lines", "northwind-retail", "orbit-air")):
    store.migrate()
    add_story(
        store,
        "https://starlink.example/plans",
        "Starlink raises the Standard plan to $120",
        links={a: 80 for a in accounts},
        summary="The Standard plan now costs $120. More later.",
    )
    add_story(
        store,
        "https://starlink.example/air",
        "Starlink adds an airline plan",
        category="launch",
        links={"delta-air-lines": 60},
    )


def send(config, db_url, *more):
    """The arguments of `digest send` for WEEK, on that config and database."""
    return ("--config", config, "--db", db_url, "digest", "send", "--week", WEEK, *more)


@pytest.fixture
def creds(monkeypatch):
    monkeypatch.setenv("RIVALRADAR_SMTP_USERNAME", SMTP_USER)
    monkeypatch.setenv("RIVALRADAR_SMTP_PASSWORD", SMTP_PASSWORD)


@pytest.fixture
def sqlite_url(tmp_path):
    """A database of the test's own on SQLite, for what does not depend on the database."""
    return f"sqlite:///{tmp_path / 'send.db'}"


def test_each_account_gets_one_message_over_starttls_and_a_rerun_sends_nothing(
    db_url, make_store, smtp_server, write_config, run_cli, creds
):
    server = smtp_server("starttls")
    fill(make_store(db_url))
    config = write_config(settings={"smtp": server.settings()}, accounts=[*ACCOUNTS, THIRD])

    first = run_cli(*send(config, db_url))
    again = run_cli(*send(config, db_url))

    assert first.exit_code == 0, first.stderr
    assert again.exit_code == 0, again.stderr
    assert "orbit-air: sent" in first.stdout
    assert again.stdout.count("already sent") == 3
    assert len(server.received) == 3
    by_owner = {r.message["To"]: r for r in server.received}
    orbit = by_owner["kim.ng@example.com"]
    assert orbit.message["Cc"] == "desk@example.com"
    assert sorted(orbit.rcpt_tos) == ["desk@example.com", "kim.ng@example.com"]
    assert orbit.message.get_content_type() == "multipart/alternative"
    assert len({r.message["Message-ID"] for r in server.received}) == 3


def test_implicit_tls_delivers(db_url, make_store, smtp_server, write_config, run_cli):
    server = smtp_server("tls")
    fill(make_store(db_url), accounts=("delta-air-lines",))
    config = write_config(settings={"smtp": server.settings()})

    result = run_cli(*send(config, db_url, "--account", "delta-air-lines"))

    assert result.exit_code == 0, result.stderr
    assert [r.message["To"] for r in server.received] == ["jane.doe@example.com"]


def test_a_wrong_password_is_one_clear_line_and_the_digest_goes_out_once_fixed(
    make_store, sqlite_url, smtp_server, write_config, run_cli, creds, monkeypatch
):
    server = smtp_server("starttls")
    fill(make_store(sqlite_url), accounts=("delta-air-lines",))
    config = write_config(settings={"smtp": server.settings()})
    monkeypatch.setenv("RIVALRADAR_SMTP_PASSWORD", "wrong")
    args = send(config, sqlite_url, "-a", "delta-air-lines")

    failed = run_cli(*args)
    monkeypatch.setenv("RIVALRADAR_SMTP_PASSWORD", SMTP_PASSWORD)
    fixed = run_cli(*args)

    assert failed.exit_code == 1
    assert "RIVALRADAR_SMTP_PASSWORD" in failed.stderr
    assert SMTP_PASSWORD not in failed.stderr + failed.stdout
    assert fixed.exit_code == 0, fixed.stderr
    assert len(server.received) == 1


def test_a_refused_recipient_fails_its_account_only(
    make_store, sqlite_url, smtp_server, write_config, run_cli
):
    server = smtp_server("none")
    server.refuse.add("jane.doe@example.com")
    fill(make_store(sqlite_url), accounts=("delta-air-lines", "northwind-retail"))
    config = write_config(settings={"smtp": server.settings()})

    result = run_cli(*send(config, sqlite_url))

    assert result.exit_code == 1
    assert "northwind-retail: sent" in result.stdout
    assert "delta-air-lines: failed" in result.stdout
    assert [r.message["To"] for r in server.received] == ["sam.lee@example.com"]


def test_a_crash_after_the_server_accepted_resends_that_same_message_and_nothing_else(
    make_store, sqlite_url, tmp_path, smtp_server, write_config, model_cache, run_cli
):
    server = smtp_server("none")
    fill(make_store(sqlite_url))
    config = write_config(settings={"smtp": server.settings()}, accounts=[*ACCOUNTS, THIRD])
    env = {
        **os.environ,
        "RIVALRADAR_DATA_DIR": str(tmp_path / "data"),
        "RIVALRADAR_CACHE_DIR": str(model_cache),
    }
    command = [sys.executable, "-m", "radar.cli", *map(str, send(config, sqlite_url))]
    sender = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def die_on_second(item):
        # The server has the message; the sender dies before it hears so or logs it.
        if len(server.received) == 2:
            os.kill(sender.pid, signal.SIGKILL)

    server.on_data = die_on_second
    sender.communicate(timeout=60)
    assert sender.returncode == -signal.SIGKILL
    server.on_data = None

    resumed = run_cli(*command[3:])

    assert resumed.exit_code == 0, resumed.stderr
    first, interrupted, resent, last = server.received
    assert resent.raw == interrupted.raw  # byte for byte: one message to any mail client
    assert "sent again after an interrupted run" in resumed.stdout
    ids = [r.message["Message-ID"] for r in (first, interrupted, last)]
    assert len(set(ids)) == 3  # every account got its digest, none a second different one
    assert resumed.stdout.count("already sent") == 1


def test_a_quiet_week_sends_a_short_note_or_nothing_per_the_config(
    make_store, sqlite_url, smtp_server, write_config, run_cli
):
    server = smtp_server("none")
    fill(make_store(sqlite_url), accounts=("delta-air-lines",))

    skip = write_config(settings={"smtp": server.settings(), "quiet_week": "skip"})
    skipped = run_cli(*send(skip, sqlite_url))
    note = write_config(settings={"smtp": server.settings(), "quiet_week": "note"})
    noted = run_cli(*send(note, sqlite_url))

    assert "northwind-retail: skipped: a quiet week" in skipped.stdout
    assert [r.message["To"] for r in server.received] == [
        "jane.doe@example.com",
        "sam.lee@example.com",
    ]
    quiet = server.received[1].message
    assert "a quiet week" in quiet["Subject"]
    assert "A quiet week" in quiet.get_body(("plain",)).get_content()
    assert noted.exit_code == 0


def test_the_portfolio_goes_to_leadership_once(
    make_store, sqlite_url, smtp_server, write_config, run_cli
):
    server = smtp_server("none")
    fill(make_store(sqlite_url), accounts=("delta-air-lines", "northwind-retail"))
    config = write_config(
        settings={"smtp": server.settings(), "leadership": ["vp.sales@example.com"]}
    )

    run_cli(*send(config, sqlite_url))
    again = run_cli(*send(config, sqlite_url))

    portfolio = [r for r in server.received if r.message["To"] == "vp.sales@example.com"]
    assert len(portfolio) == 1
    assert "_portfolio: already sent" in again.stdout
    body = portfolio[0].message.get_body(("plain",)).get_content()
    assert "Delta Air Lines" in body and "Starlink" in body


def test_without_smtp_the_digests_land_in_the_outbox_and_nothing_is_logged(
    store, write_config, run_cli, data_dir_path
):
    fill(store, accounts=("delta-air-lines",))
    config = write_config()

    result = run_cli("--config", config, "digest", "send", "--week", WEEK)

    assert result.exit_code == 0, result.stderr
    assert (data_dir_path / "outbox" / WEEK / "delta-air-lines.eml").exists()
    assert store.count(models.DigestLog) == 0
    assert "outbox" in result.stderr
