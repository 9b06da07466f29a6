"""Extraction of the bench site's pages, each way in a fresh child process: the baselines
(trafilatura alone, news-please) and ours (`to_document`, beside trafilatura alone again).

    python -m bench.baselines trafilatura|newsplease|extract --site DIR --json-out F

Pages are read from disk before the clock starts, so the figures are the extraction cost alone.
The Scrapy fetch floor is in bench/fetch_floor.py.
"""

from __future__ import annotations

import inspect
import logging
import time
import warnings
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.child import child_parser, run_child, write_json
from bench.corpus import NEWEST_AT, read_articles
from bench.machine import say
from bench.vocabulary import COMPETITORS

FETCHED_AT = NEWEST_AT + timedelta(hours=1)  # after the newest article: dates are bounded by it


def measure_baseline(name: str, site: Path) -> dict[str, Any]:
    """The rates of one way of extracting (a key of RATES), measured in a child process."""
    say(f"{name}: extracting every article of {site} in a child process")
    run = run_child("bench.baselines", [name, "--site", str(site)], f"extraction by {name}")
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


def _bare_extraction(url: str, html: str) -> object:
    import trafilatura

    return trafilatura.bare_extraction(html, url=url, with_metadata=True)


def trafilatura_rates(site: Path) -> dict[str, Any]:
    import trafilatura

    pages = _pages(site)
    return {
        "extract": _rate(pages, lambda url, html: trafilatura.extract(html, url=url)),
        "bare_extraction": _rate(pages, _bare_extraction),
    }


def extraction_rates(site: Path) -> dict[str, Any]:
    """`to_document` (trafilatura, htmldate, language, ftfy, fingerprint) and, in the same
    process after it, `trafilatura.bare_extraction` alone, on the same pages."""
    from extractors.document import to_document
    from radar.records import Fetched

    about = COMPETITORS[0][0]

    def extract(url: str, html: str) -> object:
        return to_document(Fetched("bench", "sitemap", about, url, html, FETCHED_AT))

    pages = _pages(site)
    return {"to_document": _rate(pages, extract), "bare_extraction": _rate(pages, _bare_extraction)}


def newsplease_rates(site: Path) -> dict[str, Any]:
    try:
        from newsplease import NewsPlease  # type: ignore[import-untyped]
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


RATES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "trafilatura": trafilatura_rates,
    "newsplease": newsplease_rates,
    "extract": extraction_rates,
}


def main() -> None:
    parser = child_parser("Time an extraction baseline on a bench site.")
    parser.add_argument("name", choices=sorted(RATES))
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    write_json(args.json_out, RATES[args.name](args.site))


if __name__ == "__main__":
    main()
