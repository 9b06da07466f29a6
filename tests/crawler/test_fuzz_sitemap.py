"""Fuzzing sitemaps: any body is a sitemap, an index or neither; its entries' dates never raise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from scrapy.utils.sitemap import Sitemap

from crawler.spiders.sitemap import _sitemap_type, _valid_utf8
from extractors.dates import from_text
from extractors.urls import canonical_url
from tests.fuzz import UNTRUSTED_TEXT, fuzz

TAGS = st.sampled_from(["loc", "lastmod", "changefreq", "priority", "news:publication_date"])


@st.composite
def sitemaps(draw: st.DrawFn) -> bytes:
    kind, entry = draw(st.sampled_from([("urlset", "url"), ("sitemapindex", "sitemap")]))
    entries = "".join(
        f"<{entry}>"
        + "".join(
            f"<{t}>{v}</{t}>"
            for t, v in draw(st.lists(st.tuples(TAGS, UNTRUSTED_TEXT), max_size=4))
        )
        + f"</{entry}>"
        for _ in range(draw(st.integers(0, 3)))
    )
    body = f'<?xml version="1.0"?><{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{kind}>'
    return body.encode("utf-8", "surrogatepass")


@fuzz(100)
@given(sitemaps() | st.binary(max_size=200))
def test_any_sitemap_body_is_read_or_refused_and_its_entries_are_keyed_and_dated(body):
    body = _valid_utf8(body)
    if _sitemap_type(body) not in {"urlset", "sitemapindex"}:
        return
    for entry in Sitemap(body):
        canonical_url(entry.get("loc", ""))
        from_text(entry.get("lastmod"))


def test_a_sitemap_entry_whose_url_no_parser_reads_has_a_key_all_the_same():
    assert canonical_url("http://[x/") == "http://[x/"


def test_a_body_with_no_element_is_no_sitemap():
    assert _sitemap_type(b"not xml at all") is None


def test_a_sitemap_entry_naming_no_character_loses_only_itself():
    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://orbitnet.example/&#xD800;</loc></url>"
        b"<url><loc>https://orbitnet.example/news/lab</loc></url></urlset>"
    )

    locs = [entry["loc"] for entry in Sitemap(_valid_utf8(body))]

    assert locs == ["https://orbitnet.example/\ufffd", "https://orbitnet.example/news/lab"]
