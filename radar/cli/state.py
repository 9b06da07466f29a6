"""What every command gets from the global options: config, store and classifier, made on demand."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from radar.cli.paths import default_cache_dir, default_data_dir, sqlite_url

if TYPE_CHECKING:
    from rich.console import Console

    from classifier.pipeline import Classifier
    from classifier.recipe import ClassifierRecipe
    from radar.config.loader import LoadedConfig
    from radar.store.store import Store

DEFAULT_CONFIG = Path("config/sources.yaml")


def command_group(help: str, no_args_is_help: bool = True) -> typer.Typer:
    """A group of subcommands (`digest build`, `digest send`), with help as plain text."""
    return typer.Typer(help=help, no_args_is_help=no_args_is_help, rich_markup_mode=None)


@dataclass
class AppState:
    config_path: Path
    db_url: str | None
    data_dir: Path
    cache_dir: Path
    err: Console = field(default_factory=lambda: _console(stderr=True))
    out: Console = field(default_factory=lambda: _console(stderr=False))
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
        from radar.config.loader import load_config

        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self) -> Store:
        """The store, migrated to the newest schema."""
        from radar.store.store import Store

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
        """What builds the classifier, in this process or in a crawl's workers; the model is
        trained on first use, which is said on stderr with the time it took."""
        from classifier.recipe import is_model_cached
        from radar.jobs.recipe import build_recipe

        if is_model_cached(self.cache_dir):
            return build_recipe(self.config(), self.cache_dir)
        self.err.print(
            f"training the category model on first use; it is kept in {self.cache_dir.resolve()}"
        )
        started = time.monotonic()
        recipe = build_recipe(self.config(), self.cache_dir)
        self.err.print(f"trained the category model in {time.monotonic() - started:.0f} s")
        return recipe

    def smtp_credentials(self) -> tuple[str | None, str | None]:
        env = os.environ
        return env.get("RIVALRADAR_SMTP_USERNAME"), env.get("RIVALRADAR_SMTP_PASSWORD")


def _console(stderr: bool) -> Console:
    # rich is imported when a command first prints, not for `--help`.
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj
