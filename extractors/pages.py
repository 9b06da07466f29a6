"""Watched pages: their content as normalised lines, and what changed between two snapshots.

Trivial changes do not count: whitespace, the order of lines, years, dates and times (a footer's
copyright year, a "last updated" stamp). Parts a source lists as `ignore` selectors are left out;
`focus` selectors, when given, are the only parts compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import cast

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from price_parser import Price

from radar.records import PageChange

_BLOCKS = (
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "blockquote",
    "pre",
    "label",
    "button",
    "summary",
)
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_VOLATILE = [
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\b"),
    re.compile(
        r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}\b"
    ),
    re.compile(
        r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    ),
    re.compile(r"\b(?:19|20)\d{2}\b"),
]
_MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\b)\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF)\b)"
)


def page_lines(html: str, ignore: Sequence[str] = (), focus: Sequence[str] = ()) -> list[str]:
    """The page's text, one block per line, whitespace collapsed, ignored parts left out."""
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    for element in list(root.iter(*_DROP)):
        cast(HtmlElement, element).drop_tree()
    for selector in ignore:
        for element in list(root.cssselect(selector)):
            cast(HtmlElement, element).drop_tree()
    scopes = [el for selector in focus for el in root.cssselect(selector)] if focus else [root]
    lines: list[str] = []
    for scope in scopes:
        for element in scope.iter(*_BLOCKS):
            if any(child.tag in _BLOCKS for child in element.iterdescendants()):
                continue
            text = " ".join(cast(HtmlElement, element).text_content().split())
            if text:
                lines.append(text)
    return lines


def _stable(line: str) -> str:
    for pattern in _VOLATILE:
        line = pattern.sub("#", line)
    return " ".join(line.split()).casefold()


def compare_pages(before: Sequence[str], after: Sequence[str]) -> PageChange | None:
    """The meaningful change from `before` to `after`; None when nothing meaningful changed."""
    old, new = Counter(_stable(x) for x in before), Counter(_stable(x) for x in after)
    gone, came = old - new, new - old
    if not gone and not came:
        return None
    removed = tuple(dict.fromkeys(x for x in before if _stable(x) in gone))
    added = tuple(dict.fromkeys(x for x in after if _stable(x) in came))
    return PageChange(removed, added, tuple(price_moves(removed, added)))


def price_moves(removed: Sequence[str], added: Sequence[str]) -> list[str]:
    """'Pro: $49 → $59 per month' for each changed line whose amount moved."""
    moves = []
    for line in added:
        if not _MONEY.search(line):
            continue
        partner = max(
            removed,
            key=lambda old: SequenceMatcher(None, _unprice(old), _unprice(line)).ratio(),
            default=None,
        )
        if (
            partner is None
            or SequenceMatcher(None, _unprice(partner), _unprice(line)).ratio() < 0.6
        ):
            continue
        old_price, new_price = Price.fromstring(partner), Price.fromstring(line)
        if (
            old_price.amount is None
            or new_price.amount is None
            or old_price.amount == new_price.amount
        ):
            continue
        label = _unprice(line).strip(" :—-|") or "price"
        moves.append(f"{label}: {_money(partner)} → {_money(line)}")
    return moves


def _unprice(line: str) -> str:
    return " ".join(_MONEY.sub("", line).split())


def _money(line: str) -> str:
    match = _MONEY.search(line)
    return match[0].strip() if match else line
