"""One `rivalradar run` per database: a lock the operating system or the server drops if it dies.

A second daemon started on the same database, on this machine or another, stands by: it tries
the lock every `STANDBY_POLL_S` and takes over when the first one's lock is dropped. Every digest
and alert is recorded in the send log before it is sent, so the one that takes over sends nothing
twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import make_url

from radar.errors import RadarError
from radar.store import models
from radar.store.store import Store

# The advisory lock's key names the database and schema, so daemons of other schemas never meet.
_PG_KEY = "hashtext(current_database() || '/' || current_schema() || '/rivalradar run')"


# How often a standby tries the lock: it takes over at most this long after the lock is dropped.
STANDBY_POLL_S = 5.0
# On PostgreSQL the server drops a lock when it finds its holder's connection dead: these
# keepalives (seconds) make it find a vanished machine's within about 25 s.
_KEEPALIVES = {"tcp_keepalives_idle": 10, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 3}


class DaemonRunning(RadarError):
    """Another daemon holds the database."""


class StoppedStandingBy(Exception):
    """The standby was asked to stop before it took over."""


@dataclass(frozen=True)
class Standby:
    """How to wait for the lock instead of failing: what to say, and what ends the wait."""

    say: Callable[[str], None]
    stopping: threading.Event


@contextmanager
def daemon_lock(store: Store, standby: Standby | None = None) -> Iterator[None]:
    """Held while the daemon runs. When another daemon has it: DaemonRunning, or with `standby`,
    wait for it (StoppedStandingBy if `standby.stopping` is set first)."""
    if store.engine.dialect.name == "postgresql":
        with _postgres_lock(store, standby):
            yield
        return
    database = make_url(store.url).database
    if not database or database == ":memory:":
        yield  # a database nobody else can open
        return
    lock = FileLock(f"{database}.run-lock", timeout=0)

    def take() -> bool:
        try:
            lock.acquire()
        except Timeout:
            return False
        return True

    _wait_for(take, store, standby)
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _postgres_lock(store: Store, standby: Standby | None) -> Iterator[None]:
    # A session-level advisory lock lives as long as this connection: a killed daemon's goes too.
    with store.engine.connect() as connection:
        for name, seconds in _KEEPALIVES.items():
            connection.execute(text(f"set {name} = {seconds}"))

        def take() -> bool:
            held = connection.execute(text(f"select pg_try_advisory_lock({_PG_KEY})")).scalar()
            connection.commit()
            return bool(held)

        _wait_for(take, store, standby)
        try:
            yield
        finally:
            connection.execute(text(f"select pg_advisory_unlock({_PG_KEY})"))
            connection.commit()


def _wait_for(take: Callable[[], bool], store: Store, standby: Standby | None) -> None:
    if take():
        return
    if standby is None:
        raise _running(store)
    standby.say(
        f"standing by: another `rivalradar run` is running on this database{_holder(store)}; "
        "taking over when it stops"
    )
    while not take():
        if standby.stopping.wait(STANDBY_POLL_S):
            raise StoppedStandingBy
    standby.say("taking over: the other `rivalradar run` has stopped")


def _running(store: Store) -> DaemonRunning:
    return DaemonRunning(
        f"another `rivalradar run` is running on this database{_holder(store)}; only one may run "
        "per database (without --no-standby, a second one stands by and takes over)"
    )


def _holder(store: Store) -> str:
    with store.session() as session:
        status = session.get(models.DaemonStatus, "scheduler")
    if status is None or status.stopped_at is not None:
        return ""
    return f" (pid {status.pid} on {status.host}, since {status.started_at:%Y-%m-%d %H:%M} UTC)"
