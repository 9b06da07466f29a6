"""Fuzzing the feed parsers: a malformed feed is "not a feed", a malformed entry only itself."""

from __future__ import annotations

import json
from html import escape

from hypothesis import given
from hypothesis import strategies as st

from crawler.jsonfeed import parse_json_feed
from extractors.feed import FeedRead, parse_feed
from radar.errors import ExtractionError
from tests.fuzz import UNTRUSTED_TEXT, fuzz

URL = "https://orbitnet.example/feed"
RSS_TAGS = ["title", "link", "description", "guid", "pubDate", "author", "category", "comments"]
ATOM_TAGS = ["title", "id", "summary", "content", "updated", "published", "author"]
ITEM_KEYS = ["id", "url", "external_url", "title", "content_html", "content_text", "summary",
             "date_published", "date_modified", "author", "authors"]  # fmt: skip


def read(body: bytes, content_type: str = "") -> FeedRead | None:
    """The feed as read, None for "not a feed"; any other exception fails the test."""
    try:
        return parse_feed(body, URL, content_type)
    except ExtractionError:
        return None


def assert_well_formed(read: FeedRead | None) -> None:
    for entry in read.entries if read else []:
        assert isinstance(entry.title, str) and isinstance(entry.entry_id, str)
        assert entry.link is None or entry.link.startswith(("http://", "https://"))


@st.composite
def rss_or_atom(draw: st.DrawFn) -> bytes:
    """An RSS or Atom document whose entries hold untrusted text, escaped or not."""
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        fields = draw(st.lists(st.tuples(st.sampled_from(ATOM_TAGS if atom else RSS_TAGS),
                                         UNTRUSTED_TEXT, st.booleans()), max_size=5))  # fmt: skip
        inner = "".join(f"<{t}>{escape(v) if esc else v}</{t}>" for t, v, esc in fields)
        entries.append(f"<entry>{inner}</entry>" if atom else f"<item>{inner}</item>")
    body = (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{"".join(entries)}</feed>'
        if atom
        else f'<rss version="2.0"><channel><title>t</title>{"".join(entries)}</channel></rss>'
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "euc_jp", "koi8_r", "cp1252"]))
    return body.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace")


@fuzz(40)
@given(
    rss_or_atom(),
    st.sampled_from(["", "application/rss+xml; charset=utf-8", "text/xml; charset=bogus"]),
)
def test_any_rss_or_atom_document_is_read_or_is_not_a_feed(body, content_type):
    assert_well_formed(read(body, content_type))


@fuzz(40)
@given(st.binary(max_size=300) | UNTRUSTED_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_feed_or_not_a_feed(body):
    assert_well_formed(read(body))


def test_an_empty_body_is_not_a_feed():
    assert read(b"") is None


def test_an_entry_with_a_reference_to_no_character_costs_the_feed_nothing():
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>&#xD800; &#0;</title></item>'
        b"<item><title>Orbitnet opens a lab</title></item></channel></rss>"
    )

    feed = read(body)

    assert feed is not None
    assert [e.title for e in feed.entries] == ["\ufffd \ufffd", "Orbitnet opens a lab"]


def json_read(body: bytes) -> FeedRead | None:
    try:
        return parse_json_feed(body, URL, "application/feed+json")
    except ExtractionError:
        return None


JSON_KEYS = st.sampled_from([*ITEM_KEYS, "name"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | UNTRUSTED_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(JSON_KEYS, inner, max_size=4),
    max_leaves=8,
)


@fuzz(40)
@given(st.lists(st.dictionaries(st.sampled_from(ITEM_KEYS), JSON_VALUES, max_size=6), max_size=4))
def test_any_json_feed_items_are_read_each_on_its_own(items):
    document = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    body = json.dumps(document).encode()

    feed = json_read(body)

    assert feed is not None, "a JSON Feed with any items is a feed"
    assert len(feed.entries) + len(feed.problems) == len(items)
    assert_well_formed(feed)


@fuzz(50)
@given(st.binary(max_size=200) | UNTRUSTED_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_json_feed_or_not_one(body):
    assert_well_formed(json_read(body))


def test_a_json_feed_item_whose_url_no_parser_reads_loses_only_itself():
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "broken", "url": "http://[x/", "title": "Broken link", "content_text": "a"},
            {"id": "fine", "url": "/news/lab", "title": "Orbitnet opens a lab", "content_text": "b"},
        ],
    }).encode()  # fmt: skip

    feed = json_read(body)

    assert feed is not None
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Broken link", None),
        ("Orbitnet opens a lab", "https://orbitnet.example/news/lab"),
    ]


def test_a_json_feed_item_that_is_no_object_is_left_out_with_its_reason():
    body = b'{"version": "https://jsonfeed.org/version/1", "items": [42, {"id": "a", "title": "Kept"}]}'

    feed = json_read(body)

    assert feed is not None
    assert [e.title for e in feed.entries] == ["Kept"]
    assert feed.problems and feed.problems[0].startswith("item 1 left out")
