from __future__ import annotations

from pytest_httpserver import HTTPServer

from radar.store import models
from tests.conftest import feed
from tests.crawler.newsroom import PLAN, PRICE, open_robots, serve_articles
from tests.pages import LAUNCH_BODY, PRICING_BODY, rss


def serve_feed_with_articles(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    items = [
        (PLAN[0], httpserver.url_for("/news/airline-plan"), "A plan for airlines."),
        (PRICE[0], httpserver.url_for("/news/standard-price"), "Price change."),
    ]
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(items), content_type="application/rss+xml"
    )
    serve_articles(httpserver, {"/news/airline-plan": PLAN, "/news/standard-price": PRICE})


def test_feed_entries_are_stored_with_the_full_text_of_their_articles(
    httpserver, write_config, run_cli, store
):
    serve_feed_with_articles(httpserver)
    config = write_config(sources=[feed("starlink-news", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.titles("starlink-news") == [
        "Starlink adds an airline plan",
        "Starlink raises Standard plan",
    ]
    assert "new 2" in result.stdout
    health = store.health("starlink-news")
    assert health.last_success_at is not None and health.consecutive_failures == 0


def test_a_second_crawl_stores_nothing_twice_and_does_not_refetch_known_articles(
    httpserver, write_config, run_cli, store
):
    serve_feed_with_articles(httpserver)
    config = write_config(sources=[feed("starlink-news", httpserver.url_for("/feed.xml"))])
    assert run_cli("--config", config, "crawl").exit_code == 0
    article_requests = sum(1 for req, _ in httpserver.log if req.path.startswith("/news/"))

    second = run_cli("--config", config, "crawl", "--source", "starlink-news")

    assert second.exit_code == 0, second.stderr
    assert "new 0" in second.stdout
    assert len(store.titles("starlink-news")) == 2
    assert sum(1 for req, _ in httpserver.log if req.path.startswith("/news/")) == article_requests


def test_source_answering_503_is_recorded_and_others_still_crawled(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/down.xml").respond_with_data("busy", status=503)
    httpserver.expect_request("/up.xml").respond_with_data(
        rss([(PLAN[0], httpserver.url_for("/a"), LAUNCH_BODY)]),
        content_type="application/rss+xml",
    )
    serve_articles(httpserver, {"/a": PLAN})
    config = write_config(
        sources=[
            feed("down", httpserver.url_for("/down.xml")),
            feed("up", httpserver.url_for("/up.xml")),
        ]
    )

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert "503" in store.health("down").last_error
    assert store.health("down").consecutive_failures == 1
    assert store.titles("up") == ["Starlink adds an airline plan"]


def test_a_body_that_is_not_a_feed_is_diagnosed_as_such(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<html><body>Welcome</body></html>", content_type="text/html"
    )
    config = write_config(sources=[feed("bogus", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.health("bogus").last_diagnosis == "not a feed"
    assert "failed 1" in result.stdout


def test_robots_disallowed_articles_are_never_requested_and_their_entries_keep_the_feed_text(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(
            [
                ("Open", httpserver.url_for("/news/open"), "x"),
                ("Secret", httpserver.url_for("/private/secret"), "y"),
            ]
        ),
        content_type="application/rss+xml",
    )
    serve_articles(httpserver, {"/news/open": PLAN})
    config = write_config(sources=[feed("news", httpserver.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert not [req for req, _ in httpserver.log if req.path.startswith("/private/")]
    assert store.titles("news") == ["Open", "Secret"]


RSS_091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Starlink press</title><link>{base}/</link>
<description>Press releases</description><language>en-us</language>
<item><title>Starlink opens a Lisbon office</title><link>{base}/press/lisbon</link>
<description>Starlink opened an office in Lisbon to serve airline customers in southern Europe, the company said.</description></item>
</channel></rss>"""

RSS_10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/rdf"><title>Regulator notices</title><link>{base}/</link><description>Notices</description>
<items><rdf:Seq><rdf:li rdf:resource="{base}/notices/1"/></rdf:Seq></items></channel>
<item rdf:about="{base}/notices/1"><title>Authority fines Starlink over roaming disclosures</title>
<link>{base}/notices/1</link><description>The authority fined Starlink for unclear roaming price disclosures.</description>
<dc:date>2026-11-16T10:00:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Starlink updates</title><id>urn:uuid:feed-1</id>
<updated>2026-11-17T09:30:00Z</updated>
<entry><title type="html">Starlink &amp;amp; Northwind Retail sign in-store Wi-Fi deal</title>
<id>urn:uuid:entry-1</id><updated>2026-11-17T09:30:00Z</updated>
<content type="html">&lt;p&gt;Starlink will provide in-store connectivity to every Northwind Retail location under a five-year agreement announced on Tuesday.&lt;/p&gt;&lt;p&gt;The deal covers 420 stores and the retailer's distribution centres.&lt;/p&gt;</content>
</entry></feed>"""

JSON_FEED = """{{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Starlink blog",
  "home_page_url": "{base}/",
  "feed_url": "{base}/feed.json",
  "items": [
    {{
      "id": "2026-11-17-maritime",
      "url": "{base}/blog/maritime",
      "title": "Starlink Maritime drops its roaming surcharge",
      "content_html": "<p>From December, Starlink Maritime no longer charges a surcharge for roaming between ocean regions. Existing customers move automatically.</p>",
      "date_published": "2026-11-17T08:00:00-05:00",
      "authors": [{{"name": "Starlink team"}}]
    }},
    {{
      "id": 42,
      "title": "Starlink names a new head of aviation",
      "content_text": "Starlink appointed Maria Okafor as head of aviation, effective immediately. She joins from a major carrier.",
      "date_published": "2026-11-16T12:00:00Z"
    }}
  ]
}}"""


def serve_body(httpserver, path: str, body: str, content_type: str) -> None:
    open_robots(httpserver)
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request(path).respond_with_data(
        body.format(base=base), content_type=content_type
    )


def test_rss_091_entries_are_read_without_fetching_when_articles_are_off(
    httpserver, write_config, run_cli, store
):
    serve_body(httpserver, "/rss091.xml", RSS_091, "text/xml")
    config = write_config(
        sources=[feed("press", httpserver.url_for("/rss091.xml"), fetch_articles=False)]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("press") == ["Starlink opens a Lisbon office"]
    assert "/press/lisbon" not in {req.path for req, _ in httpserver.log}


def test_rss_10_rdf_entries_fall_back_to_their_text_when_the_article_is_missing(
    httpserver, write_config, run_cli, store
):
    serve_body(httpserver, "/rdf", RSS_10, "application/rdf+xml")
    config = write_config(sources=[feed("notices", httpserver.url_for("/rdf"), about="regulator")])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("notices") == ["Authority fines Starlink over roaming disclosures"]
    assert store.health("notices").consecutive_failures == 0


def test_atom_entries_without_links_are_stored_with_their_content(
    httpserver, write_config, run_cli, store
):
    serve_body(httpserver, "/atom.xml", ATOM, "application/atom+xml")
    config = write_config(sources=[feed("updates", httpserver.url_for("/atom.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("updates") == ["Starlink & Northwind Retail sign in-store Wi-Fi deal"]
    with store.session() as session:
        assert "420 stores" in session.query(models.Document.text).scalar()


def test_json_feed_items_are_read_like_rss_and_atom(httpserver, write_config, run_cli, store):
    serve_body(httpserver, "/feed.json", JSON_FEED, "application/feed+json")
    serve_articles(
        httpserver,
        {"/blog/maritime": ("Starlink Maritime drops its roaming surcharge", PRICING_BODY)},
    )
    config = write_config(sources=[feed("blog", httpserver.url_for("/feed.json"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("blog") == [
        "Starlink Maritime drops its roaming surcharge",
        "Starlink names a new head of aviation",
    ]
    with store.session() as session:
        maritime = (
            session.query(models.Document)
            .filter_by(title="Starlink Maritime drops its roaming surcharge")
            .one()
        )
    assert maritime.published_at.isoformat() == "2026-11-17T13:00:00+00:00"
    assert "/blog/maritime" in {req.path for req, _ in httpserver.log}


def test_json_that_is_not_a_json_feed_is_diagnosed_as_not_a_feed(
    httpserver, write_config, run_cli, store
):
    serve_body(httpserver, "/api.json", '{{"status": "ok"}}', "application/json")
    config = write_config(sources=[feed("api", httpserver.url_for("/api.json"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("api").last_diagnosis == "not a feed"


def test_feed_entries_already_seen_are_not_fetched_again_even_when_their_link_changes(
    httpserver, write_config, run_cli, store
):
    serve_body(httpserver, "/atom.xml", ATOM, "application/atom+xml")
    config = write_config(sources=[feed("updates", httpserver.url_for("/atom.xml"))])
    assert run_cli("--config", config, "crawl").exit_code == 0

    second = run_cli("--config", config, "crawl", "--source", "updates")

    assert "new 0, unchanged 1" in second.stdout


def test_a_malformed_json_feed_item_is_skipped_and_the_others_are_kept(
    httpserver, write_config, run_cli, store
):
    body = (
        '{{"version": "https://jsonfeed.org/version/1", "title": "Blog", "items": ['
        '"not an item", {{"id": "1", "title": ["not", "text"]}}, '
        '{{"id": "2", "title": "Starlink names a new head of aviation", '
        '"content_text": "Starlink appointed Maria Okafor as head of aviation, effective today."}}]}}'
    )
    serve_body(httpserver, "/feed.json", body, "application/json")
    config = write_config(sources=[feed("blog", httpserver.url_for("/feed.json"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("blog") == ["Starlink names a new head of aviation"]
    assert store.health("blog").consecutive_failures == 0
