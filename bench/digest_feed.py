"""The week's digests for every account, and the threat-feed queries, on one filled store.

    python -m bench.digest_feed --accounts A --items I --feeds 50 --json-out F

Fills a fresh SQLite store (bench/digest_store.py), builds the week's digests, rendered to HTML,
text and email, for a quarter, then half, then all of the accounts (after a warm-up on ten): the
cost per account should stay flat as accounts grow. Then it times the two reads of an account's
threat feed for `--feeds` different accounts: the web page's (`Views.feed`, the last four weeks, through
`queries.account_stories`) and `rivalradar feed`'s (`feed_entries`, the newest 50, through
`queries.recent_account_stories`). It counts the SQL statements one such read issues.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.child import child_parser, run_child, write_json
from bench.digest_store import WEEK, fill, write_config
from bench.machine import say
from radar.config.loader import LoadedConfig, load_config
from radar.store.store import Store

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
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as folder:
        config = load_config(write_config(Path(folder), accounts, COMPETITORS))
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.migrate()
        started = time.perf_counter()
        fill(store, accounts, items, COMPETITORS)
        result: dict[str, Any] = {
            "accounts": accounts,
            "items": items,
            "fill_s": time.perf_counter() - started,
            **build_rounds(config, store),
            **read_feeds(config, store, feeds),
        }
        store.close()
    write_json(json_out, result)


def build_rounds(config: LoadedConfig, store: Store) -> dict[str, Any]:
    """The week's digests for a quarter, half and all of the accounts, each timed."""
    from radar.jobs.digests import build_digests

    ids = [a.id for a in config.model.accounts]
    build_digests(config, store, WEEK, ids[:10])  # warm: templates, sentencizer
    scaling = []
    for count in (len(ids) // 4, len(ids) // 2, len(ids)):
        wall, cpu = time.perf_counter(), time.process_time()
        built = build_digests(config, store, WEEK, ids[:count])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        shown = sum(b.digest.story_count for b in built)
        del built  # the next round's peak memory is its own
        scaling.append({"accounts": count, "wall_s": wall, "cpu_s": cpu, "stories_shown": shown})
    everyone = scaling[-1]
    return {
        "build_s": everyone["wall_s"],
        "stories_shown": everyone["stories_shown"],
        "scaling": scaling,
    }


def read_feeds(config: LoadedConfig, store: Store, feeds: int) -> dict[str, Any]:
    """Both reads of the threat feed, timed over `feeds` accounts, with their SQL statements."""
    from radar.cli.feed import feed_entries
    from radar.web.views import Views

    ids = [a.id for a in config.model.accounts]
    views = Views(store, lambda: config, lambda: NOW)
    chosen = ids[:: max(1, len(ids) // feeds)][:feeds]
    # Each read returns the number of stories it shows.
    reads: dict[str, Callable[[str], int]] = {
        "web_feed": lambda account_id: len(views.feed(account_id, "reader@example.com").stories),
        "cli_feed": lambda account_id: len(feed_entries(config, store, account_id, FEED_LIMIT)),
    }
    found: dict[str, Any] = {}
    for name, read in reads.items():
        with counted_statements(store.engine) as statements:
            stories = read(chosen[-1])
        found[name] = {
            **time_reads(read, chosen),
            "statements": len(statements),
            "stories": stories,
        }
    return found


def main() -> None:
    parser = child_parser("Time digests and threat-feed reads.")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=50)
    args = parser.parse_args()
    child_main(args.accounts, args.items, args.feeds, args.json_out)


if __name__ == "__main__":
    main()
