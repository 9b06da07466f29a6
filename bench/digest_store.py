"""The digest part's store: accounts, competitors and 20 weeks of stored items with their links.

A fresh SQLite store is filled with plain inserts (documents, items, stories and three account
links an item), spread over 20 weeks; the digests are built for the 19th of them.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from sqlalchemy import insert

from radar.store import models
from radar.store.store import Store

WEEKS = 20
FIRST_MONDAY = datetime(2026, 7, 13, tzinfo=UTC)  # ISO week 2026-W29
WEEK = "2026-W47"  # the 19th of the 20 weeks
CATEGORIES = ("launch", "pricing", "partnership", "executive", "regulatory", "other")
LINKS_PER_ITEM = 3
FILLED_AT = datetime(2026, 11, 30, tzinfo=UTC)
BATCH = 5000

Row = dict[str, Any]


def write_config(folder: Path, accounts: int, competitors: int) -> Path:
    """A config of `accounts` accounts, each watching two of `competitors` competitors."""
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
    """Insert `items` stored items, each its own story, linked to three accounts at random."""
    rng = random.Random(7)
    tables: dict[Any, list[Row]] = {
        models.Story: [],
        models.Document: [],
        models.Item: [],
        models.AccountLink: [],
    }
    for number in range(items):
        for table, row in _item_rows(rng, number, accounts, competitors):
            tables[table].append(row)
    with store.engine.begin() as connection:
        for table, values in tables.items():
            for start in range(0, len(values), BATCH):
                connection.execute(insert(table), values[start : start + BATCH])


def _item_rows(
    rng: random.Random, number: int, accounts: int, competitors: int
) -> list[tuple[Any, Row]]:
    """One item's rows: its story, document, item and account links, by their table."""
    dated = FIRST_MONDAY + timedelta(seconds=rng.randrange(WEEKS * 7 * 86400))
    category = rng.choice(CATEGORIES)
    rival = f"rival-{rng.randrange(competitors)}"
    story_id = f"s-{number:08d}"
    title = f"Rival news {number}: a {category} move that matters to some accounts"
    story = {"id": story_id, "title": title, "category": category, "dated_at": dated}
    item = {"id": number + 1, "document_id": number + 1, "category": category}
    item |= {"scores": {category: 0.9}, "companies": [rival], "classified_at": FILLED_AT}
    links = [
        {
            "item_id": number + 1,
            "account_id": f"account-{account}",
            "story_id": story_id,
            "score": rng.randrange(20, 100),
            "rules": ["watched competitor"],
            "reasons": [f"Rival competes with you for Account {account}"],
            "dated_at": dated,
            "created_at": FILLED_AT,
        }
        for account in rng.sample(range(accounts), LINKS_PER_ITEM)
    ]
    return [
        (models.Story, story | {"created_at": FILLED_AT}),
        (models.Document, _document_row(number, story, rival)),
        (models.Item, item),
        *((models.AccountLink, link) for link in links),
    ]


def _document_row(number: int, story: Row, rival: str) -> Row:
    dated = story["dated_at"]
    return {
        "id": number + 1,
        "source_id": f"src-{number % 300}",
        "source_kind": "feed",
        "about": rival,
        "url": f"https://news.example/{number}",
        "title": story["title"],
        "text": "Body text. " * 40,
        "summary": "The company said this today. It added more.",
        "fingerprint": f"{number:064x}",
        "change": None,
        "published_at": dated,
        "fetched_at": dated,
        "dated_at": dated,
        "story_id": story["id"],
    }
