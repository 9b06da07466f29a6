"""Each kind of correction applied to the stored stories, items and links.

Readers (threat feed, digest, portfolio, alerts, the JSON API) read items, links and stories and
know nothing of corrections: a correction shows because the rows they read are changed here.
Every function runs in the session that records the correction, so both land or neither does.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session

from radar.store import models


def set_category(session: Session, story_id: str, category: str) -> None:
    """The story and every item of it take the category."""
    session.execute(
        update(models.Story).where(models.Story.id == story_id).values(category=category)
    )
    session.execute(
        update(models.Item)
        .where(models.Item.document_id.in_(_document_ids(story_id)))
        .values(category=category)
    )


def unlink(session: Session, story_id: str, account_id: str | None) -> None:
    """Remove the story's links to the account (to every account when None)."""
    statement = delete(models.AccountLink).where(models.AccountLink.story_id == story_id)
    if account_id is not None:
        statement = statement.where(models.AccountLink.account_id == account_id)
    session.execute(statement)


def merge_story(session: Session, story_id: str, into: str) -> None:
    """Move the documents and links of one story into another; the first is left empty."""
    session.execute(
        update(models.Document).where(models.Document.story_id == story_id).values(story_id=into)
    )
    session.execute(
        update(models.AccountLink)
        .where(models.AccountLink.story_id == story_id)
        .values(story_id=into)
    )
    _head_story(session, into)


def split_document(session: Session, story_id: str, document_url: str) -> str:
    """Move the document and its links to a story of its own; return that story's id."""
    doc = session.scalars(select(models.Document).where(models.Document.url == document_url)).one()
    item = session.scalars(select(models.Item).where(models.Item.document_id == doc.id)).one()
    new_id = split_story_id(story_id, document_url)
    if session.get(models.Story, new_id) is None:
        session.add(
            models.Story(
                id=new_id,
                title=doc.title,
                category=item.category,
                dated_at=doc.dated_at,
                created_at=doc.fetched_at,
            )
        )
        session.flush()
    doc.story_id = new_id
    session.execute(
        update(models.AccountLink)
        .where(models.AccountLink.item_id == item.id)
        .values(story_id=new_id)
    )
    session.flush()
    _head_story(session, story_id)
    return new_id


def split_story_id(story_id: str, document_url: str) -> str:
    """The id of the story a document split out of another gets: never the one it left."""
    return "s-" + hashlib.sha256(f"{story_id} {document_url}".encode()).hexdigest()[:16]


def change_companies(
    session: Session, story_id: str, document_url: str | None, company: str, is_added: bool
) -> None:
    """Add the company to, or remove it from, the document's item (every item of the story
    when no document is named)."""
    ids = (
        select(models.Document.id).where(models.Document.url == document_url)
        if document_url
        else _document_ids(story_id)
    )
    for item in session.scalars(select(models.Item).where(models.Item.document_id.in_(ids))):
        companies = [str(c) for c in item.companies if c != company]
        item.companies = sorted([*companies, company]) if is_added else companies


def _document_ids(story_id: str) -> Select[int]:
    return select(models.Document.id).where(models.Document.story_id == story_id)


def _head_story(session: Session, story_id: str) -> None:
    """Date a story by its earliest report, and head it by that report's title."""
    first = session.execute(
        select(models.Document.title, models.Document.dated_at)
        .where(models.Document.story_id == story_id)
        .order_by(models.Document.dated_at, models.Document.id)
        .limit(1)
    ).first()
    if first is not None:
        session.execute(
            update(models.Story)
            .where(models.Story.id == story_id)
            .values(title=first.title, dated_at=first.dated_at)
        )
