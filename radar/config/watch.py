"""The last good config, reloaded when its file changes; a broken edit keeps the last good one."""

from __future__ import annotations

import hashlib
import logging
from enum import Enum
from pathlib import Path

from radar.config.loader import LoadedConfig, load_config
from radar.errors import ConfigError

logger = logging.getLogger(__name__)


class Change(Enum):
    UNCHANGED = "unchanged"
    RELOADED = "reloaded"
    INVALID = "invalid"


class ConfigWatcher:
    """Holds a valid config; `check()` swaps in the file's new version only when it validates."""

    def __init__(self, loaded: LoadedConfig) -> None:
        self.path = loaded.path
        self.current = loaded
        self.error: ConfigError | None = None
        self._signature = _signature(self.path)

    def check(self) -> Change:
        signature = _signature(self.path)
        if signature == self._signature:
            return Change.UNCHANGED
        self._signature = signature
        try:
            loaded = load_config(self.path)
        except ConfigError as err:
            self.error = err
            logger.error(
                "the config has problems; the last good version keeps running until they are "
                "fixed:\n%s",
                err,
            )
            return Change.INVALID
        self.current, self.error = loaded, None
        logger.info("config reloaded from %s", self.path)
        return Change.RELOADED


def _signature(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
