"""Story assignment as the store grows, beside comparing with every document in the window.

    python -m bench.stories --sizes 1000 4000 --json-out F

For each size, a fresh SQLite store is filled, in transactions of 50 as the crawl writes, with
news items written by the bench (bench/prose.py's articles over 60 days, a third of them
rewrites or copies of another); then each of the last TIMED items is stored alone through
`Store.add_document` (story matching by index keys, and its own transaction), after the
baseline has read every document in its time window and compared it with each: what matching
would cost without index keys.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.child import child_parser, run_child, write_json
from bench.corpus import SEED
from bench.machine import say
from bench.prose import write_story
from bench.vocabulary import COMPETITORS
from extractors.fingerprint import text_fingerprint
from radar.records import Classification, Document, Mention

if TYPE_CHECKING:  # the runner imports this module; only the child stores
    from radar.store.store import Store

START = datetime(2026, 9, 1, tzinfo=UTC)
DAYS = 60
TIMED = 300
BATCH = 50
NAMES = dict(COMPETITORS)


def measure_stories(sizes: tuple[int, ...]) -> dict[str, Any]:
    say(f"stories: story assignment at store sizes {', '.join(map(str, sizes))} in a child")
    args = ["--sizes", *map(str, sizes)]
    return run_child("bench.stories", args, "story assignment").result


def news_items(size: int, seed: int = SEED) -> list[tuple[Document, Classification]]:
    """`size` classified items, oldest first by number; a third retell an earlier one."""
    rng = random.Random(seed)
    items: list[tuple[Document, Classification]] = []
    for number in range(size):
        if items and rng.random() < 1 / 3:
            items.append(_retold(rng, number, *rng.choice(items)))
        else:
            at = START + timedelta(minutes=rng.randrange(DAYS * 24 * 60))
            items.append(_article(number, seed, at))
    return items


def _article(number: int, seed: int, at: datetime) -> tuple[Document, Classification]:
    story = write_story(number, seed)
    text = "\n".join(story.paragraphs)
    return _item(number, story.title, text, at, story.competitor_id, story.kind)


def _retold(
    rng: random.Random, number: int, doc: Document, result: Classification
) -> tuple[Document, Classification]:
    """The same lead, the rest of the words shuffled, a day or two later: a rewrite or a copy."""
    words = doc.text.split()
    text = " ".join(words[:8] + rng.sample(words[8:], len(words) - 8))
    at = doc.dated_at + timedelta(hours=rng.randrange(1, 48))
    return _item(number, doc.title, text, at, result.companies[0], result.category)


def _item(
    number: int, title: str, text: str, at: datetime, company_id: str, category: str
) -> tuple[Document, Classification]:
    source = f"source{number % 50}"
    url = f"https://{source}.example/{number}"
    doc = Document(
        source, "feed", company_id, url, title, text, at, at, fingerprint=text_fingerprint(text)
    )
    name = NAMES[company_id]
    mention = Mention(company_id, name, 0, len(name))
    return doc, Classification(category, {category: 0.9}, (company_id,), (), (mention,))


def costs(size: int) -> dict[str, Any]:
    """Milliseconds per document, story assignment and baseline, over the last TIMED of `size`."""
    from radar.store.store import Store

    items = news_items(size)
    timed = min(TIMED, size // 2)
    now = START + timedelta(days=DAYS + 30)
    indexed, baseline = [], []
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.migrate()
        filling = items[:-timed]
        for start in range(0, len(filling), BATCH):
            store.add_documents([(d, r, None) for d, r in filling[start : start + BATCH]], now)
        for doc, result in items[-timed:]:
            baseline.append(_compare_with_all(store, doc, result))
            started = time.perf_counter()
            store.add_document(doc, result, now)
            indexed.append(time.perf_counter() - started)
        store.close()
    return {
        "size": size,
        "timed": timed,
        "indexed_ms": 1000 * statistics.mean(indexed),
        "baseline_ms": 1000 * statistics.mean(baseline),
    }


def _compare_with_all(store: Store, doc: Document, result: Classification) -> float:
    """The baseline: read every document in the window and compare the new one with each."""
    from extractors.stories import SEARCH_WINDOW, best_match, candidate
    from radar.store import models
    from radar.store.stories import _CANDIDATE_COLUMNS, _stored

    started = time.perf_counter()
    item = candidate(doc.url, doc, result)
    # The store's own candidate columns and decoding, without its index keys.
    window = _CANDIDATE_COLUMNS.where(
        models.Document.dated_at >= doc.dated_at - SEARCH_WINDOW,
        models.Document.dated_at <= doc.dated_at + SEARCH_WINDOW,
    )
    with store.session() as session:
        best_match(item, [_stored(row) for row in session.execute(window)])
    return time.perf_counter() - started


def main() -> None:
    parser = child_parser("Time story assignment as the store grows.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    args = parser.parse_args()
    write_json(args.json_out, {"sizes": [costs(size) for size in args.sizes]})


if __name__ == "__main__":
    main()
