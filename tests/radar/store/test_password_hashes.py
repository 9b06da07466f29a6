"""Web users' passwords are kept only as Argon2id hashes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from radar.store import models
from radar.store.users import add_user, authenticate, change_password

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


def test_a_password_is_stored_as_an_argon2id_hash_never_as_itself(store):
    user, one_time = add_user(store, "ana@example.com", "analyst", NOW)
    change_password(store, user.id, "correct horse battery")

    with store.session() as session:
        stored = session.scalars(select(models.User.password_hash)).one()

    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored and one_time not in stored
    assert authenticate(store, "ana@example.com", "correct horse battery", NOW) is not None
