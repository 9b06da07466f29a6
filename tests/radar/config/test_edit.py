"""Edits of the config file: the previous version kept as it was, readable only by whom it was."""

from __future__ import annotations

import stat

from radar.config.edit import ConfigFile, remove_source
from tests.conftest import feed


def test_the_backup_keeps_the_mode_of_a_config_readable_by_its_owner_only(write_config):
    path = write_config(sources=[feed("news", "https://example.com/feed.xml")])
    path.chmod(0o600)

    ConfigFile(path).update(remove_source("news"))

    backup = path.with_name(path.name + ".bak")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "news" in backup.read_text(encoding="utf-8")
