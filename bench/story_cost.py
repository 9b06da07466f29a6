"""What story matching adds to a crawl: the same ingestion with and without it, side by side.

    python -m bench --only story_cost [--big-pages 10000]

The bench's site is ingested by the ingestion child (bench/ingest.py) in alternate runs, with
story matching and with the store's side of it switched off (`--without-story-matching`: each
document opens its own story and writes no index keys, so no candidate is read or compared).
That side runs in the crawling process, the busier one; the workers' side (a document's MinHash
signature and weighted lead, made beside its extraction and classification) is timed apart, in
milliseconds a document, on the bench's own articles.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bench.child import run_child
from bench.corpus import write_site
from bench.ingest import write_config
from bench.machine import say
from bench.server import serve
from bench.stories import news_items

ROUNDS = 2
CANDIDATES_TIMED = 2000


def measure_story_cost(
    pages: int, folder: Path, cache_dir: Path, rounds: int = ROUNDS
) -> dict[str, Any]:
    """First-crawl seconds of `pages` articles with and without story matching, alternately."""
    say(f"story_cost: writing a site of {pages} articles")
    site = write_site(folder / "site", pages)
    runs: dict[str, list[float]] = {"with": [], "without": []}
    with serve(site.folder) as base_url:
        config = write_config(folder, base_url)
        for number in range(rounds):
            for variant in ("with", "without"):
                database = folder / f"{variant}-{number}.db"
                args = ["--config", str(config), "--db", f"sqlite:///{database}"]
                args += ["--cache-dir", str(cache_dir), "--first-only"]
                if variant == "without":
                    args.append("--without-story-matching")
                say(f"story_cost: round {number + 1}, {variant} story matching")
                found = run_child(
                    "bench.ingest",
                    args,
                    f"ingestion of {pages} pages {variant} story matching",
                ).result
                runs[variant].append(found["first"]["seconds"])
                database.unlink()
    with_, without = statistics.median(runs["with"]), statistics.median(runs["without"])
    return {
        "pages": pages,
        "seconds": runs,
        "added": with_ / without - 1,
        "candidate_ms": _candidate_ms(),
    }


def _candidate_ms() -> float:
    """Milliseconds a document for what the workers prepare for story matching."""
    from extractors.stories import candidate

    items = news_items(CANDIDATES_TIMED)
    started = time.process_time()
    for doc, result in items:
        candidate(doc.url, doc, result)
    return 1000 * (time.process_time() - started) / len(items)
