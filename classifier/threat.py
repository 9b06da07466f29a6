"""Threat score of one item for one account: a small function of why it is linked and how sure we are.

score = base(strongest rule) x category x confidence x source x recency, plus an account's stakes
(its yearly value, a renewal coming up), clamped to 0..100; a stakeholder move is never below 95.
Every factor that moved the score is also said in words, so a manager can see why.
classifier/MODEL_CARD.md gives the table of factors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from babel.numbers import format_currency

from radar.records import ABOUT_NEWS, ABOUT_REGULATOR

MENTIONS_ACCOUNT = "mentions account"
WATCHED_COMPETITOR = "watched competitor"
INDUSTRY_REGULATION = "industry regulation"
ACCOUNT_NEWS = "account news"
STAKEHOLDER_MOVE = "stakeholder move"
COMPETITOR_NAMES_ACCOUNT = "competitor names account"

# The base of each rule: how much an item linked only by it threatens the account.
RULE_BASE = {
    STAKEHOLDER_MOVE: 95.0,
    COMPETITOR_NAMES_ACCOUNT: 90.0,
    MENTIONS_ACCOUNT: 60.0,
    WATCHED_COMPETITOR: 55.0,
    ACCOUNT_NEWS: 50.0,
    INDUSTRY_REGULATION: 45.0,
}
# Who tells us: the company itself (its newsroom, feed or pricing page) and a regulator are first
# hand; the news reports at second hand and can be wrong or late.
FIRST_HAND, REGULATOR, NEWS = "first hand", ABOUT_REGULATOR, ABOUT_NEWS
SOURCE_WEIGHT = {FIRST_HAND: 1.0, REGULATOR: 1.0, NEWS: 0.9}
RENEWAL_WINDOW_DAYS = 180
MAX_RENEWAL_BONUS = 12.0
MAX_VALUE_BONUS = 8.0


@dataclass(frozen=True, slots=True)
class ThreatFactors:
    rules: tuple[str, ...]
    category_weight: float  # 0..1, from the category registry
    confidence: float  # 0..1, the model's score for the chosen category
    dated_at: datetime
    now: datetime
    value: float | None = None
    currency: str = "USD"  # of `value`, ISO 4217
    renewal: date | None = None
    source: str = FIRST_HAND  # FIRST_HAND | REGULATOR | NEWS


def source_standing(about: str) -> str:
    """How directly a source tells of an event, from what it is about (SPEC.md's `about`)."""
    return about if about in (REGULATOR, NEWS) else FIRST_HAND


def score_threat(f: ThreatFactors) -> tuple[int, tuple[str, ...]]:
    """The score (0..100) and the extra reasons (stakes, age) that moved it."""
    base = max(RULE_BASE[rule] for rule in f.rules)
    # A category only half-decides: an "other" item that names the account still matters.
    category = 0.5 + 0.5 * f.category_weight
    confidence = 0.75 + 0.25 * min(max(f.confidence, 0.0), 1.0)
    age_days = max((f.now - f.dated_at).total_seconds() / 86400, 0.0)
    recency = 1.0 if age_days <= 14 else max(0.5, 1.0 - (age_days - 14) / 120)
    source = SOURCE_WEIGHT.get(f.source, 1.0)
    score = base * category * confidence * source * recency
    reasons: list[str] = []
    if source < 1.0:
        reasons.append("it is reported by the news, not by the company or a regulator")
    bonus = _renewal_bonus(f.renewal, f.now.date())
    if bonus:
        # No day count: a stored reason is read for weeks, and the digest counts from its own date.
        reasons.append(f"the renewal on {f.renewal:%d %b %Y} is near")
        score += bonus
    if f.value and f.value >= 100_000:
        score += min(MAX_VALUE_BONUS, 2.5 * math.log10(f.value / 100_000) + 2)
        worth = format_currency(f.value, f.currency, "¤#,##0", locale="en", currency_digits=False)
        reasons.append(f"the account is worth {worth} a year")
    if recency < 1.0:
        reasons.append(f"it is {int(age_days)} days old")
    if STAKEHOLDER_MOVE in f.rules:
        score = max(score, 95.0)
    return round(min(max(score, 0.0), 100.0)), tuple(reasons)


def _renewal_bonus(renewal: date | None, today: date) -> float:
    if renewal is None:
        return 0.0
    days = (renewal - today).days
    if days < 0 or days > RENEWAL_WINDOW_DAYS:
        return 0.0
    return MAX_RENEWAL_BONUS * (1.0 - days / RENEWAL_WINDOW_DAYS) + 2.0
