"""Migrations that move data, not only schema: stored scheduler jobs follow their functions."""

from __future__ import annotations

import pickle
from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from radar.daemon import jobs


def _alembic(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("radar.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def test_jobs_stored_under_their_old_module_are_moved_to_radar_daemon_jobs(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        command.upgrade(_alembic(connection), "0109")
        for job_id, func in [
            ("crawl:news", "radar.scheduler:crawl_job"),
            ("digest:delta", "radar.scheduler:digest_job"),
            ("elsewhere", "some.other:job"),
        ]:
            state = {"version": 1, "id": job_id, "func": func, "kwargs": {}}
            connection.execute(
                text(
                    "insert into scheduler_jobs (id, next_run_time, job_state) values (:i, 1, :s)"
                ),
                {"i": job_id, "s": pickle.dumps(state)},
            )

    with engine.begin() as connection:
        command.upgrade(_alembic(connection), "head")
        rows = connection.execute(text("select id, job_state from scheduler_jobs")).all()
    engine.dispose()

    funcs = {job_id: pickle.loads(blob)["func"] for job_id, blob in rows}
    assert funcs == {
        "crawl:news": "radar.daemon.jobs:crawl_job",
        "digest:delta": "radar.daemon.jobs:digest_job",
        "elsewhere": "some.other:job",
    }
    assert callable(jobs.crawl_job) and callable(jobs.digest_job)
