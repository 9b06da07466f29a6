"""The figures a text gives, by kind and in one written form: amounts, percentages, numbers.

"$240 million" and "$240m" are one amount; "$50" and "€50" are two. Story matching compares
the figures of two reports: the same amount in both is strong evidence of one event, and two
headlines with different amounts ("to $120", "to $130") report two events.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FIGURE = re.compile(
    r"(?P<cur>[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\b)\s?(?P<num>\d[\d.,]*)"
    r"(?:\s?(?P<mult>million|billion|thousand|bn|m|k)\b)?"
    r"|(?P<num2>\d[\d.,]*)(?:\s?(?P<mult2>million|billion|bn|m)\b)?"
    r"\s?(?P<cur2>[€£]|\b(?:USD|EUR|GBP|CHF|dollars|euros|pounds)\b)"
    r"|(?P<pnum>\d[\d.,]*)\s?(?:%|per ?cent\b|percent\b)"
    r"|(?P<plain>\d[\d.,]*)",
    re.IGNORECASE,
)
_CURRENCY = {"usd": "$", "dollars": "$", "eur": "€", "euros": "€", "gbp": "£", "pounds": "£"}
_MULTIPLIER = {"million": "m", "m": "m", "billion": "bn", "bn": "bn", "thousand": "k", "k": "k"}
KINDS = ("money", "percent", "number")
# A single digit ("1 January", "Phase 2") or a year ("by 2030") says nothing specific.
_UNSPECIFIC = re.compile(r"\d|(?:19|20)\d\d")


@lru_cache(maxsize=4096)
def figures(text: str) -> dict[str, frozenset[str]]:
    """The text's figures by kind: {"money": {"$240m"}, "percent": {"25%"}, "number": {"86"}}."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for match in _FIGURE.finditer(text):
        if match["num"] or match["num2"]:
            currency = (match["cur"] or match["cur2"]).lower()
            multiplier = (match["mult"] or match["mult2"] or "").lower()
            amount = _number(match["num"] or match["num2"])
            found["money"].add(
                _CURRENCY.get(currency, currency) + amount + _MULTIPLIER.get(multiplier, "")
            )
        elif match["pnum"]:
            found["percent"].add(_number(match["pnum"]) + "%")
        elif not _UNSPECIFIC.fullmatch(_number(match["plain"])):
            found["number"].add(_number(match["plain"]))
    return {kind: frozenset(values) for kind, values in found.items()}


def figures_conflict(a: str, b: str) -> bool:
    """Both texts give figures of one kind, and none of them is in both."""
    mine, theirs = figures(a), figures(b)
    return any(mine[kind] and theirs[kind] and not mine[kind] & theirs[kind] for kind in KINDS)


def _number(digits: str) -> str:
    """One form per number: no thousands separator, no trailing punctuation."""
    return re.sub(r",(?=\d{3}\b)", "", digits.rstrip(".,"))
