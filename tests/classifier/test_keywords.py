"""The keyword baseline that every evaluation shows beside the model."""

from __future__ import annotations

import pytest

from classifier.categories import load_categories
from classifier.keywords import KeywordBaseline


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Acme appoints a new chief executive", "The board named Ana Ruiz.", "executive"),
        ("Acme to acquire Brisk", "The acquisition is worth $2 bln.", "partnership"),
        ("ACME RAISES PRICES", "Prices rise by 5 pct on Monday.", "pricing"),
        ("Quarterly results", "Net income rose to 12 cents a share.", "other"),
    ],
)
def test_the_category_with_most_keyword_hits_wins_and_none_is_other(title, text, expected):
    assert KeywordBaseline().label(title, text) == expected


def test_keywords_match_whole_words_only():
    assert KeywordBaseline().label("Finest coffee of the year", "A tasting.") == "other"


def test_every_event_category_has_keywords_and_other_has_none():
    categories = load_categories()

    assert not categories["other"].keywords
    assert all(spec.keywords for name, spec in categories.items() if name != "other")
