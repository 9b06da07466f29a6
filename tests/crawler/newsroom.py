"""A well-behaved newsroom on the test's HTTP server: no robots.txt, a feed, its articles."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Request

from tests.crawler.servers import conditional
from tests.pages import LAUNCH_BODY, PRICING_BODY, article, rss

PLAN = ("Starlink adds an airline plan", LAUNCH_BODY)
PRICE = ("Starlink raises Standard plan", PRICING_BODY)


def open_robots(httpserver: HTTPServer) -> None:
    """No robots.txt (404): every path may be crawled."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


def serve_articles(httpserver: HTTPServer, articles: dict[str, tuple[str, str]]) -> None:
    """An article page at each path, from its (title, body)."""
    for path, (title, body) in articles.items():
        httpserver.expect_request(path).respond_with_data(
            article(title, body), content_type="text/html"
        )


def serve_plan_feed(httpserver: HTTPServer, etag: str | None = None) -> None:
    """/feed.xml with one entry, the airline plan at /news/plan; with an ETag, a 304 to it."""
    open_robots(httpserver)
    body = rss([(PLAN[0], httpserver.url_for("/news/plan"), "Plan.")])
    if etag is None:
        httpserver.expect_request("/feed.xml").respond_with_data(
            body, content_type="application/rss+xml"
        )
    else:
        httpserver.expect_request("/feed.xml").respond_with_handler(
            conditional(body, etag, "application/rss+xml")
        )
    serve_articles(httpserver, {"/news/plan": PLAN})


def serve_newsroom(httpserver: HTTPServer, titles: list[str]) -> str:
    """A listing at /news/ linking an article per title, launches and price rises in turn: its URL."""
    open_robots(httpserver)
    links = "".join(f'<li><a href="/news/{n}">{t}</a></li>' for n, t in enumerate(titles))
    httpserver.expect_request("/news/").respond_with_data(
        f"<html><body><ul>{links}</ul></body></html>", content_type="text/html"
    )
    serve_articles(
        httpserver,
        {
            f"/news/{n}": (title, PRICING_BODY if n % 2 else LAUNCH_BODY)
            for n, title in enumerate(titles)
        },
    )
    return httpserver.url_for("/news/")


def requests_to(httpserver: HTTPServer, path: str) -> list[Request]:
    """The requests the server got for that path, in order."""
    return [request for request, _ in httpserver.log if request.path == path]
