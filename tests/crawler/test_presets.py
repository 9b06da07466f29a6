from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from crawler.presets import load_presets


def expand(name: str, **options: str):
    preset = load_presets()[name]
    return preset.expand(preset.options(**options))


def test_google_news_expands_to_its_rss_search():
    target = expand("google-news", query="Project Kuiper")

    assert target.kind == "feed"
    assert urlsplit(target.url).netloc == "news.google.com"
    assert parse_qs(urlsplit(target.url).query)["q"] == ["Project Kuiper"]


def test_sec_edgar_pads_the_cik_and_asks_for_atom():
    target = expand("sec-edgar", cik="1018724")

    query = parse_qs(urlsplit(target.url).query)
    assert target.kind == "feed" and query["CIK"] == ["0001018724"] and query["output"] == ["atom"]


def test_github_releases_is_the_repositorys_atom_feed():
    assert (
        expand("github-releases", repo="scrapy/scrapy").url
        == "https://github.com/scrapy/scrapy/releases.atom"
    )
