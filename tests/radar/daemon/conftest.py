"""The scheduler on a clock the test moves, daemons stepped by the test, a real SMTP server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from radar.config.loader import load_config
from radar.daemon.scheduler import Daemon, DaemonSettings
from radar.jobs.digests import SmtpCredentials
from radar.store.store import Store
from tests.conftest import free_port
from tests.radar.daemon.scheduling import MONDAY, Inbox, StepScheduler


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


@pytest.fixture
def smtp_inbox() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server (aiosmtpd) on loopback: (its inbox, its port)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
