"""Story matching cost as the store grows, and extraction cost against trafilatura alone.

Run from the repository root: `python -m bench.extract_stories [--sizes 1000 4000]`.

1. Story assignment: documents written by the bench (news items of 20 companies over 60 days,
   a third of them rewrites or copies of another) are stored one by one through
   `Store.add_document`; the time per document over the last 300 is measured at each store
   size, side by side with the baseline that compares a new document with every document in
   the time window (what matching costs without index keys).
2. Extraction: `to_document` (trafilatura, htmldate, language, ftfy, fingerprint) against
   `trafilatura.bare_extraction` alone, on the same pages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import trafilatura
from sqlalchemy import select

from extractors.document import to_document
from extractors.fingerprint import text_fingerprint
from extractors.stories import SEARCH_WINDOW, best_match, candidate
from radar.records import Classification, Document, Fetched, Mention
from radar.store import models
from radar.store.store import Store
from radar.store.stories import _stored

COMPANIES = [f"Company{n:02d}" for n in range(20)]
CATEGORIES = ["launch", "pricing", "partnership", "executive", "regulatory", "other"]
WORDS = [
    "network",
    "fleet",
    "service",
    "passengers",
    "operators",
    "contract",
    "terminal",
    "satellite",
    "coverage",
    "price",
    "plan",
    "customers",
    "market",
    "region",
    "rail",
    "ferry",
    "airline",
    "cabin",
    "portal",
    "streaming",
    "data",
    "capacity",
    "launch",
    "agreement",
    "partner",
    "regulator",
    "approval",
    "board",
    "officer",
    "chief",
    "growth",
    "quarter",
    "results",
]
START = datetime(2026, 9, 1, tzinfo=UTC)


def news_item(rng: random.Random, n: int) -> tuple[Document, Classification]:
    company = rng.choice(COMPANIES)
    category = rng.choice(CATEGORIES)
    specifics = [
        f"Name{rng.randrange(5000)}",
        f"Place{rng.randrange(3000)}",
        str(rng.randrange(10, 999)),
    ]
    body = " ".join(rng.choice(WORDS) for _ in range(120))
    title = f"{company} {category} news {' '.join(specifics)}"
    text = f"{company} said {' '.join(specifics)} today. {body}"
    at = START + timedelta(minutes=rng.randrange(60 * 24 * 60))
    return _doc(n, title, text, at, company, category)


def _doc(
    n: int, title: str, text: str, at: datetime, company: str, category: str
) -> tuple[Document, Classification]:
    doc = Document(
        f"source{n % 50}", "feed", "news", f"https://news{n % 50}.example/{n}", title, text, at, at,
        fingerprint=text_fingerprint(text),
    )  # fmt: skip
    mention = Mention(company.lower(), company, 0, len(company))
    return doc, Classification(category, {category: 0.9}, (company.lower(),), (), (mention,))


def corpus(size: int, seed: int = 5) -> list[tuple[Document, Classification]]:
    rng = random.Random(seed)
    items: list[tuple[Document, Classification]] = []
    for n in range(size):
        if items and rng.random() < 0.33:
            doc, result = rng.choice(items)
            words = doc.text.split()
            rewrite = " ".join(words[:8] + rng.sample(words[8:], len(words) - 8))
            at = doc.dated_at + timedelta(hours=rng.randrange(1, 48))
            items.append(_doc(n, doc.title, rewrite, at, result.mentions[0].text, result.category))
        else:
            items.append(news_item(rng, n))
    return items


def story_costs(sizes: list[int]) -> list[tuple[int, float, float]]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
            store.migrate()
            items = corpus(size)
            now = START + timedelta(days=90)
            for doc, result in items[:-300]:
                store.add_document(doc, result, now)
            indexed, baseline = [], []
            for doc, result in items[-300:]:
                baseline.append(_all_pairs_seconds(store, doc, result))
                started = time.perf_counter()
                store.add_document(doc, result, now)
                indexed.append(time.perf_counter() - started)
            store.close()
        rows.append((size, statistics.mean(indexed) * 1000, statistics.mean(baseline) * 1000))
    return rows


def _all_pairs_seconds(store: Store, doc: Document, result: Classification) -> float:
    """The baseline: read every document in the window and compare the new one with each."""
    started = time.perf_counter()
    item = candidate(doc.url, doc, result)
    with store.session() as session:
        rows = session.execute(
            select(models.Document, models.Item.category, models.Item.companies)
            .join(models.Item, models.Item.document_id == models.Document.id)
            .where(
                models.Document.dated_at >= doc.dated_at - SEARCH_WINDOW,
                models.Document.dated_at <= doc.dated_at + SEARCH_WINDOW,
            )
        )
        best_match(item, [_stored(d, c, cs) for d, c, cs in rows])
    return time.perf_counter() - started


def extraction_costs(pages: int = 200) -> tuple[float, float]:
    html = (
        Path(__file__).parents[1] / "tests/extractors/pages/trade-news-with-comments.html"
    ).read_text(encoding="utf-8")
    bodies = [html.replace("60 passenger", f"{n} passenger") for n in range(pages)]
    fetched_at = datetime(2026, 11, 20, tzinfo=UTC)
    to_document(Fetched("s", "site", "news", "https://x.example/0", bodies[0], fetched_at))
    started = time.perf_counter()
    for n, body in enumerate(bodies):
        to_document(Fetched("s", "site", "news", f"https://x.example/{n}", body, fetched_at))
    ours = pages / (time.perf_counter() - started)
    started = time.perf_counter()
    for body in bodies:
        trafilatura.bare_extraction(body, with_metadata=True, include_comments=False)
    alone = pages / (time.perf_counter() - started)
    return ours, alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    args = parser.parse_args()
    print("store size | story assignment ms/doc (indexed) | all-pairs baseline ms/doc | ratio")
    for size, indexed, baseline in story_costs(args.sizes):
        print(f"{size:>10} | {indexed:>33.2f} | {baseline:>25.2f} | {baseline / indexed:.1f}x")
    ours, alone = extraction_costs()
    print(
        f"extraction: to_document {ours:.0f} pages/s, trafilatura alone {alone:.0f} pages/s "
        f"(ratio {ours / alone:.2f})"
    )


if __name__ == "__main__":
    main()
