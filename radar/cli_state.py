"""What every command gets from the global options: config, store and classifier, made on demand."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from radar.config import LoadedConfig, load_config
from radar.paths import default_cache_dir, default_data_dir, sqlite_url
from radar.store import Store

if TYPE_CHECKING:
    from classifier.pipeline import Classifier
    from classifier.recipe import ClassifierRecipe

DEFAULT_CONFIG = Path("config/sources.yaml")


@dataclass
class AppState:
    config_path: Path
    db_url: str | None
    data_dir: Path
    cache_dir: Path
    err: Console = field(
        default_factory=lambda: Console(stderr=True, highlight=False, soft_wrap=True)
    )
    out: Console = field(default_factory=lambda: Console(highlight=False, soft_wrap=True))
    _config: LoadedConfig | None = None
    _store: Store | None = None

    @classmethod
    def from_options(cls, config: Path | None, db: str | None) -> AppState:
        """The one place that reads the environment."""
        env = os.environ
        data_dir = (
            Path(env["RIVALRADAR_DATA_DIR"])
            if env.get("RIVALRADAR_DATA_DIR")
            else default_data_dir()
        )
        cache_dir = (
            Path(env["RIVALRADAR_CACHE_DIR"])
            if env.get("RIVALRADAR_CACHE_DIR")
            else default_cache_dir()
        )
        config_path = config or (
            Path(env["RIVALRADAR_CONFIG"]) if env.get("RIVALRADAR_CONFIG") else DEFAULT_CONFIG
        )
        return cls(
            config_path, db or env.get("RIVALRADAR_DATABASE_URL") or None, data_dir, cache_dir
        )

    def config(self) -> LoadedConfig:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self) -> Store:
        """The store, migrated to the newest schema."""
        if self._store is None:
            url = self.db_url
            if url is None:
                self.data_dir.mkdir(parents=True, exist_ok=True)
                url = sqlite_url(self.data_dir)
            self._store = Store(url)
            self._store.migrate()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def classifier(self) -> Classifier:
        recipe = self.classifier_recipe()
        with self.err.status("loading the category model…"):
            return recipe.build()

    def classifier_recipe(self) -> ClassifierRecipe:
        """What builds the classifier, in this process or in a crawl's workers."""
        from radar.ingest import build_recipe

        with self.err.status("preparing the category model (trained on first use)…"):
            return build_recipe(self.config(), self.cache_dir)

    def smtp_credentials(self) -> tuple[str | None, str | None]:
        env = os.environ
        return env.get("RIVALRADAR_SMTP_USERNAME"), env.get("RIVALRADAR_SMTP_PASSWORD")


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj
