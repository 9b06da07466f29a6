"""`run`: the scheduler daemon."""

from __future__ import annotations

import signal
import threading
from datetime import UTC
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from radar.cli.state import AppState, state

if TYPE_CHECKING:
    from radar.daemon.scheduler import Daemon

# Crawls wait on the shared Scrapy reactor and digests on the mail server: threads suffice.
WORKERS = 4


def register(app: typer.Typer) -> None:
    app.command()(run)


def run(
    ctx: typer.Context,
    standby: Annotated[
        bool,
        typer.Option(
            "--standby/--no-standby",
            help="When another daemon runs on the database, wait and take over when it stops "
            "(the default), or exit at once with an error.",
        ),
    ] = True,
) -> None:
    """The scheduler daemon: crawls on each source's cadence, weekly digests, retention.

    One per database; a second one, on this machine or another, stands by and takes over within
    seconds of the first one stopping or dying. SIGTERM or Ctrl-C stops it between jobs; SIGHUP
    (or any change of the config file, checked every 30 s) reloads the config, if it is valid.
    """
    from radar.daemon.lock import Standby, StoppedStandingBy, daemon_lock

    app_state = state(ctx)
    store = app_state.store()
    app_state.config()  # a config with problems fails now, not when a standby takes over
    wake, stopping = threading.Event(), threading.Event()

    def on_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()
        wake.set()

    def on_reload(signum: int, frame: FrameType | None) -> None:
        wake.set()

    previous = {
        sig: signal.signal(sig, handler)
        for sig, handler in (
            (signal.SIGTERM, on_stop),
            (signal.SIGINT, on_stop),
            (signal.SIGHUP, on_reload),
        )
    }
    try:
        with daemon_lock(store, Standby(app_state.err.print, stopping) if standby else None):
            _serve(app_state, _daemon(app_state), wake, stopping)
    except StoppedStandingBy:
        app_state.err.print("stopped while standing by")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _daemon(app_state: AppState) -> Daemon:
    """The daemon on the app's store and config."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    from radar.daemon.scheduler import Daemon, DaemonSettings
    from radar.jobs.digests import SmtpCredentials

    settings = DaemonSettings(
        app_state.cache_dir,
        app_state.data_dir / "outbox",
        SmtpCredentials(*app_state.smtp_credentials()),
    )
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(WORKERS)}, timezone=UTC
    )
    return Daemon(app_state.store(), app_state.config(), settings, scheduler)


def _serve(
    app_state: AppState, daemon: Daemon, wake: threading.Event, stopping: threading.Event
) -> None:
    """Run the daemon's jobs until `stopping`; reload the config whenever woken."""
    daemon.start()
    config = daemon.config
    app_state.err.print(
        f"rivalradar run: {len(config.sources)} sources, {len(config.model.accounts)} "
        "accounts scheduled; SIGTERM stops, SIGHUP reloads the config"
    )
    try:
        while not stopping.is_set():
            wake.wait()
            wake.clear()
            if not stopping.is_set():
                daemon.request_reload()
    finally:
        app_state.err.print("stopping: waiting for running jobs to finish")
        daemon.stop()
    app_state.err.print("stopped")
