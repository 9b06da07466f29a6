"""INSERT … ON CONFLICT in the database's own dialect: a row two writers may add at once is
written by both without either failing, on PostgreSQL and SQLite alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from radar.store import models


def upsert(
    session: Session,
    model: type[models.Base],
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    update: Sequence[str] = (),
) -> None:
    """Insert the rows; one whose `keys` are taken has its `update` columns set instead (or is
    left alone when `update` is empty)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(models.table(model)).values(list(rows))
    if update:
        session.execute(
            statement.on_conflict_do_update(
                index_elements=list(keys), set_={c: statement.excluded[c] for c in update}
            )
        )
    else:
        session.execute(statement.on_conflict_do_nothing(index_elements=list(keys)))
