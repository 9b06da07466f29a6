"""Documents are stored in batches: by size, and a URL already stored is skipped, not refused."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from crawler import pipelines
from radar.config.loader import load_config
from radar.jobs.recipe import build_classifier
from radar.records import Document
from radar.store import models
from radar.store.store import Store
from tests.conftest import SHIPPED_CONFIG
from tests.crawler.newsroom import serve_newsroom
from tests.pages import PRICING_BODY

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_documents_are_written_in_batches(httpserver, crawl_into, monkeypatch):
    batches: list[int] = []
    add_documents = Store.add_documents

    def counting(self, batch, now):
        batches.append(len(batch))
        return add_documents(self, batch, now)

    monkeypatch.setattr(Store, "add_documents", counting)
    monkeypatch.setattr(pipelines, "BATCH_SIZE", 4)
    monkeypatch.setattr(pipelines, "BATCH_WAIT_S", 600.0)  # batches by size only, however slow
    url = serve_newsroom(httpserver, [f"Starlink update number {n}" for n in range(10)])

    _, (report,) = crawl_into(url, workers=0)

    assert report.new == 10
    assert sum(batches) == 10 and max(batches) == 4 and len(batches) == 3


def test_a_batch_skips_urls_already_stored_and_keeps_the_rest(tmp_path, model_cache):
    store = Store(f"sqlite:///{tmp_path}/batch.db")
    store.migrate()
    classifier = build_classifier(load_config(SHIPPED_CONFIG), model_cache)
    config = load_config(SHIPPED_CONFIG)
    store.sync_config(config, NOW)
    docs = [
        Document(
            source_id=config.sources[0].id,
            source_kind="feed",
            about=config.sources[0].about,
            url=f"https://x.test/{n}",
            title=f"Starlink cuts its prices, part {n}",
            text=PRICING_BODY,
            fetched_at=NOW,
        )
        for n in range(3)
    ]
    results = classifier.classify(docs, NOW)

    assert store.add_documents([(docs[1], results[1], None)], NOW) == [True]
    batch = [(doc, result, None) for doc, result in zip(docs, results, strict=True)]
    assert store.add_documents(batch, NOW) == [True, False, True]
    # The rewrites of one event in one batch are one story.
    with store.session() as session:
        assert session.query(models.Document.story_id).distinct().count() == 1


class RefusingClassifier:
    """The real classifier, except that it cannot read one title (as MeCab's absence once did)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def classify(self, docs, now):
        if any(doc.title == UNREADABLE for doc in docs):
            raise ValueError("this tokenizer cannot read the title")
        return self.inner.classify(docs, now)


class RefusingRecipe:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def build(self) -> RefusingClassifier:
        return RefusingClassifier(self.inner.build())


UNREADABLE = "Starlink update nobody can read"


def test_a_page_whose_processing_fails_is_one_log_line_with_its_url_and_never_its_body(
    httpserver, crawl_into, caplog
):
    titles = [f"Starlink update number {n}" for n in range(3)] + [UNREADABLE]
    url = serve_newsroom(httpserver, titles)

    with caplog.at_level(logging.INFO):
        _, (report,) = crawl_into(url, workers=0, wrap=RefusingRecipe)

    assert report.failed_pages == 1 and report.new == 3
    failed = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert failed == [
        f"page failed: {httpserver.url_for('/news/3')}: "
        "ValueError('this tokenizer cannot read the title')"
    ]
    shown = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert PRICING_BODY.split(".")[0] not in shown and "<html" not in shown
