"""Feeds of titles alone, as regulators and wires publish them: a title is an item."""

from __future__ import annotations

from tests.conftest import feed

TITLES_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Authority notices</title><link>https://example.com/</link>
<description>Decisions</description>
<item><title>Authority clears Starlink purchase of Orbitcom</title><guid>n-101</guid>
<pubDate>Tue, 17 Nov 2026 09:30:00 GMT</pubDate></item>
<item><title>Consultation on satellite spectrum fees opens</title><guid>n-102</guid>
<pubDate>Tue, 17 Nov 2026 10:30:00 GMT</pubDate></item>
<item><guid>n-103</guid></item>
</channel></rss>"""


def test_a_feed_entry_with_a_title_alone_is_an_item_and_one_with_nothing_is_not(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/notices.xml").respond_with_data(
        TITLES_ONLY, content_type="application/rss+xml"
    )
    config = write_config(
        sources=[feed("notices", httpserver.url_for("/notices.xml"), about="regulator")]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.titles("notices") == [
        "Authority clears Starlink purchase of Orbitcom",
        "Consultation on satellite spectrum fees opens",
    ]
    assert store.health("notices").consecutive_failures == 0
