"""Retries wait longer each time, never longer than the cap, and honour Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.http import Response

from crawler.middlewares.backoff import backoff_s, retry_after_s

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


def test_the_wait_doubles_with_each_retry_within_its_jitter():
    first, second, third = (backoff_s(n, 0.5, 30.0, None) for n in (1, 2, 3))

    assert 0.5 <= first <= 0.625 and 1.0 <= second <= 1.25 and 2.0 <= third <= 2.5


def test_the_wait_never_passes_the_cap_even_when_the_server_asks_for_more():
    assert backoff_s(20, 0.5, 30.0, None) == 30.0
    assert backoff_s(1, 0.5, 30.0, 3600.0) == 30.0


def test_retry_after_in_seconds_or_as_a_date_is_read():
    seconds = Response("https://x.example/", status=503, headers={"Retry-After": "7"})
    dated = Response(
        "https://x.example/", status=503, headers={"Retry-After": "Wed, 18 Nov 2026 12:00:20 GMT"}
    )
    garbage = Response("https://x.example/", status=503, headers={"Retry-After": "soon"})

    assert retry_after_s(seconds, NOW) == 7.0
    assert retry_after_s(dated, NOW) == 20.0
    assert retry_after_s(garbage, NOW) is None
    assert backoff_s(1, 0.5, 30.0, 7.0) == 7.0
