"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import ftfy
import py3langid
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document as Extracted

from extractors.dates import from_text
from extractors.scripts import word_count

# The page's own H1s, not those of a dialog over it (a cookie banner's "Cookies").
_OWN_H1 = (
    "//h1[not(ancestor::dialog or ancestor::*[@role='dialog' or @role='alertdialog'"
    " or @aria-modal='true'])]"
)
_MAX_HEADINGS = 5

# Below this many words a language guess is a coin toss. The guess reads the first characters
# only: a thousand tell the language as well as the whole text, at a fraction of the cost.
_LANGUAGE_MIN_WORDS = 12
_LANGUAGE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    text: str
    published_at: datetime | None
    author: str | None
    language: str | None
    site_name: str | None
    canonical_url: str | None
    description: str
    # What the page says it is, for telling an article from a cookie policy (page_kind.py).
    page_title: str = ""
    headings: tuple[str, ...] = ()
    page_type: str | None = None


def extract_article(html: str, url: str, fetched_at: datetime | None = None) -> Article | None:
    """The page's main content and metadata; None when it has no readable text.

    The language is the page's declared one, else the text's. The date is the page's own (its metadata, structured data); failing that, htmldate's best
    reading of the URL and the text, never later than `fetched_at`.
    """
    tree = trafilatura.load_html(html) if html.strip() else None
    if tree is None:
        return None
    declared = _declared_language(tree)  # read now: extraction prunes the tree it is given
    page_title, headings = _page_title(tree), _headings(tree)  # likewise
    date_params: dict[str, object] = {"extensive_search": True, "original_date": True}
    if fetched_at is not None:
        date_params["max_date"] = fetched_at.date().isoformat()
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=date_params,
    )
    if not isinstance(result, Extracted) or not (result.text or "").strip():
        return None
    text = _fixed(result.text)
    return Article(
        title=_fixed(result.title),
        text=text,
        published_at=from_text(result.date),
        author=_fixed(result.author) or None,
        language=declared or text_language(text),
        site_name=_fixed(result.sitename) or None,
        canonical_url=result.url or None,
        description=_fixed(result.description),
        page_title=page_title,
        headings=headings,
        page_type=result.pagetype or None,
    )


def text_language(text: str) -> str | None:
    """The language of a text (py3langid), when it is long enough to tell."""
    if word_count(text) < _LANGUAGE_MIN_WORDS:
        return None
    language, _score = py3langid.classify(text[:_LANGUAGE_CHARS])
    return str(language)


def _declared_language(tree: HtmlElement) -> str | None:
    """What the page says it is written in: `<html lang>`, or its content-language header."""
    declared = tree.get("lang") or ""
    if not declared:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content") or ""
    code = declared.split(",")[0].strip().split("-")[0].lower()
    return code or None


def _page_title(tree: HtmlElement) -> str:
    titles = tree.xpath("(//head/title)[1]")
    return _fixed(" ".join(titles[0].text_content().split())) if titles else ""


def _headings(tree: HtmlElement) -> tuple[str, ...]:
    found = (" ".join(h1.text_content().split()) for h1 in tree.xpath(_OWN_H1)[:_MAX_HEADINGS])
    return tuple(_fixed(text) for text in found if text)


def _fixed(value: str | None) -> str:
    """Mojibake from a wrong charset undone (ftfy): "PrÃ¤sident" reads "Präsident" again."""
    return str(ftfy.fix_encoding(value or "")).strip()
