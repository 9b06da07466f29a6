"""Edits of the config file: the previous version kept as it was, readable only by whom it was."""

from __future__ import annotations

import stat

import pytest

from radar.config.edit import ConfigFile, add_source, remove_source
from radar.errors import ConfigError
from tests.conftest import feed


def test_the_backup_keeps_the_mode_of_a_config_readable_by_its_owner_only(write_config):
    path = write_config(sources=[feed("news", "https://example.com/feed.xml")])
    path.chmod(0o600)

    ConfigFile(path).update(remove_source("news"))

    backup = path.with_name(path.name + ".bak")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "news" in backup.read_text(encoding="utf-8")


def test_an_edit_adding_a_source_at_a_private_address_is_refused_and_writes_nothing(write_config):
    path = write_config(allow_private_networks=False)
    before = path.read_text(encoding="utf-8")
    metadata = {"id": "meta", "url": "http://[::ffff:a9fe:a9fe]/latest", "kind": "page"}

    with pytest.raises(ConfigError, match=r"sources\[0\]\.url: refused: .* private address"):
        ConfigFile(path).update(add_source({**metadata, "about": "news", "every": "1h"}))

    assert path.read_text(encoding="utf-8") == before
