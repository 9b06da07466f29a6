"""API tokens: long random strings shown once; the store keeps only their hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select

from radar.store import models
from radar.store.store import Store
from radar.store.users import UserError, WebUser, normalise_email, web_user

TOKEN_PREFIX = "rr_"


def issue_token(store: Store, email: str, now: datetime) -> str:
    """A new API token for the user; only its hash is kept, so it is shown once."""
    address = normalise_email(email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.session() as session:
        user_id = session.scalar(select(models.User.id).where(models.User.email == address))
        if user_id is None:
            raise UserError(f"no user {address}; create one with `users add {address} --role ...`")
        session.add(models.ApiToken(user_id=user_id, token_hash=_token_hash(token), created_at=now))
    return token


def user_for_token(store: Store, token: str, now: datetime) -> WebUser | None:
    with store.session() as session:
        row = session.scalar(
            select(models.ApiToken).where(models.ApiToken.token_hash == _token_hash(token))
        )
        if row is None:
            return None
        row.last_used_at = now
        user = session.get(models.User, row.user_id)
        return web_user(user) if user is not None else None


def _token_hash(token: str) -> str:
    # Tokens are long random strings, so a fast hash is enough; it lets a token be looked up.
    return hashlib.sha256(token.encode()).hexdigest()
