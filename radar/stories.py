"""The store's side of story matching: read the candidates a new document may join, write its keys.

Which candidate reports the same event is decided in `extractors.stories`; here the candidates
are picked by the document's index keys (its text, its LSH bands, its category and companies)
and by date, so a new document is compared with a few dozen others, not with the whole store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from extractors.events import Lead
from extractors.stories import (
    SEARCH_WINDOW,
    StoryCandidate,
    best_match,
    candidate,
    index_keys,
    plausible_categories,
    story_id,
)
from radar import models
from radar.records import Classification, Document

# Past this many documents sharing a key in the window, the rest are not compared: a bound on
# the work one new document can cause, reached only by hundreds of items of one company a week.
MAX_CANDIDATES = 1000


def assign_story(
    session: Session, doc: Document, result: Classification, now: datetime
) -> tuple[str, StoryCandidate]:
    """The story the document belongs to (an existing one, or a new one); and how it was matched."""
    item = candidate(doc.url, doc, result)
    match = best_match(item, _candidates(session, item, doc.dated_at))
    if match is None:
        new_id = story_id(doc.url)
        session.add(
            models.Story(
                id=new_id,
                title=doc.title,
                category=result.category,
                dated_at=doc.dated_at,
                created_at=now,
            )
        )
        session.flush()
        return new_id, item
    story = session.get(models.Story, match.story_id)
    if story is not None and doc.dated_at < story.dated_at:
        # A story is dated by its earliest report, and headed by it.
        story.dated_at, story.title = doc.dated_at, doc.title
    return match.story_id, item


def index_document(session: Session, row: models.Document, item: StoryCandidate) -> None:
    """Keep what later documents are matched against: the signature, the lead, the keys."""
    row.signature = item.signature or None
    row.lead_terms = dict(item.lead.weights) if item.lead else None
    for key in index_keys(item):
        session.add(models.StoryKey(document_id=row.id, key=key, dated_at=row.dated_at))


def _candidates(session: Session, item: StoryCandidate, at: datetime) -> list[StoryCandidate]:
    keys = index_keys(item)
    if not keys:
        return []
    ids = (
        select(models.StoryKey.document_id)
        .where(
            models.StoryKey.key.in_(keys),
            models.StoryKey.dated_at >= at - SEARCH_WINDOW,
            models.StoryKey.dated_at <= at + SEARCH_WINDOW,
        )
        .distinct()
        .limit(MAX_CANDIDATES)
    )
    rows = session.execute(
        select(models.Document, models.Item.category, models.Item.companies, models.Item.scores)
        .options(defer(models.Document.text), defer(models.Document.summary))
        .join(models.Item, models.Item.document_id == models.Document.id)
        .where(models.Document.id.in_(ids))
    )
    return [_stored(doc, category, companies, scores) for doc, category, companies, scores in rows]


def _stored(
    doc: models.Document, category: str, companies: list[Any], scores: dict[str, Any]
) -> StoryCandidate:
    weights = {str(k): float(v) for k, v in (doc.lead_terms or {}).items()}
    return StoryCandidate(
        key=doc.url,
        title=doc.title,
        fingerprint=doc.fingerprint,
        category=category,
        companies=tuple(str(c) for c in companies),
        dated_at=doc.dated_at,
        signature=doc.signature or b"",
        lead=Lead.of(weights),
        source_id=doc.source_id,
        is_page_change=bool(doc.change),
        story_id=doc.story_id,
        plausible=plausible_categories({str(k): float(v) for k, v in (scores or {}).items()}),
    )
