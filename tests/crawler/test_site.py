from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from radar.store import models
from tests.conftest import site
from tests.crawler.newsroom import PLAN, PRICE, open_robots, requests_to, serve_articles
from tests.pages import LAUNCH_BODY, PRICING_BODY, article


def listing(links: list[str]) -> str:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return f"<html><body><nav><a href='/about'>About</a></nav><h1>Newsroom</h1><ul>{items}</ul></body></html>"


def test_site_follows_listing_links_to_same_site_articles_only(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        listing(
            ["/news/plan", "/news/price", "/news/tag/aviation", "https://elsewhere.invalid/news/x"]
        ),
        content_type="text/html",
    )
    serve_articles(httpserver, {"/news/plan": PLAN, "/news/price": PRICE})
    config = write_config(
        sources=[
            site(
                "newsroom", httpserver.url_for("/news/"), include=["/news/"], exclude=["/news/tag/"]
            )
        ]
    )

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.titles("newsroom") == [
        "Starlink adds an airline plan",
        "Starlink raises Standard plan",
    ]
    requested = {req.path for req, _ in httpserver.log}
    assert "/news/tag/aviation" not in requested and "/about" not in requested


def paged_listing(links: list[str], next_href: str | None, style: str = "rel") -> str:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    if next_href is None:
        pager = ""
    elif style == "rel":
        pager = f'<a rel="next" href="{next_href}">Older posts</a>'
    elif style == "text":
        pager = f'<div class="pager"><a href="{next_href}">Next page »</a></div>'
    else:
        pager = f'<ul class="pages"><li><a href="?page=1">1</a></li><li><a href="{next_href}">2</a></li></ul>'
    return f"<html><body><h1>News</h1><ul>{items}</ul>{pager}</body></html>"


def serve_updates(httpserver, paths: list[str]) -> None:
    """Articles titled "Starlink update number N", N counting from 0 in the order given."""
    serve_articles(
        httpserver,
        {
            path: (f"Starlink update number {n}", LAUNCH_BODY.replace("January", f"week {n}"))
            for n, path in enumerate(paths)
        },
    )


@pytest.mark.parametrize("style", ["rel", "text", "number"])
def test_site_follows_the_listings_pagination(httpserver, write_config, run_cli, store, style):
    open_robots(httpserver)
    second = "/news/page/2/" if style != "number" else "/news/?page=2"
    httpserver.expect_request("/news/", query_string="page=2").respond_with_data(
        paged_listing(["/news/c"], None), content_type="text/html"
    )
    httpserver.expect_request("/news/page/2/").respond_with_data(
        paged_listing(["/news/c"], None), content_type="text/html"
    )
    httpserver.expect_request("/news/").respond_with_data(
        paged_listing(["/news/a", "/news/b"], second, style), content_type="text/html"
    )
    serve_updates(httpserver, ["/news/a", "/news/b", "/news/c"])
    config = write_config(sources=[site("room", httpserver.url_for("/news/"), depth=1)])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("room") == [
        "Starlink update number 0",
        "Starlink update number 1",
        "Starlink update number 2",
    ]


