"""The bench's local news site and the server that serves it."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from bench.boilerplate import ORIGIN
from bench.corpus import read_articles, write_site
from bench.prose import MAX_WORDS, MIN_WORDS, write_story
from bench.server import NO_VALIDATORS_PATH, serve


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_same_size_and_seed_write_the_same_site_byte_for_byte(tmp_path: Path) -> None:
    write_site(tmp_path / "a", 25)
    write_site(tmp_path / "b", 25)
    write_site(tmp_path / "c", 25, seed=8)

    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_site_lists_every_article_in_sitemap_and_listings_and_the_newest_50_in_its_feed(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path, 61)
    articles = read_articles(tmp_path)

    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert len(articles) == 61 and site.listing_pages == 4
    assert sitemap.count("<loc>") == sitemap.count("<lastmod>") == 61
    assert all(f"<loc>{url}</loc>" in sitemap for url, _ in articles)
    listings = [tmp_path / "news" / "index.html"] + [
        tmp_path / "news" / "page" / str(n) / "index.html" for n in (2, 3, 4)
    ]
    linked = "".join(p.read_text(encoding="utf-8") for p in listings)
    assert all(f'href="{url.removeprefix(ORIGIN)}"' in linked for url, _ in articles)
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 50
    assert feed.entries[0].link == articles[-1][0]


def test_articles_are_300_to_900_words_about_a_named_competitor() -> None:
    stories = [write_story(n, seed=7) for n in range(200)]

    assert all(MIN_WORDS <= s.word_count <= MAX_WORDS for s in stories)
    assert {s.kind for s in stories} == {
        "launch",
        "pricing",
        "partnership",
        "executive",
        "regulatory",
    }
    assert len({s.competitor_id for s in stories}) == 20
    assert len({s.account_id for s in stories if s.account_id}) > 30


def test_server_answers_a_request_with_its_etag_or_date_by_304(tmp_path: Path) -> None:
    write_site(tmp_path, 3)

    with serve(tmp_path) as base_url:
        with urllib.request.urlopen(f"{base_url}/sitemap.xml") as answer:
            etag, modified = answer.headers["ETag"], answer.headers["Last-Modified"]
            content_type, body = answer.headers["Content-Type"], answer.read().decode()
        statuses = []
        for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
            request = urllib.request.Request(f"{base_url}/sitemap.xml", headers=headers)
            with pytest.raises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(request)
            statuses.append(raised.value.code)
            raised.value.close()

    assert content_type == "application/xml; charset=utf-8"
    assert f"<loc>{base_url}/news/" in body and ORIGIN not in body
    assert statuses == [304, 304]


def test_server_told_to_send_no_validators_answers_a_conditional_request_in_full(
    tmp_path: Path,
) -> None:
    write_site(tmp_path, 3)

    with serve(tmp_path) as base_url:
        with urllib.request.urlopen(f"{base_url}/sitemap.xml") as answer:
            etag = answer.headers["ETag"]
        urllib.request.urlopen(base_url + NO_VALIDATORS_PATH).close()
        request = urllib.request.Request(f"{base_url}/sitemap.xml", headers={"If-None-Match": etag})
        with urllib.request.urlopen(request) as answer:
            status, headers = answer.status, answer.headers

    assert status == 200
    assert headers["ETag"] is None and headers["Last-Modified"] is None
