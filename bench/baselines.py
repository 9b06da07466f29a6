"""Baselines on the same pages, each in a fresh child process: trafilatura alone, news-please.

    python -m bench.baselines trafilatura|newsplease --site DIR --json-out F

Pages are read from disk before the clock starts, so the figures are the extraction cost alone.
The Scrapy fetch floor is in bench/fetch_floor.py.
"""

from __future__ import annotations

import argparse
import inspect
import logging
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.child import run_child, write_json
from bench.corpus import read_articles
from bench.machine import say


def measure_baseline(name: str, site: Path) -> dict[str, Any]:
    say(f"{name}: extracting every article of {site} in a child process")
    run = run_child("bench.baselines", [name, "--site", str(site)], f"the {name} baseline")
    return {**run.result, "peak_tree_rss": run.peak_tree_rss}


def _pages(site: Path) -> list[tuple[str, str]]:
    return [(url, path.read_text(encoding="utf-8")) for url, path in read_articles(site)]


def _rate(pages: list[tuple[str, str]], extract: Callable[[str, str], object]) -> dict[str, Any]:
    extract(*pages[0])  # warm-up: lazy imports and caches
    started = time.perf_counter()
    empty = sum(not extract(url, html) for url, html in pages)
    seconds = time.perf_counter() - started
    return {
        "pages": len(pages),
        "seconds": seconds,
        "pages_per_s": len(pages) / seconds,
        "empty": empty,
    }


def trafilatura_rates(site: Path) -> dict[str, Any]:
    import trafilatura

    pages = _pages(site)
    return {
        "extract": _rate(pages, lambda url, html: trafilatura.extract(html, url=url)),
        "bare_extraction": _rate(
            pages,
            lambda url, html: trafilatura.bare_extraction(html, url=url, with_metadata=True),
        ),
    }


def newsplease_rates(site: Path) -> dict[str, Any]:
    try:
        from newsplease import NewsPlease
    except ImportError as err:
        return {"skipped": f"news-please is not installed ({err}); pip install -e '.[bench]'"}
    from importlib.metadata import version

    # Its libraries log per page and warn about optional NLP packages; neither is measured.
    logging.disable(logging.WARNING)
    options: dict[str, Any] = {}
    if "fetch_images" in inspect.signature(NewsPlease.from_html).parameters:
        options["fetch_images"] = False

    def extract(url: str, html: str) -> object:
        article = NewsPlease.from_html(html, url=url, **options)
        return article.maintext

    return {"version": version("news-please"), **_rate(_pages(site), extract)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Time an extraction baseline on a bench site.")
    parser.add_argument("name", choices=["trafilatura", "newsplease"])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.name == "trafilatura":
        result = trafilatura_rates(args.site)
    else:
        result = newsplease_rates(args.site)
    write_json(args.json_out, result)


if __name__ == "__main__":
    main()
