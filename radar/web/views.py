"""What the pages and the JSON API show, read from the store and the last good config."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta

from classifier.categories import category_names
from digest.week import parse_week, previous_week, week_bounds, week_of
from radar.config.loader import LoadedConfig
from radar.config.schema import Account
from radar.errors import RadarError, UnknownIdError
from radar.records import StoryEntry
from radar.store import models, queries
from radar.store.portfolio import (
    AccountExposure,
    category_counts,
    portfolio_exposure,
    story_companies,
)
from radar.store.store import Store
from radar.web import schemas

RECENT = timedelta(days=28)
HEALTH_WEEKS = 8
ORDERS = ("threat", "date")  # how a feed's stories are ordered; the first is the default


class BadFilter(RadarError):
    """A filter value the feed cannot use."""


class Views:
    def __init__(
        self, store: Store, config: Callable[[], LoadedConfig], clock: Callable[[], datetime]
    ) -> None:
        self.store, self._config, self.clock = store, config, clock

    @property
    def config(self) -> LoadedConfig:
        return self._config()

    def accounts(self, email: str) -> list[schemas.Account]:
        return [self._account(a, email) for a in self.config.model.accounts]

    def feed(
        self,
        account_id: str,
        email: str,
        week: str | None = None,
        category: str | None = None,
        competitor: str | None = None,
        order: str = "threat",
    ) -> schemas.Feed:
        """The account's stories of one ISO week, or of the last four weeks.

        Most threatening first (then newest), or with `order="date"` newest first.
        """
        account = self._find_account(account_id)
        zone = account.timezone or self.config.model.settings.timezone
        start, end = self._window(week, zone)
        categories = category_names()
        if category and category not in categories:
            raise BadFilter(f"unknown category {category!r}; known: {', '.join(categories)}")
        names = {c.id: c.name for c in self.config.model.competitors}
        if competitor and competitor not in names:
            raise BadFilter(f"unknown competitor {competitor!r}; known: {', '.join(names)}")
        if order not in ORDERS:
            raise BadFilter(f"unknown order {order!r}; known: {', '.join(ORDERS)}")
        with self.store.session() as session:
            entries = queries.account_stories(session, account_id, start, end)
        entries = [
            e
            for e in entries
            if (not category or e.category == category)
            and (not competitor or competitor in self._companies_of(e))
        ]
        if order == "date":
            entries.sort(key=lambda e: (e.dated_at, e.score), reverse=True)
        else:
            entries.sort(key=lambda e: (e.score, e.dated_at), reverse=True)
        return schemas.Feed(
            account=self._account(account, email),
            start=start,
            end=end,
            week=week,
            category=category or None,
            competitor=competitor or None,
            categories=categories,
            competitors=[
                schemas.Company(id=c, name=names[c]) for c in account.competitors if c in names
            ],
            stories=[_story(e) for e in entries],
        )

    def portfolio(self, week: str | None = None) -> schemas.Portfolio:
        zone = self.config.model.settings.timezone
        week = week or week_of(self.clock(), zone)
        start, end = self._window(week, zone)
        with self.store.session() as session:
            exposure = {e.account_id: e for e in portfolio_exposure(session, start, end)}
            companies = story_companies(session, start, end)
            categories = category_counts(session, start, end)
        rows = [_exposure(a, exposure.get(a.id)) for a in self.config.model.accounts]
        rows.sort(key=lambda r: (r.top_score, r.total_score, r.value or 0), reverse=True)
        activity = [
            schemas.CompetitorActivity(
                competitor_id=c.id,
                name=c.name,
                stories=sum(1 for named in companies.values() if c.id in named),
            )
            for c in self.config.model.competitors
        ]
        activity.sort(key=lambda c: c.stories, reverse=True)
        return schemas.Portfolio(
            week=week,
            start=start,
            end=end,
            accounts=rows,
            competitors=activity,
            categories={c: categories.get(c, 0) for c in category_names()},
        )

    def last_complete_week(self) -> str:
        """The week the portfolio page opens on: the current one has barely begun on a Monday."""
        return previous_week(self.clock(), self.config.model.settings.timezone)

    def sources(self) -> schemas.Sources:
        configured = {s.id for s in self.config.sources}
        weeks = self._recent_weeks()
        with self.store.session() as session:
            health = [h for h in queries.source_health(session) if h.source_id in configured]
            found = [(label, queries.documents_found(session, s, e)) for label, s, e in weeks]
            status = session.get(models.DaemonStatus, "scheduler")
        return schemas.Sources(
            sources=[
                schemas.SourceHealth(
                    **asdict(h),
                    documents_per_week=[
                        schemas.WeekCount(week=label, documents=counts.get(h.source_id, 0))
                        for label, counts in found
                    ],
                )
                for h in health
            ],
            scheduler=_scheduler(status),
        )

    def _companies_of(self, entry: StoryEntry) -> set[str]:
        """The companies a story names, and those its sources speak for."""
        specs = [self.config.source(source_id) for source_id, _ in entry.sources]
        return set(entry.companies) | {spec.about for spec in specs if spec is not None}

    def _recent_weeks(self) -> list[tuple[str, datetime, datetime]]:
        now = self.clock()
        labels = [week_of(now - timedelta(weeks=i), "UTC") for i in range(HEALTH_WEEKS)]
        return [(label, *week_bounds(label, "UTC")) for label in labels]

    def _window(self, week: str | None, zone: str) -> tuple[datetime, datetime]:
        if not week:
            now = self.clock()
            return now - RECENT, now + timedelta(days=1)
        try:
            parse_week(week)
        except ValueError as err:
            raise BadFilter(str(err)) from err
        return week_bounds(week, zone)

    def _find_account(self, account_id: str) -> Account:
        for account in self.config.model.accounts:
            if account.id == account_id:
                return account
        raise UnknownIdError(f"no account has the id {account_id!r}")

    def _account(self, account: Account, email: str) -> schemas.Account:
        owner = str(account.owner)
        return schemas.Account(
            id=account.id,
            name=account.name,
            owner=owner,
            timezone=account.timezone or self.config.model.settings.timezone,
            competitors=list(account.competitors),
            value=account.value,
            renewal=account.renewal,
            priority=account.priority,
            is_mine=owner.lower() == email.lower(),
        )


def _story(entry: StoryEntry) -> schemas.Story:
    return schemas.Story(
        story_id=entry.story_id,
        title=entry.title,
        summary=entry.summary,
        category=entry.category,
        dated_at=entry.dated_at,
        score=entry.score,
        reasons=list(entry.reasons),
        companies=list(entry.companies),
        sources=[schemas.SourceLink(source_id=s, url=u) for s, u in entry.sources],
        change=schemas.Change(**{k: list(v) for k, v in asdict(entry.change).items()})
        if entry.change
        else None,
    )


def _exposure(account: Account, found: AccountExposure | None) -> schemas.Exposure:
    top = found.top_score if found else 0
    return schemas.Exposure(
        account_id=account.id,
        name=account.name,
        owner=str(account.owner),
        value=account.value,
        renewal=account.renewal,
        stories=found.stories if found else 0,
        top_score=top,
        total_score=found.total_score if found else 0,
        value_at_risk=account.value * top / 100 if account.value is not None else None,
    )


def _scheduler(row: models.DaemonStatus | None) -> schemas.SchedulerState | None:
    if row is None:
        return None
    return schemas.SchedulerState.model_validate(row, from_attributes=True)
