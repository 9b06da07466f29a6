"""The floor of crawl cost: a bare Scrapy spider fetching every article of the served site.

    python -m bench.fetch_floor --site DIR --base URL --json-out F

Same concurrency as the pipeline (32 requests, 16 per domain), no delay, no AutoThrottle; the
spider does nothing with what it fetches.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.boilerplate import ORIGIN
from bench.child import child_parser, run_child, write_json
from bench.corpus import read_articles
from bench.machine import say
from bench.server import serve

SETTINGS = {
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}


def measure_fetch_floor(site: Path) -> dict[str, Any]:
    """Serve the site and fetch every article of it in a child process."""
    with serve(site) as base_url:
        say(f"scrapy: fetching every article from {base_url} in a child process")
        run = run_child(
            "bench.fetch_floor", ["--site", str(site), "--base", base_url], "the Scrapy fetch floor"
        )
    return {**run.result, "peak_tree_rss": run.peak_tree_rss}


def fetch_all(urls: list[str]) -> dict[str, Any]:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    times: dict[str, float] = {}
    statuses: dict[int, int] = {}

    class FetchSpider(scrapy.Spider):
        name = "fetch-floor"
        start_urls = urls

        def parse(self, response: Any) -> None:
            statuses[response.status] = statuses.get(response.status, 0) + 1

    process = CrawlerProcess(SETTINGS)
    crawler = process.create_crawler(FetchSpider)
    for name, signal in (("opened", signals.spider_opened), ("closed", signals.spider_closed)):
        crawler.signals.connect(
            lambda name=name, **_: times.setdefault(name, time.perf_counter()),
            signal=signal,
            weak=False,
        )
    process.crawl(crawler)
    process.start()
    seconds = times["closed"] - times["opened"]
    fetched = sum(statuses.values())
    return {
        "pages": len(urls),
        "fetched": fetched,
        "statuses": statuses,
        "seconds": seconds,
        "pages_per_s": fetched / seconds,
    }


def main() -> None:
    parser = child_parser("Fetch every article of a served bench site.")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--base", required=True, help="the server's base URL")
    args = parser.parse_args()
    urls = [url.replace(ORIGIN, args.base, 1) for url, _ in read_articles(args.site)]
    write_json(args.json_out, fetch_all(urls))


if __name__ == "__main__":
    main()
