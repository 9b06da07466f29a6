"""The daemon's row in the database: what `rivalradar serve` and a second daemon see of it."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from radar.config.loader import LoadedConfig
from radar.store import models
from radar.store.store import Store


def record_status(
    store: Store,
    config: LoadedConfig,
    now: datetime,
    *,
    started: bool = False,
    stopped: bool = False,
    reloaded: bool = False,
    error: Exception | None = None,
) -> None:
    """What `rivalradar serve` shows of the daemon: alive since when, and its config's state."""
    with store.session() as session:
        row = session.get(models.DaemonStatus, "scheduler")
        if row is None or started:
            row = session.merge(
                models.DaemonStatus(
                    name="scheduler",
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    started_at=now,
                    heartbeat_at=now,
                    stopped_at=None,
                    config_path=str(config.path),
                    config_loaded_at=now,
                    config_error=None,
                )
            )
        row.heartbeat_at = now
        if stopped:
            row.stopped_at = now
        if reloaded:
            row.config_loaded_at = now
        if not started and not stopped:
            row.config_error = str(error) if error else None
