"""What every request of the web app shares: the store, the config file, the clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radar.config.edit import ConfigFile
from radar.config.loader import LoadedConfig, load_config
from radar.config.watch import ConfigWatcher
from radar.errors import ConfigError
from radar.jobs.ingest import utc_now
from radar.store.store import Store


@dataclass
class WebContext:
    store: Store
    config_path: Path
    clock: Callable[[], datetime] = utc_now
    _watcher: ConfigWatcher | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.config_file = ConfigFile(self.config_path)

    def config(self) -> LoadedConfig:
        """The last good config; the file is read again when it changed."""
        with self._lock:
            if self._watcher is None:
                self._watcher = ConfigWatcher(load_config(self.config_path))
            else:
                self._watcher.check()
            return self._watcher.current

    def config_problems(self) -> ConfigError | None:
        """The problems of the file on disk, when it is not the config being shown."""
        self.config()
        return self._watcher.error if self._watcher else None
