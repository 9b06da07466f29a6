"""One `rivalradar run` per database: a lock the operating system or the server drops if it dies."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import make_url

from radar.errors import RadarError
from radar.store import models
from radar.store.store import Store

# The advisory lock's key names the database and schema, so daemons of other schemas never meet.
_PG_KEY = "hashtext(current_database() || '/' || current_schema() || '/rivalradar run')"


class DaemonRunning(RadarError):
    """Another daemon holds the database."""


@contextmanager
def daemon_lock(store: Store) -> Iterator[None]:
    """Held while the daemon runs; raises DaemonRunning when another daemon has it."""
    if store.engine.dialect.name == "postgresql":
        with _postgres_lock(store):
            yield
        return
    database = make_url(store.url).database
    if not database or database == ":memory:":
        yield  # a database nobody else can open
        return
    lock = FileLock(f"{database}.run-lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as err:
        raise _running(store) from err
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _postgres_lock(store: Store) -> Iterator[None]:
    # A session-level advisory lock lives as long as this connection: a killed daemon's goes too.
    with store.engine.connect() as connection:
        held = connection.execute(text(f"select pg_try_advisory_lock({_PG_KEY})")).scalar()
        connection.commit()
        if not held:
            raise _running(store)
        try:
            yield
        finally:
            connection.execute(text(f"select pg_advisory_unlock({_PG_KEY})"))
            connection.commit()


def _running(store: Store) -> DaemonRunning:
    with store.session() as session:
        status = session.get(models.DaemonStatus, "scheduler")
    who = (
        f" (pid {status.pid} on {status.host}, since {status.started_at:%Y-%m-%d %H:%M} UTC)"
        if status is not None and status.stopped_at is None
        else ""
    )
    return DaemonRunning(
        f"another `rivalradar run` is running on this database{who}; only one may run per "
        "database: stop that one first"
    )
