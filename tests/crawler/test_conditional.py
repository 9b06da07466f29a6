"""Conditional GET: validators are kept per URL, sent again, and a 304 costs next to nothing."""

from __future__ import annotations

from tests.conftest import feed, site
from tests.crawler.newsroom import open_robots, requests_to, serve_plan_feed


def test_a_second_crawl_sends_the_etag_and_a_304_counts_as_unchanged(
    httpserver, write_config, run_cli, store
):
    serve_plan_feed(httpserver, etag='"v1"')
    config = write_config(sources=[feed("news", httpserver.url_for("/feed.xml"))])
    assert run_cli("--config", config, "crawl").exit_code == 0
    assert store.http_validators(httpserver.url_for("/feed.xml")) == ('"v1"', None)
    httpserver.clear_log()

    second = run_cli("--config", config, "crawl", "--source", "news")

    assert second.exit_code == 0, second.stderr
    (feed_request,) = requests_to(httpserver, "/feed.xml")
    assert feed_request.headers["If-None-Match"] == '"v1"'
    assert "fetched 1, new 0, unchanged 1, failed 0" in second.stdout
    assert store.health("news").consecutive_failures == 0


def test_last_modified_is_sent_back_as_if_modified_since(httpserver, write_config, crawl_again):
    stamp = "Tue, 17 Nov 2026 09:30:00 GMT"
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        "<html><body><p>No news yet.</p></body></html>",
        content_type="text/html",
        headers={"Last-Modified": stamp},
    )
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])

    assert crawl_again(config, "room").exit_code == 0

    (listing,) = requests_to(httpserver, "/news/")
    assert listing.headers["If-Modified-Since"] == stamp


def test_validators_are_not_kept_when_a_page_of_the_crawl_failed(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        '<html><body><a href="/news/gone">Gone</a></body></html>',
        content_type="text/html",
        headers={"ETag": '"listing"'},
    )
    httpserver.expect_request("/news/gone").respond_with_data("not here", status=404)
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.http_validators(httpserver.url_for("/news/")) is None


def test_sources_check_ignores_validators_and_shows_everything(
    httpserver, write_config, run_cli, store
):
    serve_plan_feed(httpserver, etag='"v1"')
    config = write_config(sources=[feed("news", httpserver.url_for("/feed.xml"))])
    assert run_cli("--config", config, "crawl").exit_code == 0
    httpserver.clear_log()

    checked = run_cli("--config", config, "sources", "check", "news")

    assert checked.exit_code == 0, checked.stderr
    assert "Starlink adds an airline plan" in checked.stdout
    (feed_request,) = requests_to(httpserver, "/feed.xml")
    assert "If-None-Match" not in feed_request.headers
