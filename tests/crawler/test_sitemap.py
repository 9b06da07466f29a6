from __future__ import annotations

from tests.pages import LAUNCH_BODY, PRICING_BODY, article


def sitemap(entries: list[tuple[str, str]]) -> str:
    urls = "".join(
        f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_sitemap_pages_are_stored_and_old_lastmods_skipped(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
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
    httpserver.expect_request("/news/plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    httpserver.expect_request("/news/price").respond_with_data(
        article("Starlink raises Standard plan", PRICING_BODY), content_type="text/html"
    )
    source = {
        "id": "sm",
        "url": httpserver.url_for("/sitemap.xml"),
        "kind": "sitemap",
        "about": "starlink",
        "max_age_days": 365,
    }
    config = write_config(sources=[source])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.titles("sm") == ["Starlink adds an airline plan", "Starlink raises Standard plan"]
    assert "/news/ancient" not in {req.path for req, _ in httpserver.log}


def test_a_body_that_is_not_a_sitemap_fails_the_source(httpserver, write_config, run_cli, store):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        "<html>hello</html>", content_type="text/html"
    )
    config = write_config(
        sources=[
            {
                "id": "sm",
                "url": httpserver.url_for("/sitemap.xml"),
                "kind": "sitemap",
                "about": "starlink",
            }
        ]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert "not a sitemap" in store.health("sm").last_error
