"""Each preset expands to its source's URL, and its fixture (the source's real format) crawls."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from radar.store import models
from tests.pages import article

FIXTURES = Path(__file__).parent / "fixtures"


def expand(name: str, **options: str):
    from crawler.presets import load_presets

    preset = load_presets()[name]
    return preset.expand(preset.options(**options))


def preset_source(name: str, url: str, about: str = "amazon-leo", **options: str) -> dict:
    """A preset source whose URL is pointed at the local server (an explicit url wins)."""
    return {"id": name, "preset": name, "url": url, "about": about, "every": "1h", **options}


def serve_fixture(httpserver, path: str, fixture: str, content_type: str) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    body = (
        (FIXTURES / fixture)
        .read_bytes()
        .replace(b"{base}", httpserver.url_for("").rstrip("/").encode())
    )
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)


@pytest.fixture
def crawl_preset(httpserver, write_config, run_cli, store):
    """Crawl one preset source, pointed at the local server's path: its documents, oldest first."""

    def crawl(name: str, path: str, **options: str) -> list[models.Document]:
        config = write_config(sources=[preset_source(name, httpserver.url_for(path), **options)])
        result = run_cli("--config", config, "crawl")
        assert result.exit_code == 0, result.stderr
        with store.session() as session:
            return list(
                session.query(models.Document)
                .where(models.Document.source_id == name)
                .order_by(models.Document.published_at)
            )

    return crawl


def test_google_news_expands_to_its_rss_search():
    target = expand("google-news", query="Project Kuiper")

    assert target.kind == "feed"
    assert urlsplit(target.url).netloc == "news.google.com"
    assert parse_qs(urlsplit(target.url).query)["q"] == ["Project Kuiper"]


def test_google_news_items_keep_their_headline_without_publisher_and_no_redirect_is_fetched(
    httpserver, crawl_preset
):
    serve_fixture(httpserver, "/rss/search", "google_news.xml", "application/xml; charset=utf-8")

    docs = crawl_preset("google-news", "/rss/search", query="Project Kuiper")

    assert [d.title for d in docs] == [
        "Amazon's satellite unit cuts terminal price for maritime customers",
        "Project Kuiper signs in-flight connectivity deal with Delta Air Lines",
    ]
    assert docs[1].published_at.isoformat() == "2026-11-17T14:05:00+00:00"
    assert {req.path for req, _ in httpserver.log} <= {"/robots.txt", "/rss/search"}


def test_sec_edgar_pads_the_cik_and_asks_for_atom():
    target = expand("sec-edgar", cik="1018724")

    query = parse_qs(urlsplit(target.url).query)
    assert target.kind == "feed" and query["CIK"] == ["0001018724"] and query["output"] == ["atom"]


def test_sec_edgar_filings_are_items_with_their_form_and_items_described(httpserver, crawl_preset):
    serve_fixture(httpserver, "/cgi-bin/browse-edgar", "sec_edgar.atom", "application/atom+xml")

    docs = crawl_preset("sec-edgar", "/cgi-bin/browse-edgar", cik="1018724")

    assert [d.title for d in docs] == [
        "4 - Statement of changes in beneficial ownership of securities",
        "8-K - Current report",
    ]
    assert "Item 5.02: Departure of Directors" in docs[1].text
    assert docs[1].published_at.isoformat() == "2026-11-17T21:31:08+00:00"
    assert docs[1].url.startswith("https://www.sec.gov/Archives/edgar/data/1018724/")


def test_github_releases_is_the_repositorys_atom_feed():
    assert (
        expand("github-releases", repo="scrapy/scrapy").url
        == "https://github.com/scrapy/scrapy/releases.atom"
    )


def test_github_releases_are_items_named_after_the_repository_with_their_notes(
    httpserver, crawl_preset
):
    path = "/orbitnet-labs/stratolink-sdk/releases.atom"
    serve_fixture(httpserver, path, "github_releases.atom", "application/atom+xml; charset=utf-8")

    docs = crawl_preset(
        "github-releases", path, about="starlink", repo="orbitnet-labs/stratolink-sdk"
    )

    assert [d.title for d in docs] == ["stratolink-sdk v2.9.1", "stratolink-sdk v3.0.0"]
    assert "Cabin portal API" in docs[1].text
    assert {req.path for req, _ in httpserver.log} <= {"/robots.txt", path}


def test_federal_register_expands_to_the_agencys_rss_documents():
    target = expand("federal-register", agency="federal-aviation-administration")

    query = parse_qs(urlsplit(target.url).query)
    assert target.kind == "feed" and urlsplit(target.url).path == "/api/v1/documents.rss"
    assert query["conditions[agencies][]"] == ["federal-aviation-administration"]


def test_federal_register_documents_are_fetched_for_their_full_text(httpserver, crawl_preset):
    serve_fixture(
        httpserver, "/api/v1/documents.rss", "federal_register.rss", "application/rss+xml"
    )
    document = "/documents/2026/11/17/2026-24811/airworthiness-directives-cabin-connectivity-radome-assemblies"
    httpserver.expect_request(document).respond_with_data(
        article(
            "Airworthiness Directives; Cabin Connectivity Radome Assemblies",
            "The FAA is adopting a new airworthiness directive (AD) for certain cabin connectivity "
            "radome assemblies installed on transport category airplanes.\n\nThis AD requires "
            "repetitive inspections of the radome fasteners and their replacement if cracked. "
            "The FAA is issuing this AD to address the unsafe condition on these products.",
        ),
        content_type="text/html",
    )

    (doc,) = crawl_preset(
        "federal-register",
        "/api/v1/documents.rss",
        about="regulator",
        agency="federal-aviation-administration",
    )

    assert "repetitive inspections of the radome fasteners" in doc.text
    assert document in {req.path for req, _ in httpserver.log}
