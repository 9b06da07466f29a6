"""API tokens: long random strings shown once; the store keeps only their hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from radar.store import models
from radar.store.store import Store
from radar.store.users import UserError, WebUser, normalise_email, web_user

TOKEN_PREFIX = "rr_"


def issue_token(store: Store, email: str, now: datetime, lifetime: timedelta) -> str:
    """A new API token for the user, good for `lifetime`; only its hash is kept, so it is shown
    once."""
    address = normalise_email(email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.session() as session:
        user_id = session.scalar(select(models.User.id).where(models.User.email == address))
        if user_id is None:
            raise UserError(f"no user {address}; create one with `users add {address} --role ...`")
        session.add(
            models.ApiToken(
                user_id=user_id,
                token_hash=_token_hash(token),
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return token


def user_for_token(store: Store, token: str, now: datetime) -> WebUser | None:
    """The user of a token that has not expired; None for an unknown one, or a disabled user."""
    with store.session() as session:
        row = session.scalar(
            select(models.ApiToken).where(models.ApiToken.token_hash == _token_hash(token))
        )
        if row is None or (row.expires_at is not None and row.expires_at <= now):
            return None
        user = session.get(models.User, row.user_id)
        if user is None or user.disabled:
            return None
        row.last_used_at = now
        return web_user(user)


def revoke_tokens(store: Store, email: str) -> int:
    """Every API token of the user stops working; returns how many there were."""
    address = normalise_email(email)
    with store.session() as session:
        user_id = session.scalar(select(models.User.id).where(models.User.email == address))
        if user_id is None:
            raise UserError(f"no user {address}; `users list` shows every user")
        gone = session.execute(delete(models.ApiToken).where(models.ApiToken.user_id == user_id))
        return int(getattr(gone, "rowcount", 0))


def _token_hash(token: str) -> str:
    # Tokens are long random strings, so a fast hash is enough; it lets a token be looked up.
    return hashlib.sha256(token.encode()).hexdigest()
