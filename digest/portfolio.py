"""The portfolio digest for leadership: revenue at risk by account, competitor activity, categories.

Exposure of an account in a week combines its three most threatening stories as independent
chances, each the square of its threat score: 1 - prod(1 - (score/100)^2). Squaring lets a strong
threat count and a weak one barely (0.9 -> 0.81, 0.3 -> 0.09), and stopping at three keeps a busy
week of minor news from looking like a crisis; nothing exceeds 1. Revenue at risk
is the account's yearly value x exposure x a renewal weight: 1.0 when the renewal falls within 90
days of the digest's send date, 0.75 within 180 days, 0.5 otherwise or when unknown. Accounts are ranked by
revenue at risk; exposed accounts without a value follow, by exposure; quiet accounts last.

A competitor's activity is the number of stories by or about it in the week; it is a spike when it
is at least SPIKE_MIN stories, at least twice its mean over the previous weeks, and at least two
standard deviations above that mean — and only once the store holds stories in at least
MIN_HISTORY_WEEKS of those previous weeks: against a week or two of history, a mean of 0.1 makes
every active competitor look like a spike.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from classifier.categories import load_categories
from digest.select import Digest

SPIKE_MIN = 3
MIN_HISTORY_WEEKS = 4
EXPOSURE_STORIES = 3
NEAR_RENEWAL_DAYS, FAR_RENEWAL_DAYS = 90, 180


@dataclass(frozen=True, slots=True)
class AccountExposure:
    account_id: str
    name: str
    owner: str
    stories: int
    top_score: int
    exposure: float  # 0..1
    value: float | None
    renewal: date | None
    at_risk: float | None  # value x exposure x renewal weight; None without a value
    top_title: str | None
    currency: str | None = None  # of value and at_risk, ISO 4217


@dataclass(frozen=True, slots=True)
class CompetitorActivity:
    competitor_id: str
    name: str
    stories: int
    baseline: float  # mean stories per week over the previous weeks
    is_spike: bool


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    heading: str
    count: int


@dataclass(frozen=True, slots=True)
class Portfolio:
    week: str
    timezone: str
    accounts: tuple[AccountExposure, ...]
    competitors: tuple[CompetitorActivity, ...]
    categories: tuple[CategoryCount, ...]
    baseline_weeks: int
    history_weeks: int = 0  # of the baseline weeks, those in which the store holds any story

    @property
    def has_history(self) -> bool:
        """Enough weeks with data to call a competitor's week a spike."""
        return self.history_weeks >= MIN_HISTORY_WEEKS

    @property
    def story_count(self) -> int:
        return sum(c.count for c in self.categories)

    @property
    def totals_at_risk(self) -> tuple[tuple[str | None, float], ...]:
        """Revenue at risk summed per currency (sums of two currencies mean nothing)."""
        totals: dict[str | None, float] = {}
        for a in self.accounts:
            if a.at_risk:
                totals[a.currency] = totals.get(a.currency, 0.0) + a.at_risk
        return tuple(totals.items())


@dataclass(frozen=True, slots=True)
class AccountStakes:
    """What the portfolio weighs an account's week by."""

    value: float | None
    renewal: date | None
    currency: str | None = None  # of value, ISO 4217


def build_portfolio(
    week: str,
    timezone: str,
    digests: Sequence[Digest],
    stakes: Mapping[str, AccountStakes],
    weekly_counts: Sequence[Mapping[str, int]],
    competitor_names: Mapping[str, str],
) -> Portfolio:
    """`weekly_counts` holds stories per company id for each week, oldest first, this week last."""
    accounts = sorted(
        (exposure_of(d, stakes.get(d.account_id, AccountStakes(None, None))) for d in digests),
        key=_account_rank,
    )
    *history, current = weekly_counts or [{}]
    with_data = sum(1 for counts in history if any(counts.values()))
    return Portfolio(
        week,
        timezone,
        tuple(accounts),
        competitor_activity(current, history, competitor_names, with_data >= MIN_HISTORY_WEEKS),
        category_counts(digests),
        len(history),
        with_data,
    )


def exposure_of(digest: Digest, stakes: AccountStakes) -> AccountExposure:
    scores = [e.story.score for g in digest.groups for e in g.entries]
    strongest = sorted(scores, reverse=True)[:EXPOSURE_STORIES]
    exposure = 1.0 - math.prod(1.0 - (min(max(s, 0), 100) / 100) ** 2 for s in strongest)
    at_risk = None
    if stakes.value is not None:
        at_risk = stakes.value * exposure * renewal_weight(stakes.renewal, digest)
    top = digest.top
    return AccountExposure(
        digest.account_id,
        digest.account_name,
        digest.owner,
        len(scores),
        digest.top_score,
        exposure,
        stakes.value,
        stakes.renewal,
        at_risk,
        top.story.title if top else None,
        stakes.currency,
    )


def renewal_weight(renewal: date | None, digest: Digest) -> float:
    if renewal is None or digest.sent_at is None:
        return 0.5
    days = (renewal - digest.sent_at.astimezone(ZoneInfo(digest.timezone)).date()).days
    if 0 <= days <= NEAR_RENEWAL_DAYS:
        return 1.0
    if 0 <= days <= FAR_RENEWAL_DAYS:
        return 0.75
    return 0.5


def competitor_activity(
    current: Mapping[str, int],
    history: Sequence[Mapping[str, int]],
    names: Mapping[str, str],
    has_history: bool = True,
) -> tuple[CompetitorActivity, ...]:
    """Competitors active this week, most active first, each against its own previous weeks.

    Without `has_history` (too few weeks with data) no week is called a spike.
    """
    found = []
    for competitor_id, name in names.items():
        count = current.get(competitor_id, 0)
        if not count:
            continue
        past = [week.get(competitor_id, 0) for week in history]
        mean = statistics.fmean(past) if past else 0.0
        spread = statistics.pstdev(past) if len(past) > 1 else 0.0
        is_spike = (
            has_history and count >= SPIKE_MIN and count >= 2 * mean and count >= mean + 2 * spread
        )
        found.append(CompetitorActivity(competitor_id, name, count, mean, is_spike))
    return tuple(sorted(found, key=lambda c: (-c.stories, c.name)))


def category_counts(digests: Sequence[Digest]) -> tuple[CategoryCount, ...]:
    """Stories linked to any account this week, by category, each story counted once."""
    seen: dict[str, str] = {}
    for digest in digests:
        for group in digest.groups:
            for entry in group.entries:
                seen[entry.story.story_id] = group.category
    counts = Counter(seen.values())
    categories = load_categories()
    return tuple(
        CategoryCount(name, spec.heading, counts[name])
        for name, spec in categories.items()
        if counts[name]
    ) + tuple(CategoryCount(n, n.title(), c) for n, c in counts.items() if n not in categories)


def _account_rank(a: AccountExposure) -> tuple[int, float, float, str]:
    # Money at risk first; then exposed accounts whose value is unknown; then the quiet ones.
    tier = 0 if (a.at_risk or 0.0) > 0 else (1 if a.exposure > 0 else 2)
    return (tier, -(a.at_risk or 0.0), -a.exposure, a.account_id)
