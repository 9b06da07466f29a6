"""`worker`: take crawl work from the queue of `settings.queue`."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from radar.cli.state import state
from radar.errors import ConfigError, RadarError
from radar.queue import DEFAULT_VISIBILITY_TIMEOUT_S


def register(app: typer.Typer) -> None:
    app.command()(worker)


def worker(
    ctx: typer.Context,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=64, help="Hosts crawled at once.")
    ] = 2,
    visibility_timeout_s: Annotated[
        float,
        typer.Option(
            "--visibility-timeout",
            min=1.0,
            metavar="SECONDS",
            help="How long a task taken by a worker that died waits before another worker gets "
            "it; keep it longer than the longest crawl of one host.",
        ),
    ] = DEFAULT_VISIBILITY_TIMEOUT_S,
) -> None:
    """Take crawl work from the queue of settings.queue: each task is the due sources of one host,
    crawled, classified and stored here. Run any number, on any machines sharing the database.
    SIGTERM or Ctrl-C stops it once its running tasks have finished."""
    from radar.config.watch import ConfigWatcher
    from radar.jobs.digests import SmtpCredentials

    try:
        from radar.queue import tasks
        from radar.queue.app import CRAWL_TASK, celery_app
    except ImportError as err:
        raise RadarError(
            f"a worker needs Celery and Redis: install rivalradar's `queue` extra ({err})"
        ) from err

    app_state = state(ctx)
    config, store = app_state.config(), app_state.store()
    queue_url = config.model.settings.queue
    if not queue_url:
        raise ConfigError(
            [f"{config.path}: settings.queue: not set; a worker needs the Redis URL of the queue"]
        )
    app = celery_app(queue_url, visibility_timeout_s)
    app.task(name=CRAWL_TASK)(tasks.crawl_host)
    tasks.attach(
        tasks.CrawlWorker(
            queue_url,
            ConfigWatcher(config),
            store,
            app_state.cache_dir,
            SmtpCredentials(*app_state.smtp_credentials()),
        )
    )
    name = f"rivalradar-{os.getpid()}@{socket.gethostname()}"
    app_state.err.print(f"rivalradar worker {name}: taking crawls from the queue; SIGTERM stops")
    try:
        app.Worker(
            hostname=name,
            pool="threads",
            concurrency=concurrency,
            without_gossip=True,
            without_mingle=True,
            quiet=True,
            loglevel="WARNING",
        ).start()
    finally:
        tasks.attach(None)
    app_state.err.print("stopped")
