from __future__ import annotations

from datetime import UTC, datetime

from classifier import threat
from classifier.accounts import LinkInput, link_accounts
from radar.records import AccountProfile

NOW = datetime(2026, 11, 26, tzinfo=UTC)
DELTA = AccountProfile(
    "delta-air-lines", "Delta Air Lines", ("starlink",), "aviation", stakeholders=("Maria Okafor",)
)
NAMES = {"delta-air-lines": "Delta Air Lines", "starlink": "Starlink"}


def item(category: str, title: str, mentioned: frozenset[str] = frozenset()) -> LinkInput:
    return LinkInput(
        title=title,
        text="",
        about="news",
        category=category,
        confidence=0.9,
        category_weight=0.8,
        mentioned=mentioned,
        dated_at=NOW,
    )


def test_a_stakeholder_in_an_executive_move_is_the_strongest_link_with_a_reason():
    (link,) = link_accounts(
        item("executive", "Maria Okafor to step down as head of procurement"),
        [DELTA],
        NAMES,
        {},
        NOW,
    )

    assert threat.STAKEHOLDER_MOVE in link.rules and link.score >= 95
    assert "Maria Okafor" in link.reasons[0]


def test_a_stakeholder_named_outside_an_executive_move_is_no_stakeholder_link():
    links = link_accounts(
        item("other", "Maria Okafor spoke at an aviation conference"), [DELTA], NAMES, {}, NOW
    )

    assert links == ()


def test_a_competitor_naming_the_account_is_linked_with_both_in_the_reason():
    (link,) = link_accounts(
        item("partnership", "Starlink to equip Delta Air Lines jets", frozenset(NAMES)),
        [DELTA],
        NAMES,
        {},
        NOW,
    )

    assert link.rules[0] == threat.COMPETITOR_NAMES_ACCOUNT
    assert "Starlink, a competitor for Delta Air Lines, names Delta Air Lines" in link.reasons[0]
