"""The JSON API of analysts' corrections: a story's category, its links, its documents, its companies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Security, status
from pydantic import BaseModel, ConfigDict, Field

from radar.store.corrections import (
    KINDS,
    CorrectionError,
    Known,
    NewCorrection,
    StoredCorrection,
    has_story,
    list_corrections,
    record_correction,
)
from radar.store.users import WebUser
from radar.web.api import ERRORS
from radar.web.security import BEARER, SESSION, api_analyst, context

router = APIRouter(
    prefix="/api", responses=ERRORS, dependencies=[Security(BEARER), Security(SESSION)]
)
Analyst = Annotated[WebUser, Depends(api_analyst)]


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(description=f"One of: {', '.join(KINDS)}.")
    value: str = Field(
        "",
        max_length=300,
        description="category: the category; same_story: the other story's id; "
        "company: +ID or -ID; otherwise empty.",
    )
    account_id: str | None = Field(None, max_length=80, description="not_threat: the account.")
    document_url: str | None = Field(
        None,
        max_length=2048,
        description="not_same_story (and optionally company): the document's URL.",
    )


class Correction(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: int
    story_id: str
    kind: str
    value: str
    account_id: str | None
    document_url: str | None
    user_email: str
    created_at: datetime


@router.post("/stories/{story_id}/corrections", status_code=status.HTTP_201_CREATED)
def correct_story(
    request: Request, user: Analyst, story_id: str, correction: CorrectionIn
) -> Correction:
    """Correct a story; applied at once to the feeds, digests, portfolio and alerts not yet sent."""
    ctx = context(request)
    model = ctx.config().model
    accounts = {a.id for a in model.accounts}
    known = Known(accounts, accounts | {c.id for c in model.competitors})
    new = NewCorrection(
        story_id,
        correction.kind,
        correction.value,
        correction.account_id,
        correction.document_url,
    )
    try:
        stored = record_correction(ctx.store, user.email, new, known, ctx.clock())
    except CorrectionError as err:
        raise HTTPException(422, {"message": str(err), "problems": [str(err)]}) from err
    return _out(stored)


@router.get("/stories/{story_id}/corrections")
def story_corrections(request: Request, user: Analyst, story_id: str) -> list[Correction]:
    """The story's corrections, oldest first."""
    store = context(request).store
    if not has_story(store, story_id):
        raise HTTPException(404, f"no story {story_id!r}")
    return [_out(c) for c in list_corrections(store, story_id)]


def _out(stored: StoredCorrection) -> Correction:
    return Correction(
        id=stored.id,
        story_id=stored.story_id,
        kind=stored.kind,
        value=stored.value,
        account_id=stored.account_id,
        document_url=stored.document_url,
        user_email=stored.user_email,
        created_at=stored.created_at,
    )
