"""Text of an HTML fragment (a feed entry's summary or content), with lxml alone.

Apart from extractors/html.py, which loads trafilatura: feeds are read in the crawling process,
which leaves whole pages to the workers and need not import what extracts them.
"""

from __future__ import annotations

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary); plain text passes through."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root: HtmlElement = lxml.html.fromstring(fragment)
        return " ".join(root.text_content().split())
    except (ParserError, ValueError):
        return fragment.strip()
