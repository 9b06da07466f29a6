"""What the store keeps for incremental crawls, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


def test_validators_are_kept_replaced_and_forgotten(db_url, make_store):
    store = make_store(db_url)
    store.migrate()
    url = "https://news.example.com/feed.xml"

    store.save_http_validators({url: ('"a"', "Tue, 17 Nov 2026 09:30:00 GMT")}, NOW)
    first = store.http_validators(url)
    store.save_http_validators({url: ('"b"', None)}, NOW)
    second = store.http_validators(url)
    store.save_http_validators({url: (None, None)}, NOW)

    assert first == ('"a"', "Tue, 17 Nov 2026 09:30:00 GMT")
    assert second == ('"b"', None)
    assert store.http_validators(url) is None


def test_an_oversized_etag_is_not_kept(db_url, make_store):
    store = make_store(db_url)
    store.migrate()

    store.save_http_validators({"https://x.example/": ('"' + "e" * 600 + '"', None)}, NOW)

    assert store.http_validators("https://x.example/") is None


def test_aliases_of_a_document_are_known_urls_and_recorded_once(db_url, make_store):
    store = make_store(db_url)
    store.migrate()
    aliases = ["http://news.example.com/plan", "https://news.example.com/go/plan"]

    store.add_url_aliases(aliases, "https://news.example.com/plan", NOW)
    store.add_url_aliases(aliases, "https://news.example.com/plan", NOW)

    assert store.aliased_urls([*aliases, "https://news.example.com/other"]) == set(aliases)
