from __future__ import annotations

from tests.conftest import site
from tests.pages import LAUNCH_BODY, PRICING_BODY, article


def listing(links: list[str]) -> str:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return f"<html><body><nav><a href='/about'>About</a></nav><h1>Newsroom</h1><ul>{items}</ul></body></html>"


def test_site_follows_listing_links_to_same_site_articles_only(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news/").respond_with_data(
        listing(
            ["/news/plan", "/news/price", "/news/tag/aviation", "https://elsewhere.invalid/news/x"]
        ),
        content_type="text/html",
    )
    httpserver.expect_request("/news/plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )
    httpserver.expect_request("/news/price").respond_with_data(
        article("Starlink raises Standard plan", PRICING_BODY), content_type="text/html"
    )
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
