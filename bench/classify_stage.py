"""Throughput of the whole classification stage on the bench site's own articles, one process.

    python -m bench.classify_stage --config C --docs N --cache-dir DIR --json-out F

`Classifier.classify(docs, now)` as the crawl's config builds it (model, linker, link rules),
on N Documents made from the articles bench/prose.py writes: once with all of them in one call,
once a document a call, as the crawl pipeline calls it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.child import run_child, write_json
from bench.corpus import SEED
from bench.ingest import ABOUT, write_config
from bench.machine import say
from bench.prose import write_story

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def measure_classify(docs: int, cache_dir: Path) -> dict[str, Any]:
    say(f"classify: {docs} documents through Classifier.classify in a child process")
    with tempfile.TemporaryDirectory(prefix="bench-classify-") as folder:
        config = write_config(Path(folder), "http://127.0.0.1:9")
        run = run_child(
            "bench.classify_stage",
            ["--config", str(config), "--docs", str(docs), "--cache-dir", str(cache_dir)],
            "classification throughput",
        )
    return run.result


def child_main(config_path: Path, count: int, cache_dir: Path, json_out: Path) -> None:
    from radar.config.loader import load_config
    from radar.jobs.recipe import build_classifier
    from radar.records import Document

    classifier = build_classifier(load_config(config_path), cache_dir)
    stories = [write_story(n, SEED) for n in range(count)]
    docs = [
        Document(
            source_id="ledger-sitemap",
            source_kind="sitemap",
            about=ABOUT,
            url=f"https://newsroom.bench.test/{s.number}",
            title=s.title,
            text="\n".join(s.paragraphs),
            fetched_at=NOW,
            published_at=NOW,
        )
        for s in stories
    ]
    classifier.classify(docs[:20], NOW)  # warm-up: the pipeline's lazy parts
    started = time.perf_counter()
    results = classifier.classify(docs, NOW)
    batch_s = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        classifier.classify([doc], NOW)
    single_s = time.perf_counter() - started
    agree = sum(r.category == s.kind for r, s in zip(results, stories, strict=True))
    write_json(
        json_out,
        {
            "docs": count,
            "mean_words": sum(s.word_count for s in stories) / count,
            "batch_docs_per_s": count / batch_s,
            "single_docs_per_s": count / single_s,
            "linked": sum(bool(r.links) for r in results),
            "category_as_written": agree / count,
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Time Classifier.classify on bench articles.")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--cache-dir", type=Path, required=True, help="the model's cache")
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args()
    child_main(args.config, args.docs, args.cache_dir, args.json_out)


if __name__ == "__main__":
    main()
