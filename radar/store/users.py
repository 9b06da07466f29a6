"""Web users, their roles, passwords and API tokens: analysts edit the config, managers read."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from radar.errors import RadarError
from radar.store import models
from radar.store.store import Store

ROLES = ("analyst", "manager")
MIN_PASSWORD_LENGTH = 10

# Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): a sign-in costs ~40 ms.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the email is unknown, so that a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class UserError(RadarError):
    """A user that cannot be created, found or changed as asked."""


@dataclass(frozen=True, slots=True)
class WebUser:
    id: int
    email: str
    role: str
    must_change_password: bool
    created_at: datetime
    session_version: int = 0
    is_disabled: bool = False
    tokens: int = 0
    last_used_at: datetime | None = None  # the last sign-in or token use

    @property
    def is_analyst(self) -> bool:
        return self.role == "analyst"


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as err:
        raise UserError(f"{email!r} is not an email address: {err}") from err


def add_user(store: Store, email: str, role: str, now: datetime) -> tuple[WebUser, str]:
    """Create a user with a one-time password; return the user and that password."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    address = normalise_email(email)
    password = secrets.token_urlsafe(12)
    with store.session() as session:
        if session.scalar(select(models.User.id).where(models.User.email == address)):
            raise UserError(f"a user {address} exists already; `users list` shows every user")
        row = models.User(
            email=address,
            role=role,
            password_hash=_hasher.hash(password),
            created_at=now,
            must_change_password=True,
        )
        session.add(row)
        session.flush()
        return web_user(row), password


def authenticate(store: Store, email: str, password: str, now: datetime) -> WebUser | None:
    """The user whose email and password these are, or None (for a disabled user too)."""
    try:
        address = normalise_email(email)
    except UserError:
        address = ""
    with store.session() as session:
        row = session.scalar(select(models.User).where(models.User.email == address))
        if row is None:
            _verify(_DUMMY_HASH, password)
            return None
        if not _verify(row.password_hash, password) or row.disabled:
            return None
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        row.last_sign_in_at = now
        return web_user(row)


def has_password(store: Store, user_id: int, password: str) -> bool:
    """Whether this is the user's password now (the one-time one, until it is changed)."""
    with store.session() as session:
        row = session.get(models.User, user_id)
        return _verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None


def change_password(store: Store, user_id: int, password: str) -> int:
    """Set a password the user chose; the one-time password and every session stop working.

    Returns the new session version, for the session that made the change to carry on with."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    with store.session() as session:
        row = session.get(models.User, user_id)
        if row is None:
            raise UserError("no such user; it may have been removed")
        if _verify(row.password_hash, password):
            raise UserError("choose a password other than the one you signed in with")
        row.password_hash, row.must_change_password = _hasher.hash(password), False
        row.session_version += 1
        return row.session_version


def end_sessions(store: Store, email: str) -> WebUser:
    """Sign the user out everywhere: every session cookie made so far stops working."""
    with store.session() as session:
        row = _find(session, email)
        row.session_version += 1
        return web_user(row)


def set_disabled(store: Store, email: str, is_disabled: bool) -> WebUser:
    """Disable (sessions end, sign-in and tokens refused) or enable the user again."""
    with store.session() as session:
        row = _find(session, email)
        row.disabled = is_disabled
        row.session_version += 1
        return web_user(row)


def reset_password(store: Store, email: str) -> tuple[WebUser, str]:
    """A new one-time password for the user; their sessions end and the old password stops."""
    password = secrets.token_urlsafe(12)
    with store.session() as session:
        row = _find(session, email)
        row.password_hash, row.must_change_password = _hasher.hash(password), True
        row.session_version += 1
        return web_user(row), password


def remove_user(store: Store, email: str) -> WebUser:
    """Remove the user and their API tokens."""
    with store.session() as session:
        row = _find(session, email)
        session.execute(delete(models.ApiToken).where(models.ApiToken.user_id == row.id))
        session.delete(row)
        return web_user(row)


def get_user(store: Store, user_id: int) -> WebUser | None:
    with store.session() as session:
        row = session.get(models.User, user_id)
        return web_user(row) if row is not None else None


def list_users(store: Store) -> list[WebUser]:
    with store.session() as session:
        tokens = {
            user_id: (count, last_used)
            for user_id, count, last_used in session.execute(
                select(
                    models.ApiToken.user_id,
                    func.count(),
                    func.max(models.ApiToken.last_used_at),
                ).group_by(models.ApiToken.user_id)
            )
        }
        rows = session.scalars(select(models.User).order_by(models.User.email))
        return [web_user(row, *tokens.get(row.id, (0, None))) for row in rows]


def web_user(row: models.User, tokens: int = 0, token_used_at: datetime | None = None) -> WebUser:
    uses = [t for t in (row.last_sign_in_at, token_used_at) if t is not None]
    return WebUser(
        row.id,
        row.email,
        row.role,
        bool(row.must_change_password),
        row.created_at,
        row.session_version,
        bool(row.disabled),
        tokens,
        max(uses, default=None),
    )


def _find(session: Session, email: str) -> models.User:
    address = normalise_email(email)
    row = session.scalar(select(models.User).where(models.User.email == address))
    if row is None:
        raise UserError(f"no user {address}; `users list` shows every user")
    return row


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
