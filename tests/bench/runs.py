"""An earlier run's figures, as the tests of a partial run start from."""

from __future__ import annotations

from bench import history


def earlier_digest_run() -> dict[str, history.Measured]:
    run = {
        "command": "python -m bench",
        "date": "2026-11-26 11:46 UTC",
        "platform": "Linux",
        "cpu": "AMD EPYC",
        "cores": "2",
        "memory": "23.5 GiB",
        "python": "CPython 3.11.7",
        "load_start": "2.37 / 1.71 / 1.54",
        "load_end": "2.44 / 1.86 / 1.63",
    }
    feed = {"median_ms": 7.6, "p95_ms": 9.5, "reads": 50, "statements": 4, "stories": 60}
    digest = {
        "accounts": 1000,
        "items": 100_000,
        "build_s": 10.4,
        "stories_shown": 14880,
        "peak_tree_rss": 573_000_000,
        "web_feed": feed,
        "cli_feed": feed,
    }
    return {"digest": history.Measured(run, digest)}
