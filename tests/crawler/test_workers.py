"""Pages are extracted and classified in worker processes; a crawl stores the same with them."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from crawler.workers import PoolProcessor
from radar.config.loader import load_config
from radar.errors import ModelError
from radar.jobs.recipe import build_recipe
from radar.records import Classification, Document, Fetched
from radar.store import models
from radar.store.store import Store
from tests.conftest import SHIPPED_CONFIG, site
from tests.crawler.newsroom import serve_newsroom
from tests.pages import LAUNCH_BODY, PRICING_BODY, article

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
POISON = "This page takes its worker down"


class PidClassifier:
    """Labels each document with the id of the process that classified it."""

    def classify(self, docs: Sequence[Document], now: datetime) -> list[Classification]:
        time.sleep(0.05)  # long enough for the other worker to take pages too
        return [
            Classification(category=str(os.getpid()), scores={}, companies=(), links=())
            for _ in docs
        ]


class PidRecipe:
    def build(self) -> PidClassifier:
        return PidClassifier()


class FatalClassifier:
    """The real classifier, except that one title ends the process that reads it."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def classify(self, docs: Sequence[Document], now: datetime) -> list[Classification]:
        if any(doc.title == POISON for doc in docs):
            os._exit(70)  # what a crash in native code looks like from outside
        return self.inner.classify(docs, now)  # type: ignore[attr-defined, no-any-return]


class FatalRecipe:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def build(self) -> FatalClassifier:
        return FatalClassifier(self.inner.build())  # type: ignore[attr-defined]


class MapsClassifier:
    """Labels each document with whether its process maps the given file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def classify(self, docs: Sequence[Document], now: datetime) -> list[Classification]:
        maps = Path(f"/proc/{os.getpid()}/maps").read_text()
        label = "mapped" if str(self.path) in maps else "not mapped"
        return [Classification(category=label, scores={}, companies=(), links=()) for _ in docs]


class MapsRecipe:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def build(self) -> MapsClassifier:
        self.inner.build()  # type: ignore[attr-defined]
        return MapsClassifier(self.inner.dictionary)  # type: ignore[attr-defined]


def fetched(url: str, title: str, body: str) -> Fetched:
    return Fetched(
        source_id="s",
        source_kind="site",
        about="starlink",
        url=url,
        body=article(title, body),
        fetched_at=NOW,
    )


async def process_all(pool: PoolProcessor, items: list[Fetched]) -> list[object]:
    return await asyncio.gather(*(pool.process(i, NOW) for i in items), return_exceptions=True)


def test_pages_are_processed_in_other_processes_on_every_worker():
    pool = PoolProcessor(PidRecipe(), workers=2)
    try:
        pages = [fetched(f"https://x.test/{n}", f"Page {n}", LAUNCH_BODY) for n in range(40)]
        results = asyncio.run(process_all(pool, pages))
    finally:
        pool.close()
    pids = {result[1].category for result in results}  # type: ignore[index]
    assert str(os.getpid()) not in pids
    assert len(pids) == 2


def test_a_worker_that_dies_fails_its_page_and_the_pool_starts_again(model_cache: Path):
    recipe = FatalRecipe(build_recipe(load_config(SHIPPED_CONFIG), model_cache))
    pool = PoolProcessor(recipe, workers=2)
    try:
        (poisoned,) = asyncio.run(
            process_all(pool, [fetched("https://x.test/p", POISON, LAUNCH_BODY)])
        )
        after = asyncio.run(
            process_all(pool, [fetched("https://x.test/ok", "Starlink prices", PRICING_BODY)])
        )
    finally:
        pool.close()
    assert isinstance(poisoned, BrokenProcessPool)
    ((document, result, _story),) = after  # type: ignore[misc]
    assert document.url == "https://x.test/ok" and result.category == "pricing"


def test_workers_share_the_dictionary_file_of_their_recipe(model_cache: Path):
    recipe = build_recipe(load_config(SHIPPED_CONFIG), model_cache)
    assert recipe.dictionary is not None and recipe.dictionary.parent == model_cache
    pool = PoolProcessor(MapsRecipe(recipe), workers=2)
    try:
        pages = [fetched(f"https://x.test/{n}", f"Page {n}", LAUNCH_BODY) for n in range(4)]
        results = asyncio.run(process_all(pool, pages))
    finally:
        pool.close()
    assert {result[1].category for result in results} == {"mapped"}  # type: ignore[index]


def stored(store: Store) -> list[tuple[str, str, list[str]]]:
    with store.session() as session:
        rows = session.query(models.Document.url, models.Item.category, models.Item.companies)
        rows = rows.join(models.Item, models.Item.document_id == models.Document.id)
        return sorted((u.rsplit("/", 1)[1], c, sorted(co)) for u, c, co in rows)


def test_a_crawl_stores_the_same_with_a_pool_as_in_one_process(httpserver, crawl_into):
    url = serve_newsroom(httpserver, [f"Starlink update number {n}" for n in range(12)])

    pooled, (report,) = crawl_into(url, workers=2)
    inline, _ = crawl_into(url, workers=0)

    assert report.new == 12 and report.failed_pages == 0
    assert stored(pooled) == stored(inline)
    assert len(stored(pooled)) == 12


def test_a_page_that_kills_its_worker_fails_alone_and_the_crawl_goes_on(httpserver, crawl_into):
    titles = [f"Starlink update number {n}" for n in range(6)]
    titles[2] = POISON
    url = serve_newsroom(httpserver, titles)

    _, (report,) = crawl_into(url, workers=2, wrap=FatalRecipe)

    # The pages in flight beside the fatal one are tried again, without it, and stored.
    assert report.failed_pages == 1
    assert report.new == 5


CRAWL_AND_LIST_MODULES = """
import json, sys
from pathlib import Path
from radar.config.loader import load_config
from radar.jobs.ingest import crawl_sources
from radar.jobs.recipe import build_recipe
from radar.store.store import Store

