"""Analysts' corrections: applied to the stored stories, items and links, and held by new documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from radar.records import AccountLink, Classification, Document
from radar.store import models, queries
from radar.store.corrections import (
    CorrectionError,
    Known,
    NewCorrection,
    list_corrections,
    record_correction,
)

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)
KNOWN = Known(
    accounts={"delta-air-lines", "northwind-retail"},
    companies={"delta-air-lines", "northwind-retail", "starlink", "amazon-leo"},
)
ANALYST = "ana@example.com"


def doc(url: str, title: str, text: str, dated_at: datetime = NOW) -> Document:
    return Document("s1", "feed", "starlink", url, title, text, dated_at, published_at=dated_at)


def result(category: str = "pricing", *accounts: str) -> Classification:
    return Classification(
        category,
        {category: 0.9},
        ("starlink",),
        tuple(
            AccountLink(a, 72, ("watched competitor",), ("Starlink competes",))
            for a in accounts or ("delta-air-lines", "northwind-retail")
        ),
    )


PRICE_CUT = "Starlink cut the price of its aviation plan by a third for airlines in Europe today."


def story_of(store, url: str) -> str:
    with store.session() as session:
        found = session.scalar(select(models.Document.story_id).where(models.Document.url == url))
    assert found is not None
    return found


def linked_accounts(store, story_id: str) -> set[str]:
    with store.session() as session:
        return set(
            session.scalars(
                select(models.AccountLink.account_id).where(models.AccountLink.story_id == story_id)
            )
        )


@pytest.fixture
def store(db_url, make_store):
    opened = make_store(db_url)
    opened.migrate()
    return opened


def correct(store, story_id: str, kind: str, **fields) -> object:
    return record_correction(store, ANALYST, NewCorrection(story_id, kind, **fields), KNOWN, NOW)


def test_a_category_correction_changes_the_story_as_the_feed_reads_it(store):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    story_id = story_of(store, "https://a.example/1")

    stored = correct(store, story_id, "category", value="launch")

    with store.session() as session:
        (entry,) = queries.recent_account_stories(session, "delta-air-lines", 10)
    assert entry.category == "launch"
    assert stored.user_email == ANALYST and stored.kind == "category"
    assert [c.value for c in list_corrections(store, story_id)] == ["launch"]


def test_not_threat_removes_the_accounts_links_and_a_new_report_of_the_story_does_not_link_it(
    store,
):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    story_id = story_of(store, "https://a.example/1")

    correct(store, story_id, "not_threat", account_id="delta-air-lines")
    store.add_document(
        doc("https://mirror.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )

    assert story_of(store, "https://mirror.example/1") == story_id
    assert linked_accounts(store, story_id) == {"northwind-retail"}


def test_not_news_removes_every_link_and_none_comes_with_a_new_report(store):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    story_id = story_of(store, "https://a.example/1")

    correct(store, story_id, "not_news")
    store.add_document(
        doc("https://mirror.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )

    assert story_of(store, "https://mirror.example/1") == story_id
    assert linked_accounts(store, story_id) == set()


def test_same_story_moves_documents_and_links_into_the_other_story(store):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    store.add_document(
        doc(
            "https://b.example/2",
            "Airline plan is cheaper",
            "An aviation connectivity plan became cheaper this week, a reseller said.",
            NOW - timedelta(hours=3),
        ),
        result("pricing", "northwind-retail"),
        NOW,
    )
    first, second = story_of(store, "https://a.example/1"), story_of(store, "https://b.example/2")
    assert first != second

    correct(store, first, "same_story", value=second)

    assert story_of(store, "https://a.example/1") == second
    assert linked_accounts(store, second) == {"delta-air-lines", "northwind-retail"}
    assert linked_accounts(store, first) == set()


def test_not_same_story_splits_the_document_out_with_its_links_and_a_later_copy_leaves_it_there(
    store,
):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    store.add_document(
        doc("https://mirror.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )
    story_id = story_of(store, "https://a.example/1")
    assert story_of(store, "https://mirror.example/1") == story_id

    split = correct(store, story_id, "not_same_story", document_url="https://mirror.example/1")
    # A third copy matches both; whichever it joins, the split document stays where it was put.
    store.add_document(
        doc("https://copy.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )

    assert story_of(store, "https://mirror.example/1") == split.value != story_id
    assert story_of(store, "https://a.example/1") == story_id
    assert story_of(store, "https://copy.example/1") in {story_id, split.value}
    assert linked_accounts(store, split.value) == {"delta-air-lines", "northwind-retail"}


def test_a_company_correction_adds_and_removes_the_company_on_the_item(store):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    story_id = story_of(store, "https://a.example/1")

    correct(store, story_id, "company", value="+amazon-leo", document_url="https://a.example/1")
    correct(store, story_id, "company", value="-starlink")

    with store.session() as session:
        assert session.scalars(select(models.Item.companies)).one() == ["amazon-leo"]


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("colour", {}, "unknown kind of correction 'colour'"),
        ("category", {"value": "gossip"}, "unknown category 'gossip'"),
        ("not_threat", {"account_id": "acme"}, "unknown account 'acme'"),
        ("not_threat", {}, "needs the account"),
        ("same_story", {"value": "s-nope"}, "no story 's-nope'"),
        ("same_story", {"value": "s" * 301}, "at most 300"),
        ("company", {"value": "acme"}, r"write \+ID to add a company"),
        ("company", {"value": "+acme"}, "unknown company 'acme'"),
        ("not_same_story", {"document_url": "https://a.example/1"}, "the only one of its story"),
    ],
)
def test_a_bad_correction_is_refused_with_its_reason_and_changes_nothing(
    store, kind, fields, message
):
    store.add_document(doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW)
    story_id = story_of(store, "https://a.example/1")

    with pytest.raises(CorrectionError, match=message):
        correct(store, story_id, kind, **fields)

    assert list_corrections(store) == []
    assert linked_accounts(store, story_id) == {"delta-air-lines", "northwind-retail"}


def test_a_correction_of_an_unknown_story_is_refused(store):
    with pytest.raises(CorrectionError, match="no story 's-nope'"):
        correct(store, "s-nope", "not_news")


def test_a_copy_stored_by_another_writer_follows_a_story_merged_since_that_writer_read_it(
    db_url, make_store
):
    crawler, web = make_store(db_url), make_store(db_url)
    crawler.migrate()
    crawler.add_document(
        doc("https://a.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )
    crawler.add_document(
        doc(
            "https://b.example/2",
            "Airline plan is cheaper",
            "An aviation connectivity plan became cheaper this week, a reseller said.",
        ),
        result(),
        NOW,
    )
    merged, kept = (
        story_of(crawler, "https://a.example/1"),
        story_of(crawler, "https://b.example/2"),
    )

    correct(web, merged, "same_story", value=kept)
    crawler.add_document(
        doc("https://mirror.example/1", "Starlink cuts prices", PRICE_CUT), result(), NOW
    )

    assert story_of(crawler, "https://mirror.example/1") == kept
