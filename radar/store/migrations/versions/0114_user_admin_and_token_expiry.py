"""Users can be disabled, their last sign-in is kept, and API tokens expire.

Tokens made before this get 90 days from the upgrade, the default of `users token`.

Revision ID: 0114
Revises: 0113
Create Date: 2026-12-08
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import radar.store.columns

revision: str = "0114"
down_revision: str | None = "0113"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENS = sa.table(
    "api_tokens", sa.column("expires_at", radar.store.columns.UtcDateTime(timezone=True))
)


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "last_sign_in_at", radar.store.columns.UtcDateTime(timezone=True), nullable=True
            )
        )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expires_at", radar.store.columns.UtcDateTime(timezone=True), nullable=True)
        )
    op.get_bind().execute(TOKENS.update().values(expires_at=datetime.now(UTC) + timedelta(days=90)))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("last_sign_in_at")
        batch_op.drop_column("disabled")
