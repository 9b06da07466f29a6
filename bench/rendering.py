"""Rendered pages beside plain fetches: pages a minute through the browser, memory per open page.

    python -m bench.rendering --site DIR --base URL --mode plain|browser --pages-open N
                              --limit N --json-out F

The first articles of the served site, fetched by a bare Scrapy spider plainly and through the
crawl's own browser setup (crawler/browser/render.py: Debian's chromium, the network guard, the
wait for network idle), with one page open at a time and with as many as a source may open.
Memory per open page is the difference of the process tree's peak PSS between those two runs,
divided by the pages added.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from bench.boilerplate import ORIGIN
from bench.child import child_parser, run_child, write_json
from bench.corpus import read_articles
from bench.machine import say
from bench.server import serve
from crawler.browser.render import CHROMIUM, MAX_PAGES

TIMEOUT_S = 30.0
MAX_BYTES = 10 * 1024 * 1024
SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
}
RUNS = (
    ("plain", "plain", MAX_PAGES),
    ("browser_1", "browser", 1),
    ("browser_n", "browser", MAX_PAGES),
)


def measure_rendering(site: Path, pages: int) -> dict[str, Any]:
    """Serve the site; fetch its first `pages` articles plainly and rendered, in child processes."""
    if not os.access(CHROMIUM, os.X_OK):
        return {"skipped": f"no {CHROMIUM} (Debian's chromium) to render with"}
    runs: dict[str, Any] = {}
    with serve(site) as base_url:
        for label, mode, pages_open in RUNS:
            say(f"render: {pages} pages, {mode}, {pages_open} at once, in a child process")
            run = run_child(
                "bench.rendering",
                [
                    *("--site", str(site), "--base", base_url, "--mode", mode),
                    *("--pages-open", str(pages_open), "--limit", str(pages)),
                ],
                f"rendering ({label})",
            )
            runs[label] = {**run.result, "peak_tree_pss": run.peak_tree_pss}
    added = runs["browser_n"]["peak_tree_pss"] - runs["browser_1"]["peak_tree_pss"]
    return {
        "pages": pages,
        "pages_open": MAX_PAGES,
        **runs,
        "pss_per_open_page": added / (MAX_PAGES - 1),
    }


def fetch_all(urls: list[str], mode: str, pages_open: int) -> dict[str, Any]:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.browser.guard import NetworkGuard
    from crawler.browser.render import browser_settings, render_meta

    guard = NetworkGuard("bench", allow_private=True)  # the site is served on loopback
    settings: dict[str, Any] = {
        **SETTINGS,
        "CONCURRENT_REQUESTS": pages_open,
        "CONCURRENT_REQUESTS_PER_DOMAIN": pages_open,
    }
    meta: dict[str, Any] = {}
    if mode == "browser":
        settings.update(browser_settings({}, guard, TIMEOUT_S))
        settings["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] = pages_open
        meta = render_meta(
            "bench", guard, wait_for=None, tls_verify=True, timeout_s=TIMEOUT_S, max_bytes=MAX_BYTES
        )
    times: dict[str, float] = {}
    fetched: list[int] = []

    class RenderSpider(scrapy.Spider):
        name = "render"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, meta=dict(meta), dont_filter=True)

        def parse(self, response: Any) -> None:
            fetched.append(len(response.body))

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(RenderSpider)
    for name, signal in (("opened", signals.spider_opened), ("closed", signals.spider_closed)):
        crawler.signals.connect(
            lambda name=name, **_: times.setdefault(name, time.perf_counter()),
            signal=signal,
            weak=False,
        )
    process.crawl(crawler)
    process.start()
    seconds = times["closed"] - times["opened"]
    return {
        "fetched": len(fetched),
        "seconds": seconds,
        "pages_per_min": 60 * len(fetched) / seconds,
        "pages_open": pages_open,
    }


def main() -> None:
    parser = child_parser("Fetch articles of a served bench site, plainly or rendered.")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--base", required=True, help="the server's base URL")
    parser.add_argument("--mode", choices=("plain", "browser"), required=True)
    parser.add_argument("--pages-open", type=int, required=True)
    parser.add_argument("--limit", type=int, required=True, help="articles to fetch")
    args = parser.parse_args()
    articles = read_articles(args.site)[: args.limit]
    urls = [url.replace(ORIGIN, args.base, 1) for url, _ in articles]
    write_json(args.json_out, fetch_all(urls, args.mode, args.pages_open))


if __name__ == "__main__":
    main()
