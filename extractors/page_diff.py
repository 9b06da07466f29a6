"""What changed on a watched page between two snapshots, told with the section it is in.

Trivial changes do not count: whitespace and case, the order of lines within a section, years,
dates and times (a footer's copyright year, a "last updated" stamp, "3 hours ago"). A changed
line is paired with the line it replaced in the same section; a pair whose amount moved is a
price move ("Pro: $49 → $59 per month", the plan's name taken from the heading above the
price when the line itself has none), any other pair an edit ("Starter: “5 GB” → “3 GB”").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from price_parser import Price
from rapidfuzz import fuzz

from extractors.pages import heading_level, heading_text
from radar.records import PageChange

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_VOLATILE = [
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
    re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTHS}(?:,?\s+\d{{4}})?", re.IGNORECASE),
    re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?", re.IGNORECASE),
    re.compile(r"\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b", re.IGNORECASE),
    re.compile(r"\b(?:19|20)\d{2}\b"),
]
_MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\b)\s?\d[\d.,]*"
    r"|\d[\d.,]*\s?(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF)\b)"
)
# rapidfuzz ratio (0-100) from which a new line is taken as the edit of a removed one.
_SAME_LINE = 60.0
_QUOTE = "“{}”"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    section: str  # the nearest heading above it; "" at the top of the page

    @property
    def key(self) -> tuple[str, str]:
        return stable(self.section), stable(self.text)


def stable(line: str) -> str:
    """The line as compared: volatile tokens masked, whitespace collapsed, case folded."""
    for pattern in _VOLATILE:
        line = pattern.sub("#", line)
    return " ".join(line.split()).casefold()


def compare_pages(before: Sequence[str], after: Sequence[str]) -> PageChange | None:
    """The meaningful change from `before` to `after`; None when nothing meaningful changed."""
    old, new = _sectioned(before), _sectioned(after)
    old_keys, new_keys = Counter(x.key for x in old), Counter(x.key for x in new)
    gone_keys, came_keys = old_keys - new_keys, new_keys - old_keys
    if not gone_keys and not came_keys:
        return None
    gone = list({x.key: x for x in old if x.key in gone_keys}.values())
    came = list({x.key: x for x in new if x.key in came_keys}.values())
    prices, edits = _describe(gone, came)
    return PageChange(
        removed=tuple(heading_text(x.text) for x in gone),
        added=tuple(heading_text(x.text) for x in came),
        prices=tuple(prices),
        edits=tuple(edits),
    )


def _sectioned(lines: Sequence[str]) -> list[_Line]:
    section, out = "", []
    for line in lines:
        if heading_level(line):
            section = heading_text(line)
            out.append(_Line(line, ""))  # headings compare alone: sections may change order
        else:
            out.append(_Line(line, section))
    return out


def _describe(gone: list[_Line], came: list[_Line]) -> tuple[list[str], list[str]]:
    prices: list[str] = []
    edits: list[str] = []
    unpaired = list(gone)
    for line in came:
        partner = _partner(line, unpaired)
        if partner is None:
            edits.append(_labelled(line.section, "added " + _QUOTE.format(heading_text(line.text))))
            continue
        unpaired.remove(partner)
        move = price_move(partner.text, line.text, line.section)
        if move:
            prices.append(move)
        elif stable(partner.text) == stable(line.text):
            what = f"{_QUOTE.format(line.text)}, moved from {partner.section or 'the top'}"
            edits.append(_labelled(line.section, what))
        else:
            old, new = heading_text(partner.text), heading_text(line.text)
            edits.append(_labelled(line.section, f"{_QUOTE.format(old)} → {_QUOTE.format(new)}"))
    for line in unpaired:
        edits.append(_labelled(line.section, "removed " + _QUOTE.format(heading_text(line.text))))
    return prices, edits


def _partner(line: _Line, candidates: list[_Line]) -> _Line | None:
    """The removed line this one most likely replaced: alike once amounts are left out."""
    best, best_score = None, _SAME_LINE
    for other in candidates:
        if bool(heading_level(other.text)) != bool(heading_level(line.text)):
            continue
        score = fuzz.ratio(_unpriced(stable(other.text)), _unpriced(stable(line.text)))
        if other.section == line.section:
            score += 10  # in the same plan or section: most likely its new version
        if score >= best_score:
            best, best_score = other, score
    return best


def price_move(old: str, new: str, section: str = "") -> str | None:
    """'Pro: $49 → $59 per month' when the line's amount moved; None when it did not."""
    old_money, new_money = _MONEY.search(old), _MONEY.search(new)
    if not old_money or not new_money:
        return None
    old_price, new_price = Price.fromstring(old_money[0]), Price.fromstring(new_money[0])
    if old_price.amount is None or new_price.amount is None:
        return None
    if old_price.amount == new_price.amount and old_price.currency == new_price.currency:
        return None
    prefix = new[: new_money.start()].strip(" :—–-|")
    suffix = new[new_money.end() :].strip()
    if suffix.startswith("|"):
        suffix = "(" + suffix.strip(" |").replace(" | ", ", ") + ")"  # the row's other cells
    label = prefix or section or "Price"
    if prefix and section and section.casefold() not in prefix.casefold():
        label = f"{section}, {prefix}"
    move = f"{label}: {old_money[0].strip()} → {new_money[0].strip()}"
    return f"{move} {suffix}" if suffix else move


def _unpriced(line: str) -> str:
    return " ".join(_MONEY.sub("", line).split())


def _labelled(section: str, what: str) -> str:
    return f"{section}: {what}" if section else what[:1].upper() + what[1:]