config = load_config(Path(sys.argv[1]))
store = Store(sys.argv[2])
store.migrate()
(report,) = crawl_sources(config, store, build_recipe(config, Path(sys.argv[3])), config.sources)
heavy = ("spacy", "thinc", "trafilatura", "scipy", "datasketch")
print(json.dumps([report.new, sorted(m for m in heavy if m in sys.modules)]))
"""


def test_with_a_pool_the_crawling_process_loads_neither_the_model_nor_the_extractor(
    httpserver, tmp_path, write_config, model_cache
):
    url = serve_newsroom(httpserver, [f"Starlink update number {n}" for n in range(4)])
    config = write_config(settings={"workers": 2}, sources=[site("newsroom", url, depth=1)])
    database = f"sqlite:///{tmp_path}/light.db"
    done = subprocess.run(
        [sys.executable, "-c", CRAWL_AND_LIST_MODULES, str(config), database, str(model_cache)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    new, loaded = json.loads(done.stdout.splitlines()[-1])
    assert new == 4
    assert loaded == []


def test_workers_whose_model_cannot_be_read_fail_each_page_with_the_reason(
    tmp_path: Path, model_cache: Path
):
    recipe = build_recipe(load_config(SHIPPED_CONFIG), model_cache)
    broken = tmp_path / "textcat-broken"
    shutil.copytree(recipe.model_dir, broken)
    (broken / "meta.json").write_text("{half", encoding="utf-8")
    pool = PoolProcessor(replace(recipe, model_dir=broken), workers=2)
    try:
        pages = [fetched(f"https://x.test/{n}", f"Page {n}", LAUNCH_BODY) for n in range(3)]
        results = asyncio.run(process_all(pool, pages))
    finally:
        pool.close()
    assert all(isinstance(r, ModelError) and "unreadable" in str(r) for r in results), results
