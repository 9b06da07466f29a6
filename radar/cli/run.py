"""`run`: the scheduler daemon."""

from __future__ import annotations

import signal
import threading
from datetime import UTC
from types import FrameType

import typer

from radar.cli.state import state

# Crawls wait on the shared Scrapy reactor and digests on the mail server: threads suffice.
WORKERS = 4


def register(app: typer.Typer) -> None:
    app.command()(run)


def run(ctx: typer.Context) -> None:
    """The scheduler daemon: crawls on each source's cadence, weekly digests, retention.

    One per database. SIGTERM or Ctrl-C stops it: no new job starts, a running crawl stores
    what it fetched and leaves the rest due (within settings.stop_timeout), other running jobs
    finish; exit code 0. A second signal stops it at once (exit code 143, or 130 for Ctrl-C).
    SIGHUP (or any change of the config file, checked every 30 s) reloads the config, if it is
    valid.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    from radar.cli.stopping import StopOnSignal
    from radar.daemon.lock import daemon_lock
    from radar.daemon.scheduler import Daemon, DaemonSettings
    from radar.jobs.digests import SmtpCredentials

    app_state = state(ctx)
    config, store = app_state.config(), app_state.store()
    settings = DaemonSettings(
        app_state.cache_dir,
        app_state.data_dir / "outbox",
        SmtpCredentials(*app_state.smtp_credentials()),
    )
    with daemon_lock(store):
        scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(WORKERS)}, timezone=UTC
        )
        daemon = Daemon(store, config, settings, scheduler)
        wake = threading.Event()
        within_s = config.model.settings.stop_timeout.total_seconds()

        def on_reload(signum: int, frame: FrameType | None) -> None:
            wake.set()

        previous = signal.signal(signal.SIGHUP, on_reload)
        with StopOnSignal(daemon.crawls, within_s, app_state.err, wake) as stop_signal:
            daemon.start()
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
                app_state.err.print(
                    "stopping: running crawls store what they fetched, other jobs finish"
                )
                daemon.stop()
                signal.signal(signal.SIGHUP, previous)
    if daemon.crawls.is_forced:
        app_state.err.print(f"stopped at once on {stop_signal.name}")
        raise typer.Exit(stop_signal.exit_code)
    app_state.err.print("stopped")
