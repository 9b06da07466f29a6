"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement
from trafilatura.settings import Document as Extracted

from extractors.dates import from_text


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


def extract_article(html: str, url: str) -> Article | None:
    """The page's main content and metadata; None when it has no readable text."""
    if not html.strip():
        return None
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if not isinstance(result, Extracted) or not (result.text or "").strip():
        return None
    return Article(
        title=(result.title or "").strip(),
        text=(result.text or "").strip(),
        published_at=from_text(result.date),
        author=result.author or None,
        language=result.language or None,
        site_name=result.sitename or None,
        canonical_url=result.url or None,
        description=(result.description or "").strip(),
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary); plain text passes through."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root: HtmlElement = lxml.html.fromstring(fragment)
        return " ".join(root.text_content().split())
    except (ParserError, ValueError):
        return fragment.strip()
