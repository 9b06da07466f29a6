"""What the scheduler tests share: a scheduler stepped by the test, and what the SMTP server got."""

from __future__ import annotations

import email
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import Any

import pytest
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy import select

from radar.daemon.scheduler import Daemon
from radar.store import models

# Monday 23 November 2026; digests go out at 07:00 local: London is UTC, New York UTC-5.
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
DELTA, NORTHWIND = "jane.doe@example.com", "sam.lee@example.com"
# For what does not depend on the database; the rest runs on SQLite and PostgreSQL.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class StepScheduler(BaseScheduler):
    """APScheduler's own job processing, run when the test says: jobs run in the test's thread."""

    def __init__(self) -> None:
        super().__init__(executors={"default": DebugExecutor()}, timezone="UTC")

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        """The test calls step() instead."""

    def step(self) -> None:
        self._process_jobs()


@dataclass
class Inbox:
    """The messages a real SMTP server on loopback received."""

    messages: list[Message] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.arrived:
            self.messages.append(email.message_from_bytes(envelope.content))
            self.arrived.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in str(m["To"])]

    def wait_for(self, count: int, account: str | None = None, timeout_s: float = 30.0) -> None:
        """Until `count` messages (of the account's digests, if named) have arrived."""

        def enough() -> bool:
            found = [m for m in self.messages if account in (None, str(m["X-Rivalradar-Account"]))]
            return len(found) >= count

        with self.arrived:
            if not self.arrived.wait_for(enough, timeout_s):
                raise AssertionError(f"{len(self.messages)} messages arrived, {count} expected")


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "smtp": {
            "host": "127.0.0.1",
            "port": port,
            "security": "none",
            "sender": "Rival Radar <radar@example.com>",
        }
    }


def crawls(daemon: Daemon, source_id: str) -> int:
    """How many crawl runs of the source the daemon's database holds."""
    with daemon.store.session() as session:
        runs = session.scalars(
            select(models.CrawlRun).where(models.CrawlRun.source_id == source_id)
        )
        return len(runs.all())
