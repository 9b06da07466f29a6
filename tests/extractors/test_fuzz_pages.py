"""Fuzzing what reads pages: any HTML is read or found empty, and compared, never a traceback."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from hypothesis import given
from hypothesis import strategies as st

from extractors.fragment import html_to_text
from extractors.html import extract_article
from extractors.page_diff import compare_pages
from extractors.pages import page_lines
from tests.fuzz import UNTRUSTED_TEXT, fuzz

MARKUP = st.sampled_from(
    ["<main>", "</main>", "<p>", "</p>", "<h2>", "</h2>", "<table><tr><td>", "</td></tr></table>",
     "<li>", "<script>", "</script>", "<style>", "<!-- ", " -->", "<?pi x?>", "<br>", "$49",
     "<div hidden>", "</div>", '<a href="javascript:alert(1)">', "</a>", "<title>", "</title>",
     "<?xml version='1.0' encoding='utf-8'?>", "<html lang='ja'>", "<meta charset='koi8-r'>"]
)  # fmt: skip
HTML = st.lists(MARKUP | UNTRUSTED_TEXT, max_size=25).map("".join)


@fuzz(80)
@given(HTML, HTML)
def test_any_two_versions_of_a_watched_page_are_read_and_compared(before, after):
    old, new = page_lines(before), page_lines(after)

    assert all(isinstance(line, str) and line for line in old + new)
    compare_pages(old, new)


@fuzz(80)
@given(HTML)
def test_any_feed_fragment_is_plain_text(fragment):
    text = html_to_text(fragment)

    assert text == text.strip()
    assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in text), "no control characters"


@fuzz(100)
@given(UNTRUSTED_TEXT, UNTRUSTED_TEXT)
def test_the_code_of_scripts_and_styles_in_a_feed_fragment_is_never_text(before, after):
    fragment = (
        f"<p>{escape(before)}</p><script>steal()</script><style>.hide {{}}</style>"
        f"<noscript>enable()</noscript><p>{escape(after)}</p>"
    )

    text = html_to_text(fragment)

    assert "steal()" not in text and ".hide" not in text and "enable()" not in text


@fuzz(20)
@given(HTML)
def test_any_page_is_extracted_or_found_empty(html):
    article = extract_article(
        html, "https://orbitnet.example/news/a", datetime(2026, 11, 20, tzinfo=UTC)
    )

    assert article is None or article.text.strip()


def test_a_control_character_beside_a_comment_leaves_the_watched_page_readable():
    # One stray byte after a dropped comment or script made lxml refuse the page outright, and
    # with it every later change of the page.
    page = "<main><p>Pro $49</p><!-- promo -->\x0c<p>Team $99</p><script>x</script>&#1;</main>"

    assert page_lines(page) == ["Pro $49", "Team $99"]


def test_a_page_that_is_only_a_comment_has_no_lines():
    assert page_lines("\x85<!-- nothing else") == []
