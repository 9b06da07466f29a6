"""Politeness from Scrapy's own machinery: robots.txt, User-Agent, per-domain delay, one host at a time."""

from __future__ import annotations

import itertools
import time

from werkzeug import Request, Response

from crawler.runner import by_host
from radar.records import SourceSpec
from tests.conftest import feed, site
from tests.pages import LAUNCH_BODY, article, rss


def test_the_user_agent_names_the_product_and_the_contact_url(httpserver, write_config, run_cli):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([]), content_type="application/rss+xml"
    )
    config = write_config(
        settings={"contact": "https://radar.example.com/crawler"},
        sources=[feed("news", httpserver.url_for("/feed.xml"))],
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    agents = {req.headers["User-Agent"] for req, _ in httpserver.log}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("rivalradar/") and "+https://radar.example.com/crawler" in agent


def test_robots_txt_disallowed_links_of_a_site_are_never_requested(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: rivalradar\nDisallow: /news/drafts/\n\nUser-agent: *\nDisallow: /\n"
    )
    httpserver.expect_request("/news/").respond_with_data(
        '<html><body><a href="/news/plan">Plan</a> <a href="/news/drafts/secret">Secret</a></body></html>',
        content_type="text/html",
    )
    httpserver.expect_request("/news/plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("room") == ["Starlink adds an airline plan"]
    assert not [req for req, _ in httpserver.log if req.path.startswith("/news/drafts/")]


def test_a_sources_own_delay_spaces_its_requests(httpserver, write_config, run_cli):
    arrivals: list[float] = []

    def timed(body: str):
        def handle(request: Request) -> Response:
            arrivals.append(time.monotonic())
            return Response(body, content_type="text/html")

        return handle

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    links = "".join(f'<a href="/news/{n}">{n}</a>' for n in range(3))
    httpserver.expect_request("/news/").respond_with_handler(
        timed(f"<html><body>{links}</body></html>")
    )
    for n in range(3):
        httpserver.expect_request(f"/news/{n}").respond_with_handler(
            timed(article(f"Starlink update {n}", LAUNCH_BODY))
        )
    config = write_config(
        sources=[
            site(
                "room",
                httpserver.url_for("/news/"),
                depth=1,
                politeness={"concurrency": 1, "delay": "400ms"},
            )
        ]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(arrivals) == 4
    # Scrapy randomises the delay between 0.5 and 1.5 times the setting (0.2 s here).
    assert min(gaps) >= 0.15


def test_an_invalid_source_politeness_is_a_config_error(write_config, run_cli):
    config = write_config(
        sources=[feed("news", "https://example.com/feed.xml", politeness={"concurrency": 0})]
    )

    result = run_cli("--config", config, "validate")

    assert result.exit_code == 1
    assert "sources[0].politeness.concurrency" in result.stderr


def test_sources_on_one_host_are_crawled_in_turn_and_other_hosts_at_once():
    def spec(source_id: str, url: str) -> SourceSpec:
        return SourceSpec(source_id, url, "feed", "news", 3600.0)

    groups = by_host(
        [
            spec("a", "https://News.example.com/a.xml"),
            spec("b", "https://other.example.org/b.xml"),
            spec("c", "https://news.example.com:8443/c.xml"),
        ]
    )

    assert [[s.id for s in group] for group in groups] == [["a", "c"], ["b"]]


def test_a_redirect_into_a_robots_disallowed_path_is_not_followed(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n"
    )
    httpserver.expect_request("/news/").respond_with_data(
        '<html><body><a href="/news/short">Short link</a></body></html>', content_type="text/html"
    )
    httpserver.expect_request("/news/short").respond_with_data(
        "", status=301, headers={"Location": "/private/draft"}
    )
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert "/news/short" in {req.path for req, _ in httpserver.log}
    assert not [req for req, _ in httpserver.log if req.path.startswith("/private/")]
