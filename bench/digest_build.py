"""Benchmark: the week's digests for 1,000 accounts over 100,000 stored items.

    .venv/bin/python bench/digest_build.py [--accounts 1000] [--items 100000]

Fills a fresh SQLite store (documents, items, stories and account links spread over 20 weeks),
then builds one week's digests, rendered to HTML, text and email, for a quarter (the baseline),
half and all of the accounts, in interleaved rounds: the target is all of them in at most 30 s,
with the cost per account flat against the baseline (linear in the number of accounts). Prints
the figures as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ruamel.yaml import YAML
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from radar.config.loader import load_config
from radar.jobs.digests import build_digests
from radar.store import models
from radar.store.store import Store

WEEKS = 20
FIRST_MONDAY = datetime(2026, 7, 13, tzinfo=UTC)  # ISO week 2026-W29
WEEK = "2026-W47"  # the 19th of the 20 weeks
CATEGORIES = ["launch", "pricing", "partnership", "executive", "regulatory", "other"]
LINKS_PER_ITEM = 3


def write_config(folder: Path, accounts: int, competitors: int) -> Path:
    document = {
        "settings": {"timezone": "UTC"},
        "competitors": [{"id": f"rival-{c}", "name": f"Rival {c}"} for c in range(competitors)],
        "accounts": [
            {
                "id": f"account-{a}",
                "name": f"Account {a}",
                "owner": f"owner{a % 50}@example.com",
                "competitors": [f"rival-{a % competitors}", f"rival-{(a * 7) % competitors}"],
                "value": 50_000 + 1_000 * a,
            }
            for a in range(accounts)
        ],
    }
    path = folder / "sources.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(document, handle)
    return path


def fill(store: Store, accounts: int, items: int, competitors: int) -> None:
    rng = random.Random(7)
    now = datetime(2026, 11, 30, tzinfo=UTC)
    stories, documents, rows, links = [], [], [], []
    for i in range(items):
        dated = FIRST_MONDAY + timedelta(seconds=rng.randrange(WEEKS * 7 * 86400))
        category = rng.choice(CATEGORIES)
        rival = f"rival-{rng.randrange(competitors)}"
        story_id = f"s-{i:08d}"
        title = f"Rival news {i}: a {category} move that matters to some accounts"
        stories.append(
            {
                "id": story_id,
                "title": title,
                "category": category,
                "dated_at": dated,
                "created_at": now,
            }
        )
        documents.append(
            {
                "id": i + 1,
                "source_id": f"src-{i % 300}",
                "source_kind": "feed",
                "about": rival,
                "url": f"https://news.example/{i}",
                "title": title,
                "text": "Body text. " * 40,
                "summary": "The company said this today. It added more.",
                "fingerprint": f"{i:064x}",
                "change": None,
                "published_at": dated,
                "fetched_at": dated,
                "dated_at": dated,
                "story_id": story_id,
            }
        )
        rows.append(
            {
                "id": i + 1,
                "document_id": i + 1,
                "category": category,
                "scores": {category: 0.9},
                "companies": [rival],
                "classified_at": now,
            }
        )
        for account in rng.sample(range(accounts), LINKS_PER_ITEM):
            links.append(
                {
                    "item_id": i + 1,
                    "account_id": f"account-{account}",
                    "story_id": story_id,
                    "score": rng.randrange(20, 100),
                    "rules": ["watched competitor"],
                    "reasons": [f"Rival competes with you for Account {account}"],
                    "dated_at": dated,
                    "created_at": now,
                }
            )
    with store.engine.begin() as connection:
        for table, values in (
            (models.Story, stories),
            (models.Document, documents),
            (models.Item, rows),
            (models.AccountLink, links),
        ):
            for start in range(0, len(values), 5000):
                connection.execute(insert(table), values[start : start + 5000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--competitors", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        config = load_config(write_config(base, args.accounts, args.competitors))
        store = Store(f"sqlite:///{base / 'bench.db'}")
        store.migrate()
        started = time.perf_counter()
        fill(store, args.accounts, args.items, args.competitors)
        print(
            f"filled {args.items} items, {args.items * LINKS_PER_ITEM} links "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        ids = [a.id for a in config.model.accounts]
        now = datetime(2026, 11, 23, 7, tzinfo=UTC)
        build_digests(config, store, WEEK, ids[:10], now)  # warm: templates, sentencizer
        sizes = (len(ids) // 4, len(ids) // 2, len(ids))
        best: dict[int, tuple[float, float, int]] = {}
        # Interleaved rounds, best of each: other work on the machine inflates single runs.
        # CPU time is shown beside: the cost of the work itself when the machine is shared.
        for _ in range(args.rounds):
            for count in sizes:
                wall, cpu = time.perf_counter(), time.process_time()
                built = build_digests(config, store, WEEK, ids[:count], now)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                shown = sum(b.digest.story_count for b in built)
                del built
                if count not in best or wall < best[count][0]:
                    best[count] = (wall, cpu, shown)
        baseline = best[sizes[0]][0] / sizes[0]
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print("| accounts | stories shown | wall s | CPU s | ms per account | vs baseline |")
        print("|---:|---:|---:|---:|---:|---:|")
        for count in sizes:
            wall, cpu, shown = best[count]
            print(
                f"| {count} | {shown} | {wall:.1f} | {cpu:.1f} | {1000 * wall / count:.1f} | "
                f"{(wall / count) / baseline:.2f} |"
            )
        store.close()


if __name__ == "__main__":
    main()
