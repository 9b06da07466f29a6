"""Read-side queries of the store: source health, and the stories linked to an account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radar.records import PageChange, StoryEntry
from radar.store import models


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """A source's record as `rivalradar sources` and the web API show it."""

    source_id: str
    kind: str
    url: str
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    diagnosis: str | None
    consecutive_failures: int
    documents_last: int
    documents_total: int
    next_due_at: datetime | None


def source_health(session: Session) -> list[SourceHealth]:
    rows = session.scalars(select(models.Source).order_by(models.Source.id))
    return [
        SourceHealth(
            r.id,
            r.kind,
            r.url,
            r.last_success_at,
            r.last_attempt_at,
            r.last_error if r.consecutive_failures else None,
            r.last_diagnosis if r.consecutive_failures else None,
            r.consecutive_failures or 0,
            r.documents_last or 0,
            r.documents_total or 0,
            r.next_due_at,
        )
        for r in rows
    ]


def documents_found(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Documents first fetched in [start, end), per source."""
    rows = session.execute(
        select(models.Document.source_id, func.count())
        .where(models.Document.fetched_at >= start, models.Document.fetched_at < end)
        .group_by(models.Document.source_id)
    )
    return {source_id: int(n) for source_id, n in rows}


def account_stories(
    session: Session, account_id: str, start: datetime, end: datetime
) -> list[StoryEntry]:
    """Stories dated in [start, end) that are linked to the account, with their best link."""
    best = (
        select(models.AccountLink.story_id, func.max(models.AccountLink.score).label("score"))
        .join(models.Story, models.Story.id == models.AccountLink.story_id)
        .where(
            models.AccountLink.account_id == account_id,
            models.Story.dated_at >= start,
            models.Story.dated_at < end,
        )
        .group_by(models.AccountLink.story_id)
    )
    scores = {story_id: score for story_id, score in session.execute(best)}
    if not scores:
        return []
    return _entries(session, account_id, scores)


def _entries(session: Session, account_id: str, scores: dict[str, int]) -> list[StoryEntry]:
    story_ids = list(scores)
    stories = {
        s.id: s for s in session.scalars(select(models.Story).where(models.Story.id.in_(story_ids)))
    }
    docs: dict[str, list[tuple[models.Document, models.Item]]] = defaultdict(list)
    rows = session.execute(
        select(models.Document, models.Item)
        .join(models.Item, models.Item.document_id == models.Document.id)
        .where(models.Document.story_id.in_(story_ids))
        .order_by(models.Document.dated_at, models.Document.id)
    )
    for doc, item in rows:
        docs[doc.story_id].append((doc, item))
    reasons: dict[str, list[str]] = defaultdict(list)
    links = session.execute(
        select(models.AccountLink.story_id, models.AccountLink.reasons)
        .where(
            models.AccountLink.account_id == account_id, models.AccountLink.story_id.in_(story_ids)
        )
        .order_by(models.AccountLink.score.desc())
    )
    for story_id, link_reasons in links:
        for reason in link_reasons:
            if reason not in reasons[story_id]:
                reasons[story_id].append(reason)
    return [
        _entry(stories[sid], docs[sid], scores[sid], reasons[sid]) for sid in story_ids if docs[sid]
    ]


def _entry(
    story: models.Story,
    docs: list[tuple[models.Document, models.Item]],
    score: int,
    reasons: list[str],
) -> StoryEntry:
    first, first_item = docs[0]
    companies = sorted({c for _, item in docs for c in item.companies})
    return StoryEntry(
        story_id=story.id,
        title=first.title,
        summary=first.summary,
        category=first_item.category,
        dated_at=story.dated_at,
        sources=tuple((d.source_id, d.url) for d, _ in docs),
        companies=tuple(companies),
        score=score,
        reasons=tuple(reasons),
        change=next((_change(d.change) for d, _ in docs if d.change), None),
    )


def _change(raw: dict[str, Any] | None) -> PageChange | None:
    if not raw:
        return None
    return PageChange(
        tuple(raw.get("removed", ())),
        tuple(raw.get("added", ())),
        tuple(raw.get("prices", ())),
        tuple(raw.get("edits", ())),
    )


def story_rules(
    session: Session, account_id: str, story_ids: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The link rules that tie each story to the account, strongest link first."""
    found: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(story_ids), 500):
        rows = session.execute(
            select(models.AccountLink.story_id, models.AccountLink.rules)
            .where(
                models.AccountLink.account_id == account_id,
                models.AccountLink.story_id.in_(story_ids[start : start + 500]),
            )
            .order_by(models.AccountLink.score.desc())
        )
        for story_id, rules in rows:
            found[story_id].extend(r for r in rules if r not in found[story_id])
    return {story_id: tuple(rules) for story_id, rules in found.items()}


