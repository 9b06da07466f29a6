"""Crawler tests: a path the test does not serve is missing (404), not a server error (500).

pytest-httpserver answers unserved paths with 500, which the crawler rightly retries with
backoff; the pages the tests leave out (navigation links, say) are simply not there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from radar.config.loader import load_config
from radar.jobs.ingest import crawl_sources
from radar.jobs.recipe import build_recipe
from radar.store.store import Store
from tests.conftest import CliResult, site

CRAWLED_AT = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def unserved_paths_are_missing(httpserver: HTTPServer) -> Iterator[None]:
    before = httpserver.no_handler_status_code
    httpserver.no_handler_status_code = 404
    yield
    httpserver.no_handler_status_code = before


@pytest.fixture
def crawl_again(
    httpserver: HTTPServer, run_cli: Callable[..., CliResult]
) -> Callable[[Path, str], CliResult]:
    """Crawl the config, forget the requests so far, and crawl one source again: that result."""

    def crawl(config: Path, source_id: str) -> CliResult:
        assert run_cli("--config", config, "crawl").exit_code == 0
        httpserver.clear_log()
        return run_cli("--config", config, "crawl", "--source", source_id)

    return crawl


@pytest.fixture
def crawl_into(
    tmp_path: Path, write_config: Callable[..., Path], model_cache: Path
) -> Callable[..., tuple[Store, list[Any]]]:
    """Crawl a site in-process with that many workers, into a new SQLite store: (it, reports).

    `wrap` wraps the real classifier recipe, for a test that wants its workers to misbehave.
    """

    def crawl(url: str, workers: int, wrap: Callable[[Any], Any] | None = None):
        config = load_config(
            write_config(settings={"workers": workers}, sources=[site("newsroom", url, depth=1)])
        )
        store = Store(f"sqlite:///{tmp_path}/workers-{workers}.db")
        store.migrate()
        recipe = build_recipe(config, model_cache)
        reports = crawl_sources(
            config,
            store,
            wrap(recipe) if wrap else recipe,
            config.sources,
            clock=lambda: CRAWLED_AT,
        )
        return store, reports

    return crawl
