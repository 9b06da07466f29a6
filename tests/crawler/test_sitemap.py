from __future__ import annotations

from tests.crawler.newsroom import PLAN, PRICE, open_robots, requests_to, serve_articles


def sitemap(entries: list[tuple[str, str]]) -> str:
    urls = "".join(
        f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def sitemap_source(url: str, **options) -> dict:
    return {"id": "sm", "url": url, "kind": "sitemap", "about": "starlink", **options}


def test_sitemap_pages_are_stored_and_old_lastmods_skipped(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        sitemap(
            [
                (httpserver.url_for("/news/plan"), "2099-01-01"),
                (httpserver.url_for("/news/price"), "2099-01-02"),
                (httpserver.url_for("/news/ancient"), "2001-01-01"),
            ]
        ),
        content_type="application/xml",
    )
    serve_articles(httpserver, {"/news/plan": PLAN, "/news/price": PRICE})
    config = write_config(
        sources=[sitemap_source(httpserver.url_for("/sitemap.xml"), max_age_days=365)]
    )

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.titles("sm") == ["Starlink adds an airline plan", "Starlink raises Standard plan"]
    assert "/news/ancient" not in {req.path for req, _ in httpserver.log}


def test_a_body_that_is_not_a_sitemap_fails_the_source(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        "<html>hello</html>", content_type="text/html"
    )
    config = write_config(sources=[sitemap_source(httpserver.url_for("/sitemap.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert "not a sitemap" in store.health("sm").last_error


def sitemap_index(entries: list[tuple[str, str]]) -> str:
    maps = "".join(
        f"<sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for loc, lastmod in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'


def serve_index(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nAllow: /\nSitemap: {httpserver.url_for('/sitemap_index.xml')}\n"
    )
    httpserver.expect_request("/sitemap_index.xml").respond_with_data(
        sitemap_index(
            [
                (httpserver.url_for("/sitemaps/news-2099.xml"), "2099-01-02T08:00:00+00:00"),
                (httpserver.url_for("/sitemaps/news-2001.xml"), "2001-06-30T08:00:00+00:00"),
            ]
        ),
        content_type="application/xml",
    )
    httpserver.expect_request("/sitemaps/news-2099.xml").respond_with_data(
        sitemap(
            [
                (httpserver.url_for("/news/plan"), "2099-01-01"),
                (httpserver.url_for("/news/price"), "2099-01-02"),
            ]
        ),
        content_type="application/xml",
        headers={"ETag": '"news-2099"'},
    )
    httpserver.expect_request("/sitemaps/news-2001.xml").respond_with_data(
        sitemap([]), content_type="application/xml"
    )
    serve_articles(httpserver, {"/news/plan": PLAN, "/news/price": PRICE})


def test_a_sitemap_index_is_followed_and_old_sitemaps_skipped(
    httpserver, write_config, run_cli, store
):
    serve_index(httpserver)
    config = write_config(
        sources=[sitemap_source(httpserver.url_for("/sitemap_index.xml"), max_age_days=365)]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("sm") == ["Starlink adds an airline plan", "Starlink raises Standard plan"]
    assert "/sitemaps/news-2001.xml" not in {req.path for req, _ in httpserver.log}


def test_the_sitemaps_named_in_robots_txt_are_read(httpserver, write_config, run_cli, store):
    serve_index(httpserver)
    config = write_config(
        sources=[sitemap_source(httpserver.url_for("/robots.txt"), max_age_days=365)]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("sm") == ["Starlink adds an airline plan", "Starlink raises Standard plan"]


def test_include_and_exclude_patterns_choose_the_sitemaps_pages(
    httpserver, write_config, run_cli, store
):
    serve_index(httpserver)
    config = write_config(
        sources=[sitemap_source(httpserver.url_for("/sitemap_index.xml"), exclude=["/price"])]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("sm") == ["Starlink adds an airline plan"]
    assert "/news/price" not in {req.path for req, _ in httpserver.log}


def test_a_child_sitemap_is_asked_conditionally_on_the_next_crawl(
    httpserver, write_config, crawl_again
):
    serve_index(httpserver)
    config = write_config(sources=[sitemap_source(httpserver.url_for("/sitemap_index.xml"))])

    assert crawl_again(config, "sm").exit_code == 0

    (child,) = requests_to(httpserver, "/sitemaps/news-2099.xml")
    assert child.headers["If-None-Match"] == '"news-2099"'
    assert not [req for req, _ in httpserver.log if req.path.startswith("/news/")]
