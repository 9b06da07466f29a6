from __future__ import annotations

from extractors.urls import canonical_url


def test_tracking_parameters_and_fragments_are_dropped_and_the_query_sorted():
    url = "https://News.Example.com:443/a?utm_source=x&b=2&a=1&fbclid=zz#comments"

    assert canonical_url(url) == "https://news.example.com/a?a=1&b=2"


def test_meaningful_parameters_are_kept():
    assert canonical_url("https://example.com/article?id=42") == "https://example.com/article?id=42"
