from __future__ import annotations

from pytest_httpserver import HTTPServer

from tests.conftest import feed
from tests.pages import LAUNCH_BODY, PRICING_BODY, article, rss


def serve_feed_with_articles(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    items = [
        (
            "Starlink adds an airline plan",
            httpserver.url_for("/news/airline-plan"),
            "A plan for airlines.",
        ),
        (
            "Starlink raises Standard plan",
            httpserver.url_for("/news/standard-price"),
            "Price change.",
        ),
    ]
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(items), content_type="application/rss+xml"
    )
    httpserver.expect_request("/news/airline-plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    httpserver.expect_request("/news/standard-price").respond_with_data(
        article("Starlink raises Standard plan", PRICING_BODY), content_type="text/html"
    )


def test_feed_entries_are_stored_with_the_full_text_of_their_articles(
    httpserver, write_config, run_cli, store
):
    serve_feed_with_articles(httpserver)
    config = write_config(sources=[feed("starlink-news", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.titles("starlink-news") == [
        "Starlink adds an airline plan",
        "Starlink raises Standard plan",
    ]
    assert "new 2" in result.stdout
    health = store.health("starlink-news")
    assert health.last_success_at is not None and health.consecutive_failures == 0


def test_a_second_crawl_stores_nothing_twice_and_does_not_refetch_known_articles(
    httpserver, write_config, run_cli, store
):
    serve_feed_with_articles(httpserver)
    config = write_config(sources=[feed("starlink-news", httpserver.url_for("/feed.xml"))])
    assert run_cli("--config", config, "crawl").exit_code == 0
    article_requests = sum(1 for req, _ in httpserver.log if req.path.startswith("/news/"))

    second = run_cli("--config", config, "crawl", "--source", "starlink-news")

    assert second.exit_code == 0, second.stderr
    assert "new 0" in second.stdout
    assert len(store.titles("starlink-news")) == 2
    assert sum(1 for req, _ in httpserver.log if req.path.startswith("/news/")) == article_requests


def test_source_answering_503_is_recorded_and_others_still_crawled(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/down.xml").respond_with_data("busy", status=503)
    httpserver.expect_request("/up.xml").respond_with_data(
        rss([("Starlink adds an airline plan", httpserver.url_for("/a"), LAUNCH_BODY)]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/a").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    config = write_config(
        sources=[
            feed("down", httpserver.url_for("/down.xml")),
            feed("up", httpserver.url_for("/up.xml")),
        ]
    )

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert "503" in store.health("down").last_error
    assert store.health("down").consecutive_failures == 1
    assert store.titles("up") == ["Starlink adds an airline plan"]


def test_a_body_that_is_not_a_feed_is_diagnosed_as_such(httpserver, write_config, run_cli, store):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<html><body>Welcome</body></html>", content_type="text/html"
    )
    config = write_config(sources=[feed("bogus", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.health("bogus").last_diagnosis == "not a feed"
    assert "failed 1" in result.stdout


def test_robots_disallowed_articles_are_never_requested_and_their_entries_keep_the_feed_text(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(
            [
                ("Open", httpserver.url_for("/news/open"), "x"),
                ("Secret", httpserver.url_for("/private/secret"), "y"),
            ]
        ),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/news/open").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    config = write_config(sources=[feed("news", httpserver.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert not [req for req, _ in httpserver.log if req.path.startswith("/private/")]
    assert store.titles("news") == ["Open", "Secret"]
