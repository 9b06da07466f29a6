"""Text of an HTML fragment (a feed entry's summary or content), with lxml alone.

Apart from extractors/html.py, which loads trafilatura: feeds are read in the crawling process,
which leaves whole pages to the workers and need not import what extracts them.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

# Characters that XML, and so lxml, refuses in text: C0 controls but tab and line ends, lone
# surrogates, and the two non-characters. A page may hold them; no reader sees them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Code that is no part of what a reader sees (comments are never part of lxml's text).
_NOT_TEXT = "//script | //style | //noscript | //template"
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
# Elements after which a reader sees a break: their text never runs into the next one's.
_BREAKS = (
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


def html_to_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: entities decoded once, scripts and styles gone."""
    if "<" not in fragment and "&" not in fragment:
        return xml_safe(fragment).strip()
    try:
        # As UTF-8 bytes, with the parser told so: lxml refuses a str with an XML declaration.
        data = xml_safe(fragment).encode("utf-8")
        # A whole document, not a fragment: lxml's fragment reader asserts on `<html>` inside.
        root: HtmlElement = lxml.html.document_fromstring(data, parser=_PARSER)
    except (ParserError, ValueError):
        return ""  # nothing an HTML parser reads as a document: no text (a comment, spaces)
    xml_safe_tree(root)
    for element in root.xpath(_NOT_TEXT):
        element.drop_tree()
    for element in root.iterdescendants(*_BREAKS):
        element.tail = " " + (element.tail or "")
    return " ".join(root.text_content().split())


def xml_safe(text: str) -> str:
    """The text without the characters lxml refuses once a tree is edited (see _NOT_XML)."""
    return _NOT_XML.sub("", text)


def xml_safe_tree(root: HtmlElement) -> None:
    """The tree's text made XML-safe, so that it can be edited: the parser decodes `&#1;` into a
    character that lxml then refuses to move when an element is dropped."""
    for node in root.iter():
        if node.text and _NOT_XML.search(node.text):
            node.text = xml_safe(node.text)
        if node.tail and _NOT_XML.search(node.tail):
            node.tail = xml_safe(node.tail)
