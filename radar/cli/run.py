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
    from crawler.stopping import Stop
    from radar.cli.stopping import StopOnSignal
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
    seconds of the first one stopping or dying. SIGTERM or Ctrl-C stops it: no new job starts, a
    running crawl stores what it fetched and leaves the rest due (within settings.stop_timeout),
    other running jobs finish; exit code 0. A second signal stops it at once (exit code 143, or
    130 for Ctrl-C). SIGHUP (or any change of the config file, checked every 30 s) reloads the
    config, if it is valid.
    """
    from crawler.stopping import Stop
    from radar.cli.stopping import StopOnSignal
    from radar.daemon.lock import Standby, StoppedStandingBy, daemon_lock

    app_state = state(ctx)
    store = app_state.store()
    # A config with problems fails now, not when a standby takes over.
    within_s = app_state.config().model.settings.stop_timeout.total_seconds()
    crawls, wake, stopping = Stop(), threading.Event(), threading.Event()
    crawls.on_request(stopping.set)

    def on_reload(signum: int, frame: FrameType | None) -> None:
        wake.set()

    previous = signal.signal(signal.SIGHUP, on_reload)
    waiting = Standby(app_state.err.print, stopping) if standby else None
    try:
        with (
            StopOnSignal(crawls, within_s, app_state.err, wake) as stop_signal,
            daemon_lock(store, waiting),
        ):
            _serve(app_state, _daemon(app_state, crawls), wake, stop_signal)
    except StoppedStandingBy:
        app_state.err.print("stopped while standing by")
        return
    finally:
        signal.signal(signal.SIGHUP, previous)
    if crawls.is_forced:
        app_state.err.print(f"stopped at once on {stop_signal.name}")
        raise typer.Exit(stop_signal.exit_code)
    app_state.err.print("stopped")


def _daemon(app_state: AppState, crawls: Stop) -> Daemon:
    """The daemon on the app's store and config, its crawls stopped by `crawls`."""
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
    return Daemon(app_state.store(), app_state.config(), settings, scheduler, crawls=crawls)


def _serve(
    app_state: AppState, daemon: Daemon, wake: threading.Event, stop_signal: StopOnSignal
) -> None:
    """Run the daemon's jobs until a stop signal; reload the config whenever woken."""
    daemon.start()
    config = daemon.config
    app_state.err.print(
        f"rivalradar run: {len(config.sources)} sources, {len(config.model.accounts)} "
        "accounts scheduled; SIGTERM stops, SIGHUP reloads the config"
    )
    try:
        while stop_signal.signum is None:
            wake.wait()
            wake.clear()
            if stop_signal.signum is None:
                daemon.request_reload()
    finally:
        app_state.err.print("stopping: running crawls store what they fetched, other jobs finish")
        daemon.stop()
