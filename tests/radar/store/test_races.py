"""Two writers on one PostgreSQL database add the same row at once: the second waits for the
first and then succeeds, whichever order their transactions commit in."""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from radar.config.loader import load_config
from radar.store import models
from radar.store.store import Store
from tests.conftest import feed
from tests.radar.store.test_store import NOW, RESULT, doc

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("db_url", ["postgres"], indirect=True),
]


def race(db_url: str, first: Any, second: Callable[[Store], object]) -> None:
    """Run `second` while another writer has written `first` and not yet committed; commit that
    writer once `second` waits on its row; `second` must then finish without an error."""
    tag = f"rr-race-{uuid.uuid4().hex[:8]}"
    url = make_url(db_url).update_query_dict({"application_name": tag})
    store, other = Store(url.render_as_string(hide_password=False)), Store(db_url)
    store.migrate()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            second(store)
        except BaseException as err:  # noqa: BLE001 - handed to the test's thread
            failures.append(err)

    try:
        with other.engine.connect() as held:
            held.execute(first)
            writer = threading.Thread(target=run)
            writer.start()
            _wait_until_waiting_on_a_lock(db_url, tag)
            held.commit()
            writer.join(60)
    finally:
        store.close()
        other.close()
    assert not failures, failures[0]


def _wait_until_waiting_on_a_lock(db_url: str, application_name: str) -> None:
    query = text(
        "select count(*) from pg_stat_activity "
        "where application_name = :name and wait_event_type = 'Lock'"
    )
    probe = create_engine(db_url)
    deadline = time.monotonic() + 30
    try:
        with probe.connect() as connection:
            while not connection.execute(query, {"name": application_name}).scalar():
                assert time.monotonic() < deadline, "the second writer never waited on the first"
                time.sleep(0.05)
                connection.rollback()
    finally:
        probe.dispose()


def test_two_workers_mirroring_a_new_source_at_once_both_succeed(db_url, write_config):
    config = load_config(write_config(sources=[feed("news", "http://127.0.0.1:9/feed.xml")]))
    race(
        db_url,
        insert(models.Source).values(
            id="news",
            url="http://127.0.0.1:9/feed.xml",
            kind="feed",
            about="starlink",
            every_s=3600.0,
            consecutive_failures=0,
            documents_last=0,
            documents_total=0,
        ),
        lambda store: store.sync_config(config, NOW),
    )


def test_two_workers_remembering_one_redirect_at_once_both_succeed(db_url):
    old, new = "https://starlink.example/old", "https://starlink.example/new"
    race(
        db_url,
        insert(models.UrlAlias).values(url=old, document_url=new, seen_at=NOW),
        lambda store: store.add_url_aliases([old], new, NOW),
    )


def test_a_feed_entry_another_worker_is_marking_seen_does_not_fail_the_document(db_url):
    entry = dataclasses.replace(doc("https://starlink.example/a"), entry_id="entry-1")
    stored: list[bool] = []
    race(
        db_url,
        insert(models.SeenEntry).values(source_id="s1", entry_id="entry-1", seen_at=NOW),
        lambda store: stored.append(store.add_document(entry, RESULT, NOW)),
    )
    assert stored == [True]
