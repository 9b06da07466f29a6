"""What the writer asks of analysts' corrections when a new document joins a story.

A correction is applied to what is stored when it is made; these hooks hold documents stored
later to it: a document that joins a corrected story takes its corrected category and no link
to an account the story was marked no threat to (nor any link, when it was marked not news); and
story matching follows the documents that corrections moved to another story.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.stories import StoryCandidate
from radar.records import Classification
from radar.store import models

_MOVES = ("same_story", "not_same_story")
_HOLDS = ("category", "not_threat", "not_news")


def current_story(session: Session, match: StoryCandidate | None) -> StoryCandidate | None:
    """The matched document with the story it is in now (a correction may have moved it since
    story matching read it: same_story, not_same_story)."""
    if match is None or not _any(session, _MOVES):
        return match
    now_in = session.scalar(
        select(models.Document.story_id).where(models.Document.url == match.key)
    )
    return replace(match, story_id=now_in) if now_in and now_in != match.story_id else match


def held(session: Session, story_id: str, result: Classification) -> Classification:
    """The classification of a document joining the story, held to the story's corrections."""
    if not _any(session, _HOLDS):
        return result
    rows = session.execute(
        select(models.Correction.kind, models.Correction.value, models.Correction.account_id)
        .where(
            models.Correction.story_id == story_id,
            models.Correction.kind.in_(_HOLDS),
        )
        .order_by(models.Correction.id)
    ).all()
    if not rows:
        return result
    category = result.category
    refused: set[str] = set()
    is_news = True
    for kind, value, account_id in rows:
        if kind == "category":
            category = value
        elif kind == "not_threat" and account_id:
            refused.add(account_id)
        elif kind == "not_news":
            is_news = False
    links = tuple(link for link in result.links if is_news and link.account_id not in refused)
    return replace(result, category=category, links=links)


def _any(session: Session, kinds: tuple[str, ...]) -> bool:
    """Whether any correction of these kinds exists: asked once per transaction (a batch of
    documents), so that a store without corrections pays one query a batch, not one a document."""
    key = ("rivalradar.corrections", kinds)
    if key not in session.info:
        found = session.scalar(
            select(models.Correction.id).where(models.Correction.kind.in_(kinds)).limit(1)
        )
        session.info[key] = found is not None
    return bool(session.info[key])
