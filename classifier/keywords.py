"""The keyword baseline: what a list of obvious words per category would label, to show beside
the model in every evaluation. A model that does not beat it has learned nothing worth its cost.

Each category's `keywords` are matched as whole words, case-insensitively, in the title and the
lead; the category with the most hits wins (ties go to the registry's order), and an item with
no hit is `other`.
"""

from __future__ import annotations

import re
from collections import Counter

from classifier.categories import OTHER, load_categories

LEAD_WORDS = 120  # the model reads as much of the body


class KeywordBaseline:
    """Labels items by the keywords of each category."""

    def __init__(self) -> None:
        self._order = list(load_categories())
        words = {
            word.lower(): spec.name for spec in load_categories().values() for word in spec.keywords
        }
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self._category = words
        self._pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)

    def label(self, title: str, text: str) -> str:
        lead = " ".join(text.split()[:LEAD_WORDS])
        hits = Counter(self._category[m.lower()] for m in self._pattern.findall(f"{title}\n{lead}"))
        if not hits:
            return OTHER
        return max(hits, key=lambda name: (hits[name], -self._order.index(name)))
