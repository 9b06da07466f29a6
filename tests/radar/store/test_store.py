from __future__ import annotations

from datetime import UTC, datetime

from radar.records import AccountLink, Classification, Document
from radar.store import models

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


def doc(url: str, text: str = "Starlink cut its prices.") -> Document:
    return Document(
        "s1",
        "feed",
        "starlink",
        url,
        "Starlink cuts prices",
        text,
        NOW,
        published_at=NOW,
        fingerprint=text.lower(),
    )


RESULT = Classification(
    "pricing",
    {"pricing": 0.9, "other": 0.1},
    ("starlink",),
    (AccountLink("delta-air-lines", 72, ("watched competitor",), ("Starlink competes",)),),
)


def test_migrations_create_the_schema_and_are_idempotent(db_url, make_store):
    store = make_store(db_url)

    first, second = store.migrate(), store.migrate()

    assert first == second != ""
    with store.session() as session:
        assert session.query(models.Document).count() == 0


def test_a_url_is_stored_once(db_url, make_store):
    store = make_store(db_url)
    store.migrate()

    assert store.add_document(doc("https://example.com/a"), RESULT, NOW) is True
    assert store.add_document(doc("https://example.com/a"), RESULT, NOW) is False

    with store.session() as session:
        assert session.query(models.Document).count() == 1
        assert session.query(models.AccountLink).count() == 1
        assert session.query(models.Item).one().category == "pricing"


def test_identical_texts_at_two_urls_share_one_story(db_url, make_store):
    store = make_store(db_url)
    store.migrate()

    store.add_document(doc("https://example.com/a"), RESULT, NOW)
    store.add_document(doc("https://mirror.example.org/a"), RESULT, NOW)

    with store.session() as session:
        assert session.query(models.Story).count() == 1
        assert len({d.story_id for d in session.query(models.Document)}) == 1


def test_times_come_back_utc_aware(db_url, make_store):
    store = make_store(db_url)
    store.migrate()
    store.add_document(doc("https://example.com/a"), RESULT, NOW)

    with store.session() as session:
        stored = session.query(models.Document).one()

    assert stored.published_at == NOW and stored.published_at.tzinfo is not None
