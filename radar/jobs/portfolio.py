"""The weekly portfolio digest for leadership: built from the store, sent once like the others."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from digest.message import compose, message_id
from digest.portfolio import AccountStakes, Portfolio, build_portfolio
from digest.render import render_portfolio_html, render_portfolio_text
from digest.week import parse_week, week_bounds
from radar.config.loader import LoadedConfig
from radar.jobs.digests import (
    Outcome,
    SmtpCredentials,
    collect_digests,
    deliver_items,
    digest_sent_at,
    outgoing,
    sender_of,
    template_environment,
)
from radar.store.queries import company_story_dates
from radar.store.store import Store

PORTFOLIO_KEY = "_portfolio"  # its send-log key and outbox name: no account id starts with "_"
BASELINE_WEEKS = 8


@dataclass(frozen=True, slots=True)
class BuiltPortfolio:
    portfolio: Portfolio
    html: str
    text: str
    message: EmailMessage


def build_portfolio_digest(config: LoadedConfig, store: Store, week: str) -> BuiltPortfolio:
    """Every account's exposure this week, competitor activity against its recent weeks, categories."""
    settings = config.model.settings
    digests = collect_digests(config, store, week, [])
    stakes = {
        a.id: AccountStakes(a.value, a.renewal, config.currency(a)) for a in config.model.accounts
    }
    names = {c.id: c.name for c in config.model.competitors}
    portfolio = build_portfolio(
        week,
        settings.timezone,
        digests,
        stakes,
        weekly_counts(store, week, settings.timezone),
        names,
    )
    env = template_environment(config)
    html, text = render_portfolio_html(env, portfolio), render_portfolio_text(env, portfolio)
    sender = sender_of(config)
    leaders = [str(r) for r in settings.leadership]
    subject = f"Portfolio: {portfolio.story_count} stories across {len(digests)} accounts — {week}"
    message = compose(
        subject,
        html,
        text,
        sender,
        leaders,
        message_id(PORTFOLIO_KEY, week, sender, "portfolio"),
        digest_sent_at(config, week, settings.timezone),
    )
    return BuiltPortfolio(portfolio, html, text, message)


def weekly_counts(store: Store, week: str, timezone: str) -> list[dict[str, int]]:
    """Stories per company id for the BASELINE_WEEKS before `week` and `week` itself, oldest first."""
    start, end = week_bounds(week, timezone)
    year, number = parse_week(week)
    monday = datetime.fromisocalendar(year, number, 1)
    bounds = []
    for back in range(BASELINE_WEEKS, 0, -1):
        earlier = (monday - timedelta(weeks=back)).isocalendar()
        bounds.append(week_bounds(f"{earlier[0]}-W{earlier[1]:02d}", timezone)[0])
    bounds.append(start)
    counts: list[Counter[str]] = [Counter() for _ in bounds]
    with store.session() as session:
        for _, dated_at, companies in company_story_dates(session, bounds[0], end):
            counts[bisect.bisect_right(bounds, dated_at) - 1].update(companies)
    return [dict(c) for c in counts]


def deliver_portfolio(
    config: LoadedConfig,
    store: Store,
    week: str,
    credentials: SmtpCredentials,
    outbox: Path,
    now: datetime,
    on_outcome: Outcome | None = None,
) -> list[tuple[str, str]]:
    """Send the portfolio digest to settings.leadership, once per week; nothing without them."""
    if not config.model.settings.leadership:
        return []
    built = build_portfolio_digest(config, store, week)
    item = outgoing(f"{week}/{PORTFOLIO_KEY}", built.html, built.text, built.message)
    return deliver_items(
        config,
        store,
        week,
        [(PORTFOLIO_KEY, built.portfolio.story_count, item)],
        credentials,
        outbox,
        now,
        on_outcome,
    )
