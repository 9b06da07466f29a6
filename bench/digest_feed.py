"""The week's digests for every account, and the threat-feed queries, on one filled store.

    python -m bench.digest_feed --accounts A --items I --feeds 50 --json-out F

Fills a fresh SQLite store as bench/digest_build.py does, builds one round of the week's digests
for all accounts (after a warm-up on ten), then times the two reads of an account's threat feed
for `--feeds` different accounts: the web page's (`Views.feed`, the last four weeks, through
`queries.account_stories`) and `rivalradar feed`'s (`feed_entries`, the newest 50, through
`queries.recent_account_stories`). It counts the SQL statements one such read issues.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.child import run_child, write_json
from bench.machine import say

NOW = datetime(2026, 11, 23, 7, tzinfo=UTC)
COMPETITORS = 50
FEED_LIMIT = 50


def measure_digest(accounts: int, items: int, feeds: int) -> dict[str, Any]:
    say(f"digest: {accounts} accounts over {items} items, and {feeds} threat feeds, in a child")
    run = run_child(
        "bench.digest_feed",
        ["--accounts", str(accounts), "--items", str(items), "--feeds", str(feeds)],
        "the digest build",
    )
    return {**run.result, "peak_tree_rss": run.peak_tree_rss}


@contextmanager
def counted_statements(engine: Any) -> Iterator[list[str]]:
    """The SQL statements the engine runs inside the block."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def time_reads(read: Callable[[str], object], account_ids: list[str]) -> dict[str, Any]:
    read(account_ids[0])  # warm-up: compiled statement cache, connection pool
    times_ms = []
    for account_id in account_ids:
        started = time.perf_counter()
        read(account_id)
        times_ms.append(1000 * (time.perf_counter() - started))
    times_ms.sort()
    return {
        "reads": len(times_ms),
        "median_ms": statistics.median(times_ms),
        "p95_ms": times_ms[max(0, round(0.95 * len(times_ms)) - 1)],
        "max_ms": times_ms[-1],
    }


def child_main(accounts: int, items: int, feeds: int, json_out: Path) -> None:
    from bench.digest_build import WEEK, fill, write_config
    from radar.cli.feed import feed_entries
    from radar.config.loader import load_config
    from radar.jobs.digests import build_digests
    from radar.store.store import Store
    from radar.web.views import Views

    with tempfile.TemporaryDirectory(prefix="bench-digest-") as folder:
        config = load_config(write_config(Path(folder), accounts, COMPETITORS))
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.migrate()
        started = time.perf_counter()
        fill(store, accounts, items, COMPETITORS)
        fill_s = time.perf_counter() - started
        ids = [a.id for a in config.model.accounts]
        build_digests(config, store, WEEK, ids[:10], NOW)  # warm: templates, sentencizer
        started = time.perf_counter()
        built = build_digests(config, store, WEEK, ids, NOW)
        build_s = time.perf_counter() - started
        shown = sum(b.digest.story_count for b in built)
        del built
        views = Views(store, lambda: config, lambda: NOW)
        step = max(1, len(ids) // feeds)
        chosen = ids[::step][:feeds]
        # Each read returns the number of stories it shows.
        reads: dict[str, Callable[[str], int]] = {
            "web_feed": lambda account_id: len(
                views.feed(account_id, "reader@example.com").stories
            ),
            "cli_feed": lambda account_id: len(feed_entries(config, store, account_id, FEED_LIMIT)),
        }
        result: dict[str, Any] = {
            "accounts": accounts,
            "items": items,
            "fill_s": fill_s,
            "build_s": build_s,
            "stories_shown": shown,
        }
        for name, read in reads.items():
            with counted_statements(store.engine) as statements:
                stories = read(chosen[-1])
            result[name] = {
                **time_reads(read, chosen),
                "statements": len(statements),
                "stories": stories,
            }
        store.close()
    write_json(json_out, result)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time digests and threat-feed reads.")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args()
    child_main(args.accounts, args.items, args.feeds, args.json_out)


if __name__ == "__main__":
    main()
