"""Which key accounts an item threatens, by SPEC.md's five link rules, with reasons in words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from classifier import threat
from radar.records import AccountLink, AccountProfile

REGULATORY, EXECUTIVE = "regulatory", "executive"


@dataclass(frozen=True, slots=True)
class LinkInput:
    """What the link rules look at in one item."""

    title: str
    text: str
    about: str
    category: str
    confidence: float
    category_weight: float
    mentioned: frozenset[str]
    dated_at: datetime
    in_title: frozenset[str] = frozenset()


def link_accounts(
    item: LinkInput,
    accounts: Sequence[AccountProfile],
    names: Mapping[str, str],
    industries: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> tuple[AccountLink, ...]:
    """A link for every account the item threatens, strongest first."""
    links = []
    phrases = _Phrases(f"{item.title}\n{item.text}")
    for account in accounts:
        rules, reasons = _rules(item, account, names, industries, phrases)
        if not rules:
            continue
        score, extra = threat.score_threat(
            threat.ThreatFactors(
                rules=tuple(rules),
                category_weight=item.category_weight,
                confidence=item.confidence,
                dated_at=item.dated_at,
                now=now,
                value=account.value,
                currency=account.currency,
                renewal=account.renewal,
                source=threat.source_standing(item.about),
            )
        )
        links.append(AccountLink(account.id, score, tuple(rules), tuple(reasons) + extra))
    return tuple(sorted(links, key=lambda link: (-link.score, link.account_id)))


def _rules(
    item: LinkInput,
    account: AccountProfile,
    names: Mapping[str, str],
    industries: Mapping[str, tuple[str, ...]],
    phrases: _Phrases,
) -> tuple[list[str], list[str]]:
    rules: list[str] = []
    reasons: list[str] = []
    rivals = [c for c in account.competitors if c in item.mentioned or c == item.about]
    rival_names = ", ".join(names.get(c, c) for c in rivals)
    names_account = account.id in item.mentioned
    person = _stakeholder_named(item, account, phrases)
    if person:
        rules.append(threat.STAKEHOLDER_MOVE)
        reasons.append(
            f"{person}, whom the relationship with {account.name} depends on, is in an executive move"
        )
    if rivals and names_account:
        rules.append(threat.COMPETITOR_NAMES_ACCOUNT)
        reasons.append(
            f"{rival_names}, a competitor for {account.name}, names {account.name} directly"
        )
    elif names_account:
        rules.append(threat.MENTIONS_ACCOUNT)
        reasons.append(f"it mentions {account.name}")
    elif rivals:
        rules.append(threat.WATCHED_COMPETITOR)
        reasons.append(f"{rival_names} competes with you for {account.name}")
    if item.about == account.id:
        rules.append(threat.ACCOUNT_NEWS)
        reasons.append(f"it is news from {account.name} itself")
    elif account.id in item.in_title and not rivals:
        rules.append(threat.ACCOUNT_NEWS)
        reasons.append(f"it is news about {account.name} itself")
    if item.category == REGULATORY:
        terms = _industry_terms(account, industries, phrases)
        if terms:
            rules.append(threat.INDUSTRY_REGULATION)
            where = account.industry or "its business"
            reasons.append(f"a regulatory action in {where} ({', '.join(terms[:3])})")
    return rules, reasons


def _stakeholder_named(item: LinkInput, account: AccountProfile, phrases: _Phrases) -> str | None:
    if item.category != EXECUTIVE:
        return None
    return next((p for p in account.stakeholders if phrases.has(p, case=True)), None)


def _industry_terms(
    account: AccountProfile, industries: Mapping[str, tuple[str, ...]], phrases: _Phrases
) -> list[str]:
    vocabulary = industries.get(account.industry or "", ()) + account.keywords
    return [term for term in vocabulary if phrases.has(term, case=term.isupper())]


class _Phrases:
    """Whole-word phrase search in one item's text; each phrase is looked for once per item.

    Accounts share industries and keywords, so a thousand accounts ask for the same few hundred
    phrases; a plain substring test rules most of them out before the regular expression runs.
    """

    def __init__(self, body: str) -> None:
        self.body, self.lowered = body, body.lower()
        self.found: dict[tuple[str, bool], bool] = {}

    def has(self, term: str, case: bool) -> bool:
        key = (term, case)
        if key not in self.found:
            self.found[key] = self._probe(term, case) and bool(
                _phrase(term, case).search(self.body)
            )
        return self.found[key]

    def _probe(self, term: str, case: bool) -> bool:
        """False only when the phrase's first word is nowhere in the text, in any case."""
        first = term.split()[0] if term.strip() else term
        if not first.isascii():
            return True  # case folding beyond ASCII is the regular expression's to judge
        return first in self.body if case else first.lower() in self.lowered


@lru_cache(maxsize=4096)
def _phrase(term: str, case: bool) -> re.Pattern[str]:
    """A phrase as whole words; acronyms ("FAA", "IMO") only in capitals."""
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if case else re.IGNORECASE)
