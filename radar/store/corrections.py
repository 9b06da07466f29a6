"""Analysts' corrections: checked, stored, and applied at once to the stories, items and links.

Kinds, each about one story:
- `category`: the story's category is VALUE (one of the categories);
- `not_threat`: the story is no threat to ACCOUNT: its links to that account go, and no document
  joining the story later links to it;
- `not_news`: the story's pages should never have been items: every link goes, and none comes;
- `same_story`: the story is the same event as story VALUE: its documents and links move there;
- `not_same_story`: DOCUMENT is not part of the story: it moves to a story of its own (VALUE
  then holds that story's id);
- `company`: VALUE `+id` or `-id` adds the company to, or removes it from, DOCUMENT's item (every
  item of the story when no document is named).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifier.categories import category_names
from radar.errors import RadarError
from radar.store import correction_apply, models
from radar.store.database import Database

KINDS = ("category", "not_threat", "not_news", "same_story", "not_same_story", "company")
MAX_VALUE = 300  # the column's width
_COMPANY_CHANGE = re.compile(r"([+-])(\S+)")


class CorrectionError(RadarError):
    """A correction that names an unknown kind, category, story, document, account or company."""


@dataclass(frozen=True, slots=True)
class StoredCorrection:
    id: int
    user_email: str
    created_at: datetime
    story_id: str
    kind: str
    value: str
    account_id: str | None
    document_url: str | None


@dataclass(frozen=True, slots=True)
class Known:
    """The configured ids a correction may name: accounts, and companies (accounts and competitors)."""

    accounts: Collection[str]
    companies: Collection[str]


@dataclass(frozen=True, slots=True)
class NewCorrection:
    story_id: str
    kind: str
    value: str = ""
    account_id: str | None = None
    document_url: str | None = None


def record_correction(
    store: Database, user_email: str, correction: NewCorrection, known: Known, now: datetime
) -> StoredCorrection:
    """Check the correction, apply it to the stored data and keep it; all in one transaction."""
    if correction.kind not in KINDS:
        raise CorrectionError(
            f"unknown kind of correction {correction.kind!r}; use one of: {', '.join(KINDS)}"
        )
    with store.session() as session:
        _check(session, correction, known)
        value = _apply(session, correction)
        row = models.Correction(
            user_email=user_email,
            created_at=now,
            story_id=correction.story_id,
            document_url=correction.document_url,
            account_id=correction.account_id,
            kind=correction.kind,
            value=value,
        )
        session.add(row)
        session.flush()
        return _stored(row)


def list_corrections(store: Database, story_id: str | None = None) -> list[StoredCorrection]:
    """Every correction (of one story, when given), oldest first."""
    query = select(models.Correction).order_by(models.Correction.id)
    if story_id is not None:
        query = query.where(models.Correction.story_id == story_id)
    with store.session() as session:
        return [_stored(row) for row in session.scalars(query)]


def has_story(store: Database, story_id: str) -> bool:
    with store.session() as session:
        return session.get(models.Story, story_id) is not None


def _check(session: Session, c: NewCorrection, known: Known) -> None:
    if session.get(models.Story, c.story_id) is None:
        raise CorrectionError(f"no story {c.story_id!r}")
    if len(c.value) > MAX_VALUE:
        raise CorrectionError(f"the value is {len(c.value)} characters long; at most {MAX_VALUE}")
    if c.account_id is not None and c.account_id not in known.accounts:
        raise CorrectionError(f"unknown account {c.account_id!r}")
    if c.document_url is not None:
        _check_document(session, c.story_id, c.document_url)
    if c.kind == "category" and c.value not in category_names():
        raise CorrectionError(
            f"unknown category {c.value!r}; use one of: {', '.join(category_names())}"
        )
    if c.kind == "not_threat" and c.account_id is None:
        raise CorrectionError("not_threat needs the account the story is no threat to")
    if c.kind == "same_story":
        if c.value == c.story_id:
            raise CorrectionError("same_story needs another story's id as its value")
        if session.get(models.Story, c.value) is None:
            raise CorrectionError(f"no story {c.value!r} to join")
    if c.kind == "not_same_story":
        _check_split(session, c)
    if c.kind == "company":
        found = _COMPANY_CHANGE.fullmatch(c.value)
        if found is None:
            raise CorrectionError(
                f"company correction {c.value!r}: write +ID to add a company, -ID to remove one"
            )
        if found.group(2) not in known.companies:
            raise CorrectionError(f"unknown company {found.group(2)!r}")


def _check_document(session: Session, story_id: str, url: str) -> None:
    in_story = session.scalar(select(models.Document.story_id).where(models.Document.url == url))
    if in_story is None:
        raise CorrectionError(f"no document {url!r}")
    if in_story != story_id:
        raise CorrectionError(f"the document {url!r} is not part of story {story_id!r}")


def _check_split(session: Session, c: NewCorrection) -> None:
    if c.document_url is None:
        raise CorrectionError("not_same_story needs the document that is not part of the story")
    documents = session.scalar(select(func.count()).where(models.Document.story_id == c.story_id))
    if (documents or 0) < 2:
        raise CorrectionError(f"the document {c.document_url!r} is the only one of its story")


def _apply(session: Session, c: NewCorrection) -> str:
    """Apply the correction; return the value to keep with it."""
    if c.kind == "category":
        correction_apply.set_category(session, c.story_id, c.value)
    elif c.kind == "not_threat":
        correction_apply.unlink(session, c.story_id, c.account_id)
    elif c.kind == "not_news":
        correction_apply.unlink(session, c.story_id, None)
    elif c.kind == "same_story":
        correction_apply.merge_story(session, c.story_id, c.value)
    elif c.kind == "not_same_story":
        assert c.document_url is not None
        return correction_apply.split_document(session, c.story_id, c.document_url)
    elif c.kind == "company":
        correction_apply.change_companies(
            session, c.story_id, c.document_url, c.value[1:], c.value[0] == "+"
        )
    return c.value


def _stored(row: models.Correction) -> StoredCorrection:
    return StoredCorrection(
        row.id,
        row.user_email,
        row.created_at,
        row.story_id,
        row.kind,
        row.value,
        row.account_id,
        row.document_url,
    )
