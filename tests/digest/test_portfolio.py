from __future__ import annotations

from datetime import UTC, date, datetime

from digest.portfolio import AccountStakes, build_portfolio
from digest.render import environment, render_portfolio_html, render_portfolio_text
from digest.select import build_digest
from radar.records import StoryEntry

WEEK_END = datetime(2026, 11, 23, tzinfo=UTC)


def digest(account_id, *scores, category="pricing"):
    stories = [
        StoryEntry(
            f"{account_id}-{i}",
            f"Story {i}",
            "",
            category,
            datetime(2026, 11, 18, tzinfo=UTC),
            (),
            ("starlink",),
            s,
            (),
        )
        for i, s in enumerate(scores)
    ]
    return build_digest(
        account_id,
        account_id.title(),
        "o@example.com",
        "2026-W47",
        "UTC",
        stories,
        sent_at=WEEK_END,
    )


def test_accounts_rank_by_revenue_at_risk_not_by_story_count():
    digests = [digest("busy", 30, 30, 30, 30), digest("big", 80), digest("unvalued", 90)]
    stakes = {
        "busy": AccountStakes(100_000, None),
        "big": AccountStakes(2_000_000, date(2027, 1, 10)),
        "unvalued": AccountStakes(None, None),
    }

    portfolio = build_portfolio("2026-W47", "UTC", digests, stakes, [{}], {})

    assert [a.account_id for a in portfolio.accounts] == ["big", "busy", "unvalued"]
    big = portfolio.accounts[0]
    assert round(big.at_risk) == 2_000_000 * 0.64  # renewal 48 days after the week: full weight
    # Four minor stories count as their strongest three, each weighed by its square.
    assert round(portfolio.accounts[1].exposure, 4) == round(1 - 0.91**3, 4)


def test_a_competitor_far_above_its_own_recent_weeks_is_a_spike():
    history = [{"starlink": 1, "orbit": 5}] * 8
    current = {"starlink": 6, "orbit": 6}

    portfolio = build_portfolio(
        "2026-W47", "UTC", [], {}, [*history, current], {"starlink": "Starlink", "orbit": "Orbit"}
    )

    spikes = {c.name: c.is_spike for c in portfolio.competitors}
    assert spikes == {"Starlink": True, "Orbit": False}


def test_no_spike_is_called_against_too_few_weeks_of_history_and_the_digest_says_so():
    history = [{}] * 6 + [{"starlink": 1, "orbit": 0}, {"orbit": 1}]
    current = {"starlink": 4, "orbit": 2}
    names = {"starlink": "Starlink", "orbit": "Orbit"}

    short = build_portfolio("2026-W47", "UTC", [], {}, [*history, current], names)
    longer = build_portfolio(
        "2026-W47", "UTC", [], {}, [*([{"orbit": 1}] * 4), *history[4:], current], names
    )
    text = render_portfolio_text(environment({}), short)

    assert [c.is_spike for c in short.competitors] == [False, False]
    assert "too little history to call a week a spike" in text
    assert "SPIKE" not in text
    assert {c.name: c.is_spike for c in longer.competitors} == {"Starlink": True, "Orbit": False}


def test_revenue_at_risk_is_shown_in_each_accounts_currency_and_summed_per_currency():
    digests = [digest("paris", 80), digest("zurich", 80), digest("lyon", 80)]
    stakes = {
        "paris": AccountStakes(1_000_000, None, "EUR"),
        "zurich": AccountStakes(2_000_000, None, "CHF"),
        "lyon": AccountStakes(500_000, None, "EUR"),
    }

    portfolio = build_portfolio("2026-W47", "UTC", digests, stakes, [{}], {})
    text = render_portfolio_text(environment({}), portfolio)

    # 0.64 exposure x 0.5 for an unknown renewal: 320,000 and 160,000 EUR, 640,000 CHF.
    assert "revenue at risk CHF640K + €480K." in text
    assert "at risk €320K" in text


def test_the_portfolio_shows_categories_and_a_chart_mail_clients_keep():
    digests = [digest("a", 80), digest("b", 50, category="launch")]
    portfolio = build_portfolio(
        "2026-W47", "UTC", digests, {}, [{"starlink": 2}], {"starlink": "Starlink"}
    )
    env = environment({})

    html, text = render_portfolio_html(env, portfolio), render_portfolio_text(env, portfolio)

    assert [(c.category, c.count) for c in portfolio.categories] == [("launch", 1), ("pricing", 1)]
    assert 'bgcolor="#2563eb"' in html and "<img" not in html and "<script" not in html
    assert "Starlink" in text and "#" * 20 in text
