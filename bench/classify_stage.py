"""Throughput of the classification stage and of its steps on the bench site's own articles.

    python -m bench.classify_stage --config C --docs N --cache-dir DIR --json-out F

`Classifier.classify(docs, now)` as the crawl's config builds it (model, linker, link rules),
on N Documents made from the articles bench/prose.py writes: once with all of them in one call,
once a document a call, as the crawl pipeline calls it. Then its steps alone on the same texts,
beside two baselines: spaCy's tokenizer alone (the least any spaCy step costs), the category
model, the company linker, and a plain case-insensitive substring matcher for the same names.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.child import run_child, write_json
from bench.corpus import SEED
from bench.ingest import ABOUT, classifying_parser, write_config
from bench.machine import say
from bench.prose import Story, write_story
from radar.records import Document

if TYPE_CHECKING:  # the runner imports this module; only the child classifies
    from classifier.pipeline import Classifier

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

    classifier = build_classifier(load_config(config_path), cache_dir)
    stories = [write_story(n, SEED) for n in range(count)]
    docs = [_document(story) for story in stories]
    classifier.classify(docs[:20], NOW)  # warm-up: the pipeline's lazy parts
    started = time.perf_counter()
    results = classifier.classify(docs, NOW)
    batch_s = time.perf_counter() - started
    single_s = _seconds(lambda: [classifier.classify([doc], NOW) for doc in docs])
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
            "steps_docs_per_s": {
                name: count / _seconds(run) for name, run in _steps(classifier, docs).items()
            },
        },
    )


def _document(story: Story) -> Document:
    return Document(
        source_id="ledger-sitemap",
        source_kind="sitemap",
        about=ABOUT,
        url=f"https://newsroom.bench.test/{story.number}",
        title=story.title,
        text="\n".join(story.paragraphs),
        fetched_at=NOW,
        published_at=NOW,
    )


def _steps(classifier: Classifier, docs: list[Document]) -> dict[str, Callable[[], object]]:
    """Each step of the stage alone, and the two baselines, on the same texts."""
    model, linker = classifier.model, classifier.linker
    texts = [f"{doc.title}\n{doc.text}" for doc in docs]
    model_texts = [model.text(doc.title, doc.text) for doc in docs]
    names = sorted({name.lower() for name in classifier.names.values()}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(name) for name in names))
    return {
        "tokenizer": lambda: list(model.nlp.tokenizer.pipe(texts)),  # type: ignore[union-attr]
        "model": lambda: model.scores(model_texts),
        "linker": lambda: [linker.mentions(text) for text in texts],
        "substring": lambda: [set(pattern.findall(text.lower())) for text in texts],
    }


def _seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = classifying_parser("Time Classifier.classify on bench articles.")
    parser.add_argument("--docs", type=int, default=3000, help="documents to classify")
    args = parser.parse_args()
    child_main(args.config, args.docs, args.cache_dir, args.json_out)


if __name__ == "__main__":
    main()
