"""Read-side queries of the store for the portfolio: threat per account, activity, categories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radar.store import models


@dataclass(frozen=True, slots=True)
class AccountExposure:
    account_id: str
    stories: int
    top_score: int
    total_score: int


def portfolio_exposure(session: Session, start: datetime, end: datetime) -> list[AccountExposure]:
    """Per account: stories dated in [start, end) linked to it, their best and summed threat."""
    best = (
        select(
            models.AccountLink.account_id,
            models.AccountLink.story_id,
            func.max(models.AccountLink.score).label("score"),
        )
        .join(models.Story, models.Story.id == models.AccountLink.story_id)
        .where(models.Story.dated_at >= start, models.Story.dated_at < end)
        .group_by(models.AccountLink.account_id, models.AccountLink.story_id)
        .subquery()
    )
    rows = session.execute(
        select(
            best.c.account_id, func.count(), func.max(best.c.score), func.sum(best.c.score)
        ).group_by(best.c.account_id)
    )
    return [AccountExposure(a, int(n), int(top), int(total)) for a, n, top, total in rows]


def story_companies(session: Session, start: datetime, end: datetime) -> dict[str, set[str]]:
    """Per story dated in [start, end): the companies its documents name or speak for."""
    rows = session.execute(
        select(models.Document.story_id, models.Document.about, models.Item.companies)
        .join(models.Item, models.Item.document_id == models.Document.id)
        .join(models.Story, models.Story.id == models.Document.story_id)
        .where(models.Story.dated_at >= start, models.Story.dated_at < end)
    )
    companies: dict[str, set[str]] = defaultdict(set)
    for story_id, about, named in rows:
        companies[story_id].update([about, *named])
    return companies


def category_counts(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Stories dated in [start, end) that are linked to some account, per category."""
    linked = select(models.AccountLink.story_id).distinct()
    rows = session.execute(
        select(models.Story.category, func.count())
        .where(
            models.Story.dated_at >= start,
            models.Story.dated_at < end,
            models.Story.id.in_(linked),
        )
        .group_by(models.Story.category)
    )
    return {category: int(n) for category, n in rows}
