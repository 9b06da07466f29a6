"""A watched page's main content as lines of text, the form in which snapshots are compared.

Each run of inline content (a paragraph, a list item, a table cell, the text of a `<div>`) is one
line; headings are kept as lines marked with `#`, one per level ("## Pro"), so that a change can
be told with the plan or section it is in. Only the main content counts: the `<main>` element
when the page has one; never navigation, header, footer, sidebars, cookie banners, hidden parts,
quotes and testimonials (which rotate without meaning anything). A source's `ignore` selectors
leave more out; its `focus` selectors, when given, are the only parts read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import cast

import ftfy
import lxml.html
from lxml.etree import ParserError, _Comment, _ProcessingInstruction
from lxml.html import HtmlElement

from extractors.fragment import xml_safe, xml_safe_tree

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
    "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr", "font", "strike", "big", "tt", "label", "output", "meter",
}  # fmt: skip
# Never the page's content, whatever the page: code, media, chrome, quotes.
_DROP_TAGS = (
    "head", "script", "style", "noscript", "template", "svg", "iframe", "canvas", "video",
    "audio", "object", "form", "nav", "aside", "dialog", "blockquote",
    "button", "select", "input", "textarea",
)  # fmt: skip
_CONTENT = {"main", "article", "section", "li", "td"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"}
# Class or id words of parts that change on every visit or say nothing about the offer.
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:cookie|cookies|consent|gdpr|testimonials?|quotes?|carousel|slider|"
    r"reviews?|ticker|marquee|breadcrumbs?|share|social|newsletter|advert|ads?)(?:$|[-_\s])",
    re.IGNORECASE,
)
_HEADING_MARK = re.compile(r"^(#{1,6}) ")


def page_lines(html: str, ignore: Sequence[str] = (), focus: Sequence[str] = ()) -> list[str]:
    """The page's main content, one line per block of text, headings marked with `#`."""
    try:
        root = lxml.html.fromstring(xml_safe(html))
    except (ParserError, ValueError):
        return []
    if not isinstance(root.tag, str):
        return []  # a page that is one comment or processing instruction has no content
    xml_safe_tree(root)
    _drop(root, ignore)
    scopes = [el for selector in focus for el in root.cssselect(selector)] if focus else []
    if not scopes:
        scopes = root.cssselect("main, [role=main]")[:1] or [root]
    return [line for scope in scopes for line in _lines(scope)]


def heading_level(line: str) -> int:
    """1-6 for a heading line, 0 for any other."""
    mark = _HEADING_MARK.match(line)
    return len(mark[1]) if mark else 0


def heading_text(line: str) -> str:
    return _HEADING_MARK.sub("", line)


def _drop(root: HtmlElement, ignore: Sequence[str]) -> None:
    doomed = [el for selector in ignore for el in root.cssselect(selector)]
    doomed += [el for el in root.iter() if _is_dropped(el)]
    for element in doomed:
        if element.getparent() is not None:
            cast(HtmlElement, element).drop_tree()


def _is_dropped(node: object) -> bool:
    if isinstance(node, _Comment | _ProcessingInstruction):
        return True
    element = cast(HtmlElement, node)
    if element.tag in _DROP_TAGS or _is_chrome(element):
        return True
    # The site's header and footer go; a plan card's own header stays.
    return element.tag in ("header", "footer") and not _in_content(element)


def _in_content(element: HtmlElement) -> bool:
    return any(a.tag in _CONTENT for a in element.iterancestors())


def _is_chrome(element: HtmlElement) -> bool:
    get = element.get
    if get("hidden") is not None or get("aria-hidden") == "true" or get("role") in _DROP_ROLES:
        return True
    style = (get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool(_CHROME.search(f"{get('class') or ''} {get('id') or ''}"))


def _fixed(text: str) -> str:
    """Text as it was meant: mojibake from a wrong charset undone (ftfy), so it never differs."""
    return str(ftfy.fix_encoding(text))


def _lines(scope: HtmlElement) -> Iterator[str]:
    """Runs of inline text, split where a block element starts or ends."""
    run: list[str] = []

    def flush() -> Iterator[str]:
        text = " ".join(" ".join(run).split())
        run.clear()
        if text:
            yield _fixed(text)

    def walk(element: HtmlElement) -> Iterator[str]:
        if element.tag == "tr":
            # A table row is one line, its cells apart: "Pro | $49 | 10 users".
            yield from flush()
            cells = (" ".join(c.text_content().split()) for c in element if c.tag in ("td", "th"))
            text = " | ".join(c for c in cells if c)
            if text:
                yield _fixed(text)
            return
        if element.tag in HEADINGS:
            yield from flush()
            text = " ".join(element.text_content().split())
            if text:
                yield "#" * HEADINGS[element.tag] + " " + _fixed(text)
            return
        run.append(element.text or "")
        for child in element:
            if child.tag in _INLINE:
                run.append(child.text_content())
            else:
                yield from flush()
                yield from walk(child)
                yield from flush()
            run.append(child.tail or "")

    yield from walk(scope)
    yield from flush()
