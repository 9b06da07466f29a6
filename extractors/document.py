"""A fetched page or feed entry into one Document."""

from __future__ import annotations

from urllib.parse import urlsplit

from extractors.fingerprint import text_fingerprint
from extractors.html import Article, extract_article, text_language
from extractors.page_kind import NotAnArticle, PageSignals, recognise_non_article
from extractors.scripts import word_count
from extractors.urls import canonical_url, web_url
from radar.records import Document, Fetched

SUMMARY_CHARS = 300
# Fewer words than this are no article: what is left of a page that had nothing to read.
MIN_WORDS = 8
# An article page with fewer words than this is a teaser, a paywall or a script-only shell.
THIN_WORDS = 40


def to_document(fetched: Fetched) -> Document | NotAnArticle | None:
    """The document a fetched page (and its feed entry, if any) carries; None when it has no text,
    NotAnArticle when the page is no news (a cookie policy, a soft 404: extractors/page_kind.py).

    A feed entry is judged by its page only: when that is no article, the entry's own text, if
    it has any, is the document, at the entry's link; an entry with a title and nothing else is
    a document of its title alone.
    """
    article, not_article = _read_page(fetched)
    entry = fetched.entry
    entry_text = (entry.content or entry.summary) if entry else ""
    if article is None and not entry_text and not (entry and entry.title):
        return not_article  # a title alone is an item: regulators' and wires' feeds are often so
    url = (entry.link if entry and not_article else None) or fetched.url
    use_entry = _entry_reads_better(article, entry_text)
    text = entry_text if use_entry or article is None else article.text
    title = (entry.title if entry and entry.title else "") or (article.title if article else "")
    published = (entry.published_at if entry else None) or (
        article.published_at if article else None
    )
    summary = (entry.summary if entry else "") or (article.description if article else "")
    return Document(
        source_id=fetched.source_id,
        source_kind=fetched.source_kind,
        about=fetched.about,
        url=canonical_url(_own_canonical(url, article)),
        title=title or _first_words(text),
        text=text,
        fetched_at=fetched.fetched_at,
        published_at=published,
        summary=_shorten(summary or text),
        author=(entry.author if entry else None) or (article.author if article else None),
        language=text_language(text or title) if use_entry or article is None else article.language,
        site_name=article.site_name if article else None,
        entry_id=entry.entry_id if entry else None,
        fingerprint=text_fingerprint(text),
    )


def _read_page(fetched: Fetched) -> tuple[Article | None, NotAnArticle | None]:
    """The page's article; or None, with what the page is when it says it is no article."""
    article = (
        extract_article(fetched.body, fetched.url, fetched.fetched_at) if fetched.body else None
    )
    if article is None or word_count(article.text) < MIN_WORDS:
        return None, None  # a menu or a button label is all the extractor could find
    signals = PageSignals(fetched.url, article.page_title, article.headings, article.page_type)
    not_article = recognise_non_article(signals)
    return (None, not_article) if not_article else (article, None)


def _entry_reads_better(article: Article | None, entry_text: str) -> bool:
    """The feed entry's text stands in for an article page that is missing, thin or shorter."""
    if not entry_text:
        return False
    if article is None or word_count(article.text) < THIN_WORDS:
        return True
    return len(entry_text) > len(article.text)


def _own_canonical(url: str, article: Article | None) -> str:
    """The page's declared canonical URL, trusted only as an http(s) URL on the page's own host."""
    declared = web_url(article.canonical_url) if article else None
    if declared and urlsplit(declared).hostname == urlsplit(url).hostname:
        return declared
    return url


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _first_words(text: str) -> str:
    return _shorten(text.split("\n", 1)[0])[:120]
