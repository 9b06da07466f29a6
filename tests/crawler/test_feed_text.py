"""What a feed's entries say is stored as a reader sees it, and only under web URLs."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from sqlalchemy import select

from radar.store import models
from tests.conftest import feed
from tests.crawler.newsroom import open_robots

# The entries' HTML, escaped for XML or in CDATA: its text reads "won’t <blink>", once decoded.
RSS_WITH_MARKUP = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Orbitnet</title>
<link>https://orbitnet.example/</link><description>News</description>
<item><title>Orbitnet won&amp;#x2019;t &amp;lt;blink&amp;gt; at launch</title>
<link>{base}/news/blink</link><guid>blink</guid>
<description>&amp;lt;blink&amp;gt; tags don&amp;#x2019;t work in the new console.
&lt;script&gt;document.write("stolen")&lt;/script&gt;&lt;style&gt;p { color: red }&lt;/style&gt;
</description>
<content:encoded><![CDATA[<p>The console won&#x2019;t show &lt;blink&gt; tags.</p>
<script>var tracker = "pixel";</script><style>.ad { display: none }</style>
<p>Orbitnet said the old terminals keep their firmware.</p>]]></content:encoded>
</item></channel></rss>"""


def stored_documents(store) -> list[models.Document]:
    with store.session() as session:
        return list(session.scalars(select(models.Document)))


def test_feed_entries_are_stored_as_text_entities_decoded_once_scripts_and_styles_gone(
    httpserver: HTTPServer, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS_WITH_MARKUP.replace("{base}", httpserver.url_for("").rstrip("/")),
        content_type="application/rss+xml",
    )
    config = write_config(
        sources=[feed("orbitnet", httpserver.url_for("/feed.xml"), fetch_articles=False)]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    (document,) = stored_documents(store)
    assert document.title == "Orbitnet won’t <blink> at launch"
    assert "The console won’t show <blink> tags." in document.text
    assert "Orbitnet said the old terminals keep their firmware." in document.text
    assert "<blink> tags don’t work in the new console." in document.summary
    for code in ("tracker", "pixel", "display", "stolen", "color", "&#x2019;", "&lt;", "&amp;"):
        assert code not in document.text and code not in document.summary, code


def test_non_web_urls_from_feeds_are_never_stored(
    httpserver: HTTPServer, write_config, run_cli, store
):
    open_robots(httpserver)
    items = [
        {"id": "js", "url": "javascript:alert(document.cookie)", "title": "Script link",
         "content_text": "An item whose link runs a script in the reader's browser."},
        {"id": "data", "url": "data:text/html,<script>alert(1)</script>", "title": "Data link",
         "content_text": "An item whose link is a whole page in a data URL."},
        {"id": "broken", "url": "http://[x/", "title": "Broken link",
         "content_text": "An item whose link no URL parser can read."},
        {"id": "file", "url": "file:///etc/passwd", "external_url": "javascript:void(0)",
         "title": "File link", "content_text": "An item whose links point nowhere on the web."},
        {"id": "web", "url": "/news/plan", "title": "Web link",
         "content_text": "An item whose link is a page of the site, as links should be."},
    ]  # fmt: skip
    httpserver.expect_request("/feed.json").respond_with_data(
        json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Orbitnet",
                    "items": items}),
        content_type="application/feed+json",
    )  # fmt: skip
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Orbitnet</title>'
        "<item><title>Vbscript link</title><link>vbscript:msgbox(1)</link>"
        "<description>An RSS item whose link is a script.</description></item>"
        "</channel></rss>"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(rss, content_type="text/xml")
    config = write_config(
        sources=[
            feed("json", httpserver.url_for("/feed.json"), fetch_articles=False),
            feed("rss", httpserver.url_for("/feed.xml"), fetch_articles=False),
        ]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    documents = stored_documents(store)
    assert documents, "the items were stored"
    assert {d.url.split(":", 1)[0] for d in documents} == {"http"}, [d.url for d in documents]
    assert httpserver.url_for("/news/plan") in {d.url for d in documents}
    with store.session() as session:
        aliases = list(session.scalars(select(models.UrlAlias.url)))
    assert all(url.startswith(("http://", "https://")) for url in aliases), aliases
