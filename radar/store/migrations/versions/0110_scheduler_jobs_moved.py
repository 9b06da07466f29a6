"""The daemon's jobs moved from radar.scheduler to radar.daemon.jobs: stored jobs follow.

APScheduler keeps each job's function as its import path inside the pickled job state; a stored
path that no longer imports would be dropped on the next start, with the job's next run time.

Revision ID: 0110
Revises: 0109
Create Date: 2026-12-07
"""

import pickle
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0110"
down_revision: str | None = "0109"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD, NEW = "radar.scheduler:", "radar.daemon.jobs:"
JOBS = sa.table(
    "scheduler_jobs", sa.column("id", sa.Unicode), sa.column("job_state", sa.LargeBinary)
)


def upgrade() -> None:
    _rename(OLD, NEW)


def downgrade() -> None:
    _rename(NEW, OLD)


def _rename(old: str, new: str) -> None:
    bind = op.get_bind()
    for job_id, blob in bind.execute(sa.select(JOBS.c.id, JOBS.c.job_state)).all():
        # The job store's own pickles, written by this daemon; never data from outside.
        state = pickle.loads(blob)
        func = state.get("func")
        if isinstance(func, str) and func.startswith(old):
            state["func"] = new + func.removeprefix(old)
            blob = pickle.dumps(state, pickle.HIGHEST_PROTOCOL)
            bind.execute(JOBS.update().where(JOBS.c.id == job_id).values(job_state=blob))