def test_pagination_stops_at_max_listing_pages(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    for page in range(1, 6):
        path = "/news/" if page == 1 else f"/news/page/{page}/"
        httpserver.expect_request(path).respond_with_data(
            paged_listing([], f"/news/page/{page + 1}/"), content_type="text/html"
        )
    config = write_config(sources=[site("room", httpserver.url_for("/news/"), max_listing_pages=3)])

    assert run_cli("--config", config, "crawl").exit_code == 0

    requested = {req.path for req, _ in httpserver.log}
    assert {"/news/", "/news/page/2/", "/news/page/3/"} <= requested
    assert "/news/page/4/" not in requested


def test_site_depth_bounds_how_far_links_are_followed(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        listing(["/news/one"]), content_type="text/html"
    )

    def chained(title: str, next_path: str) -> str:
        return article(title, LAUNCH_BODY).replace(
            "</article>", f'<p><a href="{next_path}">Read more</a></p></article>'
        )

    for path, title, nxt in [
        ("/news/one", "Hop one", "/news/two"),
        ("/news/two", "Hop two", "/news/three"),
        ("/news/three", "Hop three", "/news/four"),
    ]:
        httpserver.expect_request(path).respond_with_data(
            chained(title, nxt), content_type="text/html"
        )
    config = write_config(sources=[site("room", httpserver.url_for("/news/"), depth=2)])

    assert run_cli("--config", config, "crawl").exit_code == 0

    requested = {req.path for req, _ in httpserver.log}
    assert {"/news/one", "/news/two"} <= requested
    assert "/news/three" not in requested
    assert store.titles("room") == ["Hop one", "Hop two"]


def test_links_differing_only_in_tracking_parameters_are_one_article(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        listing(
            ["/news/plan?utm_source=home&utm_medium=hero", "/news/plan#comments", "/news/plan"]
        ),
        content_type="text/html",
    )
    serve_updates(httpserver, ["/news/plan"])
    config = write_config(sources=[site("room", httpserver.url_for("/news/"), depth=1)])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert len(requests_to(httpserver, "/news/plan")) == 1
    assert store.titles("room") == ["Starlink update number 0"]


def test_a_second_crawl_of_a_site_requests_no_known_article(
    httpserver, write_config, crawl_again, store
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        listing(["/news/a", "/news/b"]), content_type="text/html"
    )
    serve_updates(httpserver, ["/news/a", "/news/b"])
    config = write_config(
        sources=[site("room", httpserver.url_for("/news/"), depth=1, include=["/news/"])]
    )

    second = crawl_again(config, "room")

    assert second.exit_code == 0
    assert [req.path for req, _ in httpserver.log if req.path != "/robots.txt"] == ["/news/"]
    assert "new 0, unchanged 2" in second.stdout


def test_a_link_that_redirects_to_a_stored_article_is_not_followed_again(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        listing(["/news/go/plan", "/news/draft"]), content_type="text/html"
    )
    httpserver.expect_request("/news/go/plan").respond_with_data(
        "", status=301, headers={"Location": "/news/plan"}
    )
    serve_updates(httpserver, ["/news/plan"])
    declared = article("Starlink raises Standard plan", PRICING_BODY).replace(
        "</title>", f'</title><link rel="canonical" href="{httpserver.url_for("/news/price")}">'
    )
    httpserver.expect_request("/news/draft").respond_with_data(declared, content_type="text/html")
    config = write_config(
        sources=[site("room", httpserver.url_for("/news/"), depth=1, include=["/news/"])]
    )
    assert run_cli("--config", config, "crawl").exit_code == 0
    assert len(store.titles("room")) == 2
    httpserver.clear_log()

    second = run_cli("--config", config, "crawl", "--source", "room")

    assert second.exit_code == 0
    assert [req.path for req, _ in httpserver.log if req.path != "/robots.txt"] == ["/news/"]
    assert "new 0, unchanged 2" in second.stdout


# Pages written for the extractor tests: a cookie policy, a privacy notice, a careers page...
PAGES = Path(__file__).parents[1] / "extractors" / "pages"


def serve_pages(httpserver, pages: dict[str, str]) -> None:
    """The page written in that file at each path."""
    for path, name in pages.items():
        httpserver.expect_request(path).respond_with_data(
            (PAGES / name).read_text(encoding="utf-8"), content_type="text/html"
        )


def bare_listing(links: list[str]) -> str:
    """A listing that links to these paths and nothing else."""
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return f"<html><body><h1>Newsroom</h1><ul>{items}</ul></body></html>"


def stored_titles(store) -> list[str]:
    with store.session() as session:
        return sorted(session.scalars(select(models.Document.title)))


def test_a_site_crawl_stores_its_articles_and_skips_cookie_privacy_careers_and_missing_pages(
    httpserver, crawl_into
):
    open_robots(httpserver)
    others = {
        "/cookie-policy": "cookie-policy.html",
        "/about/privacy-notice.html": "privacy-notice.html",
        "/join": "careers.html",
        # A soft 404: "not found", said with a 200, at the address of a story that is gone.
        "/news/halcyon-opens-lisbon-office": "soft-404.html",
    }
    httpserver.expect_request("/news/").respond_with_data(
        bare_listing(["/news/plan", "/news/price", *others]), content_type="text/html"
    )
    serve_articles(httpserver, {"/news/plan": PLAN, "/news/price": PRICE})
    serve_pages(httpserver, others)

    store, (report,) = crawl_into(httpserver.url_for("/news/"), workers=0)

    assert stored_titles(store) == [
        "Starlink adds an airline plan",
        "Starlink raises Standard plan",
    ]
    assert report.skipped == {"not an article": 4}
    assert report.ok and report.new == 2 and report.failed_pages == 0
    assert {req.path for req, _ in httpserver.log} >= set(others)


def test_a_news_story_about_a_privacy_fine_is_stored_and_the_privacy_tag_page_is_not(
    httpserver, crawl_into
):
    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_data(
        bare_listing(["/news/2026/acme-privacy-fine", "/news/tag/privacy"]),
        content_type="text/html",
    )
    serve_pages(httpserver, {"/news/2026/acme-privacy-fine": "privacy-fine-news.html"})
    teasers = "".join(
        f"<li><a href='/news/{n}'>Regulators widen their inquiry into airline data, part {n}</a></li>"
        for n in range(5)
    )
    httpserver.expect_request("/news/tag/privacy").respond_with_data(
        f"<html><head><title>Privacy | Halcyon Newsroom</title></head><body><main>"
        f"<h1>Privacy</h1><ul>{teasers}</ul></main></body></html>",
        content_type="text/html",
    )

    store, (report,) = crawl_into(httpserver.url_for("/news/"), workers=0)

    assert stored_titles(store) == ["Regulator fines Acme over privacy breach"]
    assert report.skipped == {"not an article": 1}
