"""Where rivalradar keeps its files when the user does not say."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path


def default_data_dir() -> Path:
    return user_data_path("rivalradar", appauthor=False)


def default_cache_dir() -> Path:
    return user_cache_path("rivalradar", appauthor=False)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'rivalradar.db'}"
