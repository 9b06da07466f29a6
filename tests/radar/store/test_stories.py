from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from extractors.stories import candidate
from radar.store import models, stories
from radar.store.queries import account_stories
from tests.extractors.story_items import MONDAY, PAIRS, classification, document

DEAL = next(p for p in PAIRS if p["name"].startswith("airline wifi deal"))
RELEASE_URL = "https://orbitnet.example/news/meridian-wifi"
WIRE_URL = "https://wire.example/news/meridian-picks-orbitnet"


def add(store, url, side, at, source, category="partnership"):
    doc = document(url, side["title"], side["text"], at, source)
    return store.add_document(doc, classification(doc, category, "meridian-airways"), at)


def story_ids(store):
    with store.session() as session:
        return dict(session.execute(select(models.Document.url, models.Document.story_id)).all())


def test_a_release_and_its_rewrite_elsewhere_are_one_story_with_both_sources(db_url, make_store):
    store = make_store(db_url)
    store.migrate()

    add(store, RELEASE_URL, DEAL["a"], MONDAY, "orbitnet-newsroom")
    add(store, WIRE_URL, DEAL["b"], MONDAY + timedelta(hours=6), "travel-wire")

    with store.session() as session:
        (story,) = account_stories(session, "meridian-airways", MONDAY, MONDAY + timedelta(days=7))
    assert story.sources == (("orbitnet-newsroom", RELEASE_URL), ("travel-wire", WIRE_URL))
    assert story.title == DEAL["a"]["title"] and story.dated_at == MONDAY


def test_a_story_takes_the_date_and_headline_of_its_earliest_report(db_url, make_store):
    store = make_store(db_url)
    store.migrate()

    add(store, WIRE_URL, DEAL["b"], MONDAY + timedelta(days=1), "travel-wire")
    add(store, RELEASE_URL, DEAL["a"], MONDAY, "orbitnet-newsroom")

    with store.session() as session:
        (story,) = session.scalars(select(models.Story)).all()
    assert story.dated_at == MONDAY and story.title == DEAL["a"]["title"]
    assert len(set(story_ids(store).values())) == 1


def test_the_same_kind_of_event_a_month_later_is_a_story_of_its_own(db_url, make_store):
    store = make_store(db_url)
    store.migrate()
    rise = next(p for p in PAIRS if p["name"].startswith("standard plan price rise"))

    add(store, "https://starlink.example/a", rise["a"], MONDAY, "starlink-news", "pricing")
    add(store, "https://news.example/b", rise["b"], MONDAY + timedelta(days=1), "news", "pricing")
    add(store, "https://news.example/c", rise["b"], MONDAY + timedelta(days=31), "news2", "pricing")

    ids = story_ids(store)
    assert ids["https://starlink.example/a"] == ids["https://news.example/b"]
    assert ids["https://news.example/c"] != ids["https://news.example/b"]


def test_near_misses_in_the_store_stay_apart_and_each_document_is_indexed(db_url, make_store):
    store = make_store(db_url)
    store.migrate()
    miss = next(p for p in PAIRS if p["name"].startswith("two appointments"))

    add(store, "https://nimbus.example/cto", miss["a"], MONDAY, "nimbus", "executive")
    add(
        store,
        "https://wire.example/cfo",
        miss["b"],
        MONDAY + timedelta(days=1),
        "wire",
        "executive",
    )

    assert len(set(story_ids(store).values())) == 2
    with store.session() as session:
        keys = session.scalars(select(models.StoryKey.key)).all()
    assert "co:nimbus" in keys and any(k.startswith("lsh") for k in keys)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)  # SQLite has one writer at a time
def test_two_writers_storing_reports_of_one_event_at_once_make_one_story(db_url, make_store):
    """The second writer waits for the first one's report to be committed, then joins it."""
    first_writer, second_writer = make_store(db_url), make_store(db_url)
    first_writer.migrate()
    release = document(RELEASE_URL, DEAL["a"]["title"], DEAL["a"]["text"], MONDAY, "newsroom")
    result = classification(release, "partnership", "meridian-airways")
    second = threading.Thread(
        target=add,
        args=(second_writer, WIRE_URL, DEAL["b"], MONDAY + timedelta(hours=6), "travel-wire"),
    )

    with first_writer.session() as session:
        item = candidate(release.url, release, result)
        stories.hold_keys(session, [item])
        first_writer._add(session, release, result, item, MONDAY)
        second.start()
        # Commit only once the second writer is waiting on a key, or has finished without one.
        while second.is_alive() and not _waiting_on_an_advisory_lock(first_writer):
            time.sleep(0.01)
    second.join()

    assert len(set(story_ids(first_writer).values())) == 1


def _waiting_on_an_advisory_lock(store) -> bool:
    with store.engine.connect() as connection:
        return bool(
            connection.execute(
                text("select count(*) from pg_locks where locktype = 'advisory' and not granted")
            ).scalar()
        )
