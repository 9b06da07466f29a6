"""Benchmark: a second crawl of an unchanged site against the first, side by side.

Serves a generated newsroom on loopback (a paginated listing and N article pages with the usual
boilerplate), crawls it into a fresh SQLite store through the whole pipeline (fetch, extract,
classify, link, store), then crawls it again unchanged. It runs twice: once with a server that
sends ETags (the second crawl is one conditional GET answered 304), once with a server that sends
no validators (the second crawl reads every listing page and skips the known articles).

    python bench/crawl_recrawl.py [--articles N] [--write-results]

Target: the second crawl at least 10 times faster than the first.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ruamel.yaml import YAML

from radar.cli.paths import default_cache_dir
from radar.config.loader import load_config
from radar.jobs.ingest import crawl_sources
from radar.jobs.recipe import build_recipe
from radar.store.store import Store

PER_PAGE = 20
RESULTS = Path(__file__).parent / "RESULTS.md"
HEADING = "## Crawler: second crawl of an unchanged site"
WORDS = [
    "carrier",
    "fleet",
    "cabin",
    "terminal",
    "satellite",
    "roaming",
    "tariff",
    "contract",
    "passengers",
    "network",
    "coverage",
    "airline",
    "maritime",
    "rail",
    "operator",
    "latency",
    "bandwidth",
    "antenna",
    "service",
    "customers",
    "regional",
]


def article_html(n: int) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(220)]
    paragraphs = "".join(
        f"<p>OrbitNet {' '.join(words[i : i + 44])}.</p>" for i in range(0, 220, 44)
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>OrbitNet update {n} | Newsroom</title>
<meta property="article:published_time" content="2026-11-{1 + n % 28:02d}T09:00:00Z"></head>
<body><div class="cookie-banner">We use cookies. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/products">Products</a> <a href="/about">About</a></nav>
<main><article><h1>OrbitNet update {n}: {words[0]} {words[5]} {words[9]}</h1>{paragraphs}</article></main>
<aside><a href="/news/">All news</a></aside><footer>© 2026 OrbitNet</footer></body></html>"""


def listing_html(page: int, pages: int, articles: int) -> str:
    first = (page - 1) * PER_PAGE
    items = "".join(
        f'<li><a href="/news/update-{n}">OrbitNet update {n}</a></li>'
        for n in range(first, min(first + PER_PAGE, articles))
    )
    pager = f'<a rel="next" href="/news/page/{page + 1}/">Older</a>' if page < pages else ""
    return f"<html><body><h1>News</h1><ul>{items}</ul>{pager}</body></html>"


class Site:
    """The generated site; `etags` says whether answers carry validators."""

    def __init__(self, articles: int, etags: bool) -> None:
        self.articles, self.etags = articles, etags
        self.pages = -(-articles // PER_PAGE)
        self.requests = 0

    def body(self, path: str) -> bytes | None:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n"
        if path == "/news/":
            return listing_html(1, self.pages, self.articles).encode()
        if match := re.fullmatch(r"/news/page/(\d+)/", path):
            return listing_html(int(match[1]), self.pages, self.articles).encode()
        if match := re.fullmatch(r"/news/update-(\d+)", path):
            return article_html(int(match[1])).encode()
        return None


@contextmanager
def serve(site: Site) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm the second waits for
        # the client's delayed ACK (40 ms a request), which would measure the server, not us.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            site.requests += 1
            body = site.body(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if site.etags and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if site.etags:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Run:
    label: str
    seconds: float
    requests: int
    fetched: int
    new: int
    unchanged: int


def write_config(folder: Path, base_url: str) -> Path:
    document = {
        "settings": {
            "allow_private_networks": True,
            "request_timeout": "10s",
            "politeness": {"concurrency": 8, "delay": "0s"},
        },
        "competitors": [{"id": "orbitnet", "name": "OrbitNet", "domains": ["orbitnet.example"]}],
        "sources": [
            {
                "id": "newsroom",
                "url": f"{base_url}/news/",
                "kind": "site",
                "about": "orbitnet",
                "depth": 1,
                "include": ["/news/"],
                "max_listing_pages": 100,
            }
        ],
    }
    path = folder / "sources.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(document, handle)
    return path


def measure(articles: int, etags: bool) -> tuple[Run, Run]:
    site = Site(articles, etags)
    with tempfile.TemporaryDirectory() as tmp, serve(site) as base_url:
        config = load_config(write_config(Path(tmp), base_url))
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        store.migrate()
        recipe = build_recipe(config, default_cache_dir())
        runs = []
        for label in ("first crawl", "second crawl"):
            site.requests = 0
            started = time.perf_counter()
            (report,) = crawl_sources(config, store, recipe, config.sources)
            elapsed = time.perf_counter() - started
            if not report.ok:
                raise SystemExit(f"the bench crawl failed: {report.error}")
            runs.append(
                Run(label, elapsed, site.requests, report.fetched, report.new, report.unchanged)
            )
        store.close()
    return runs[0], runs[1]


def table(articles: int, results: dict[str, tuple[Run, Run]]) -> str:
    lines = [
        HEADING,
        "",
        f"`python bench/crawl_recrawl.py --articles {articles}` on {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{_cores()} cores: a site of {articles} articles in "
        f"{-(-articles // PER_PAGE)} listing pages, crawled through the whole pipeline into SQLite, "
        "then again unchanged. Target: the second crawl at least 10x faster.",
        "",
        "| server | crawl | seconds | HTTP requests | fetched | new | unchanged | speed-up |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for server, (first, second) in results.items():
        for run in (first, second):
            ratio = f"{first.seconds / run.seconds:.1f}x" if run is second else ""
            lines.append(
                f"| {server} | {run.label} | {run.seconds:.2f} | {run.requests} | {run.fetched} "
                f"| {run.new} | {run.unchanged} | {ratio} |"
            )
    lines += [
        "",
        "The first crawl pays for fetching, extracting, classifying and storing every article. "
        "The second asks the listing once with its ETag and gets a 304; without validators it "
        "reads the listing pages again and skips every article by its known URL.",
    ]
    return "\n".join(lines) + "\n"


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def write_results(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--write-results", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    results = {
        "sends ETags": measure(args.articles, etags=True),
        "sends no validators": measure(args.articles, etags=False),
    }
    section = table(args.articles, results)
    print(section)
    if args.write_results:
        write_results(section)
    worst = min(first.seconds / second.seconds for first, second in results.values())
    if worst < 10:
        raise SystemExit(f"target missed: the second crawl is only {worst:.1f}x faster")


if __name__ == "__main__":
    main()
