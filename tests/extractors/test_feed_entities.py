"""A feed's DTD is untrusted: its entities are never resolved, neither external nor nested."""

from __future__ import annotations

from extractors.feed import parse_feed

ITEM = (
    '<rss version="2.0"><channel><title>Newsroom</title><link>https://example.com/</link>'
    "<description>News</description><item><title>{title}</title>"
    "<link>https://example.com/a</link><description>{text}</description></item></channel></rss>"
)


def feed_with(dtd: str, title: str, text: str) -> bytes:
    return f'<?xml version="1.0"?>\n<!DOCTYPE rss [{dtd}]>\n{ITEM.format(title=title, text=text)}'.encode()


def test_an_external_entity_is_neither_fetched_nor_read_from_disk(httpserver, tmp_path):
    httpserver.expect_request("/secret").respond_with_data("SECRET-FROM-THE-NETWORK")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-THE-DISK", encoding="utf-8")
    dtd = (
        f'<!ENTITY net SYSTEM "{httpserver.url_for("/secret")}">'
        f'<!ENTITY disk SYSTEM "{secret.as_uri()}">'
    )

    read = parse_feed(feed_with(dtd, "Launch &net;", "Body &disk;"), "https://example.com/f")
    (entry,) = read.entries

    seen = entry.title + entry.summary + entry.content
    assert "SECRET" not in seen
    assert httpserver.log == []


def test_nested_entities_are_not_expanded():
    dtd = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )

    (entry,) = parse_feed(feed_with(dtd, "Laughs &lol9;", "Body"), "https://example.com/f").entries

    assert len(entry.title) < 100  # a billion "lol"s would be 3 GB
