"""Pages and feeds in many languages and legacy encodings are stored as they were written."""

from __future__ import annotations

from html import escape

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from radar.store import models
from tests.conftest import feed, site
from tests.crawler.languages import LEGACY_FEEDS, PAGES, Story
from tests.crawler.newsroom import open_robots

# A server's default charset, sent whatever the feed is written in.
WRONG_CHARSETS = ["utf-8", "iso-8859-1"]


def legacy_rss(story: Story, link: str) -> bytes:
    """RSS 2.0 in the story's encoding, without an encoding declaration (as such feeds come)."""
    return (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Orbitnet</title>'
        "<link>https://orbitnet.example/</link><description>News</description>"
        f"<item><title>{escape(story.title)}</title><link>{link}</link>"
        "<pubDate>Tue, 17 Nov 2026 09:30:00 GMT</pubDate>"
        f"<description>{escape(story.text)}</description></item></channel></rss>"
    ).encode(story.encoding)


def page_in(story: Story) -> bytes:
    """An article page in the story's language and encoding, with no charset declared."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.text.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="{story.language}"><head><title>{escape(story.title)}</title>'
        '<meta property="article:published_time" content="2026-11-17T09:30:00Z"></head><body>'
        f"<main><article><h1>{escape(story.title)}</h1>{paragraphs}</article></main></body></html>"
    ).encode(story.encoding)


def stored(store) -> dict[str, str]:
    with store.session() as session:
        rows = session.execute(select(models.Document.title, models.Document.text)).all()
    return {title: text for title, text in rows}


def first_sentence(text: str) -> str:
    for end in ("。", ". ", "です", "다. "):
        if end in text:
            return text.split(end, 1)[0]
    return text.split("\n", 1)[0][:40]


@pytest.mark.parametrize("declared", ["none", "wrong"])
def test_feeds_in_legacy_encodings_are_stored_readable_whatever_their_charset_says(
    httpserver: HTTPServer, write_config, run_cli, store, declared
):
    open_robots(httpserver)
    sources = []
    for number, story in enumerate(LEGACY_FEEDS):
        path = f"/feeds/{number}.xml"
        content_type = "application/rss+xml"
        if declared == "wrong":
            content_type += f"; charset={WRONG_CHARSETS[number % 2]}"
        httpserver.expect_request(path).respond_with_data(
            legacy_rss(story, httpserver.url_for(f"/entries/{number}")), content_type=content_type
        )
        sources.append(feed(f"feed-{number}", httpserver.url_for(path), fetch_articles=False))
    config = write_config(sources=sources)

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    documents = stored(store)
    for story in LEGACY_FEEDS:
        assert story.title in documents, (story.encoding, sorted(documents))
        assert first_sentence(story.text) in documents[story.title], story.encoding


def test_pages_in_twelve_languages_are_stored_readable(
    httpserver: HTTPServer, write_config, run_cli, store
):
    open_robots(httpserver)
    links = "".join(f'<li><a href="/news/{n}">{n}</a></li>' for n in range(len(PAGES)))
    httpserver.expect_request("/news/").respond_with_data(
        f"<html><body><ul>{links}</ul></body></html>", content_type="text/html"
    )
    for number, story in enumerate(PAGES):
        httpserver.expect_request(f"/news/{number}").respond_with_data(
            page_in(story), content_type="text/html"
        )
    config = write_config(sources=[site("orbitnet", httpserver.url_for("/news/"), depth=1)])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    documents = stored(store)
    for story in PAGES:
        assert story.title in documents, (story.language, sorted(documents), result.stderr[-3000:])
        assert first_sentence(story.text) in documents[story.title], story.language
    assert "<html" not in result.stderr and "<p>" not in result.stderr
