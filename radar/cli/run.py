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

    One per database. SIGTERM or Ctrl-C stops it between jobs; SIGHUP (or any change of the
    config file, checked every 30 s) reloads the config, if it is valid.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

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
        daemon.start()
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
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        app_state.err.print("stopped")