def recent_account_stories(session: Session, account_id: str, limit: int) -> list[StoryEntry]:
    """The account's `limit` latest linked stories, newest first, with their best link."""
    latest = (
        select(models.AccountLink.story_id, func.max(models.AccountLink.score).label("score"))
        .join(models.Story, models.Story.id == models.AccountLink.story_id)
        .where(models.AccountLink.account_id == account_id)
        .group_by(models.AccountLink.story_id, models.Story.dated_at)
        .order_by(models.Story.dated_at.desc(), models.AccountLink.story_id)
        .limit(limit)
    )
    scores = {story_id: score for story_id, score in session.execute(latest)}
    if not scores:
        return []
    entries = _entries(session, account_id, scores)
    return sorted(entries, key=lambda e: (e.dated_at, e.story_id), reverse=True)


def company_story_dates(
    session: Session, start: datetime, end: datetime
) -> list[tuple[str, datetime, tuple[str, ...]]]:
    """Each story dated in [start, end): its id, date, and every company its documents name or are about."""
    rows = session.execute(
        select(models.Story.id, models.Story.dated_at, models.Document.about, models.Item.companies)
        .join(models.Document, models.Document.story_id == models.Story.id)
        .join(models.Item, models.Item.document_id == models.Document.id)
        .where(models.Story.dated_at >= start, models.Story.dated_at < end)
    )
    stories: dict[str, tuple[datetime, set[str]]] = {}
    for story_id, dated_at, about, companies in rows:
        _, named = stories.setdefault(story_id, (dated_at, set()))
        named.update(companies)
        named.add(about)
    return [(sid, dated, tuple(sorted(named))) for sid, (dated, named) in stories.items()]


def alert_candidates(
    session: Session, threshold: int, since: datetime
) -> list[tuple[str, str, int, datetime | None]]:
    """Links at or above the threshold made since `since` and not yet alerted, best first.

    Each as (account id, story id, score, the earliest publication date of the story's documents).
    """
    alerted = select(models.Alert.id).where(
        models.Alert.account_id == models.AccountLink.account_id,
        models.Alert.story_id == models.AccountLink.story_id,
    )
    candidates = session.execute(
        select(
            models.AccountLink.account_id,
            models.AccountLink.story_id,
            func.max(models.AccountLink.score),
        )
        .where(
            models.AccountLink.score >= threshold,
            models.AccountLink.created_at >= since,
            ~alerted.exists(),
        )
        .group_by(models.AccountLink.account_id, models.AccountLink.story_id)
        .order_by(func.max(models.AccountLink.score).desc(), models.AccountLink.story_id)
    ).all()
    story_ids = list({story_id for _, story_id, _ in candidates})
    published: dict[str, datetime | None] = {}
    for start in range(0, len(story_ids), 500):
        rows = session.execute(
            select(models.Document.story_id, func.min(models.Document.published_at))
            .where(models.Document.story_id.in_(story_ids[start : start + 500]))
            .group_by(models.Document.story_id)
        )
        published.update((story_id, first) for story_id, first in rows)
    return [(a, s, int(score), published.get(s)) for a, s, score in candidates]


def account_story_entries(
    session: Session, account_id: str, scores: dict[str, int]
) -> list[StoryEntry]:
    """The given stories (id -> score) as the account sees them, with all their sources."""
    return _entries(session, account_id, scores) if scores else []
