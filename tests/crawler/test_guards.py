"""A source's start requests are its primary ones: asked conditionally, and never empty."""

from __future__ import annotations

from tests.conftest import feed
from tests.crawler.newsroom import open_robots, requests_to
from tests.crawler.servers import conditional


def test_an_empty_body_fails_the_source_with_a_clear_diagnosis(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/feed.xml").respond_with_data("", content_type="application/rss+xml")
    config = write_config(sources=[feed("empty", httpserver.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    health = store.health("empty")
    assert (
        health.last_diagnosis == "empty body"
        and "answered HTTP 200 with nothing" in health.last_error
    )


def test_a_watched_page_is_asked_conditionally_and_a_304_is_no_change(
    httpserver, write_config, crawl_again, store
):
    open_robots(httpserver)
    page = "<html><body><h1>Plans</h1><p>Pro: $49 per month</p></body></html>"
    httpserver.expect_request("/pricing").respond_with_handler(
        conditional(page, '"p1"', "text/html")
    )
    source = {
        "id": "pricing",
        "url": httpserver.url_for("/pricing"),
        "kind": "page",
        "about": "starlink",
    }
    config = write_config(sources=[source])

    second = crawl_again(config, "pricing")

    assert second.exit_code == 0, second.stderr
    (request,) = requests_to(httpserver, "/pricing")
    assert request.headers["If-None-Match"] == '"p1"'
    assert "unchanged 1, failed 0" in second.stdout
    assert store.health("pricing").consecutive_failures == 0
