from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from classifier import threat
from classifier.threat import ThreatFactors, score_threat

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)


def factors(*rules: str, **changes: object) -> ThreatFactors:
    base: dict[str, object] = {
        "rules": rules,
        "category_weight": 0.9,
        "confidence": 0.9,
        "dated_at": NOW - timedelta(days=1),
        "now": NOW,
    }
    base.update(changes)
    return ThreatFactors(**base)  # type: ignore[arg-type]


def test_a_stakeholder_leaving_is_the_highest_threat():
    stakeholder, _ = score_threat(factors(threat.STAKEHOLDER_MOVE, category_weight=0.1))
    competitor, _ = score_threat(factors(threat.COMPETITOR_NAMES_ACCOUNT, category_weight=1.0))

    assert stakeholder >= 95 > competitor


def test_a_competitor_naming_the_account_outranks_a_competitor_alone():
    naming, _ = score_threat(factors(threat.COMPETITOR_NAMES_ACCOUNT))
    alone, _ = score_threat(factors(threat.WATCHED_COMPETITOR))

    assert naming > alone


def test_a_surer_label_scores_higher():
    sure, _ = score_threat(factors(threat.WATCHED_COMPETITOR, confidence=0.95))
    unsure, _ = score_threat(factors(threat.WATCHED_COMPETITOR, confidence=0.3))

    assert sure > unsure


def test_an_old_item_scores_lower_and_says_how_old_it_is():
    fresh, _ = score_threat(factors(threat.WATCHED_COMPETITOR))
    old, reasons = score_threat(
        factors(threat.WATCHED_COMPETITOR, dated_at=NOW - timedelta(days=60))
    )

    assert old < fresh
    assert "it is 60 days old" in reasons


def test_news_at_second_hand_scores_lower_than_the_company_itself_and_says_so():
    own, own_reasons = score_threat(factors(threat.WATCHED_COMPETITOR))
    news, reasons = score_threat(factors(threat.WATCHED_COMPETITOR, source=threat.NEWS))

    assert news < own and not own_reasons
    assert any("reported by the news" in r for r in reasons)


def test_a_near_renewal_raises_the_score_and_names_the_date():
    plain, _ = score_threat(factors(threat.WATCHED_COMPETITOR))
    near, reasons = score_threat(
        factors(threat.WATCHED_COMPETITOR, renewal=NOW.date() + timedelta(days=30))
    )

    assert near > plain
    assert any("renewal on" in r and "is near" in r for r in reasons)
    assert score_threat(factors(threat.WATCHED_COMPETITOR, renewal=date(2030, 1, 1)))[0] == plain


def test_a_valuable_account_says_its_worth_in_its_own_currency():
    _, reasons = score_threat(factors(threat.WATCHED_COMPETITOR, value=2_400_000, currency="EUR"))

    assert "the account is worth €2,400,000 a year" in reasons


def test_the_source_standing_follows_what_the_source_is_about():
    assert threat.source_standing("news") == threat.NEWS
    assert threat.source_standing("regulator") == threat.REGULATOR
    assert threat.source_standing("starlink") == threat.FIRST_HAND
