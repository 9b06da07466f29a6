"""A real Redis (a database of the tests' own, flushed), hosts on loopback addresses, and
`rivalradar worker` processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import REPO, missing
from tests.pages import article, rss

REDIS_URL = os.environ.get("RIVALRADAR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TOPICS = ["terminal", "antenna", "modem", "gateway", "router", "uplink"]


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The tests' Redis database, empty; emptied again afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as err:
        missing(f"Redis at {REDIS_URL}", f"unreachable ({err})", "no Redis server reachable")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


@dataclass
class Host:
    """A newsroom on its own loopback address: a feed and its articles, every request counted."""

    server: HTTPServer
    articles: list[str]
    gate: threading.Event = field(default_factory=threading.Event)
    gated: set[str] = field(default_factory=set)
    gate_reached: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def requests(self) -> Counter[str]:
        return Counter(request.path for request, _ in self.server.log)


def _serve(address: str, name: str, feeds: int, per_feed: int) -> Host:
    server = HTTPServer(host=address, port=0, threaded=True)
    server.start()
    host = Host(server, [])
    for f in range(feeds):
        items = []
        for n in range(per_feed):
            path = f"/news/{name}-{f}-{n}"
            topic = TOPICS[(f * per_feed + n) % len(TOPICS)]
            title = f"Starlink {name.title()} {topic} {f}{n} reaches airlines"
            body = (
                f"Starlink released the {name} {topic} model {f}{n} for airlines today. It brings "
                f"faster messaging to cabins of model {f}{n}.\n\nThe {topic} ships from the "
                f"{name} plant in spring, the company said, with {f * 10 + n} carriers signed."
            )
            server.expect_request(path).respond_with_handler(_page(host, path, title, body))
            items.append((title, server.url_for(path), f"The {topic} {f}{n} of {name}."))
            host.articles.append(path)
        server.expect_request(f"/feed-{f}.xml").respond_with_data(
            rss(items, title=f"{name} {f}"), content_type="application/rss+xml"
        )
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    return host


def _page(host: Host, path: str, title: str, body: str) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        if path in host.gated:
            host.gate_reached.set()
            host.gate.wait(60)
        return Response(article(title, body), content_type="text/html")

    return handle


@pytest.fixture
def hosts() -> Iterator[Callable[[int, int, int], list[Host]]]:
    """Start newsrooms on 127.0.0.2, 127.0.0.3, ...: (hosts, feeds per host, articles per feed)."""
    started: list[Host] = []

    def start(count: int, feeds: int, per_feed: int) -> list[Host]:
        for n in range(count):
            started.append(_serve(f"127.0.0.{n + 2}", f"host{n + 2}", feeds, per_feed))
        return started

    yield start
    for host in started:
        host.gate.set()
        host.server.clear()
        if host.server.is_running():
            host.server.stop()


@pytest.fixture
def workers(
    model_cache: Path, tmp_path: Path
) -> Iterator[Callable[[Path, str, float], subprocess.Popen[bytes]]]:
    """Start `rivalradar worker` processes: (config, database URL, visibility timeout in s)."""
    started: list[subprocess.Popen[bytes]] = []
    logs: list[IO[bytes]] = []

    def start(config: Path, db_url: str, visibility_timeout_s: float) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "RIVALRADAR_CACHE_DIR": str(model_cache),
            "RIVALRADAR_DATA_DIR": str(tmp_path / f"worker-{len(started)}"),
        }
        logs.append((tmp_path / f"worker-{len(started)}.log").open("wb"))
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "radar.cli", "--config", str(config), "--db", db_url),
                *(
                    "worker",
                    "--concurrency",
                    "1",
                    "--visibility-timeout",
                    str(visibility_timeout_s),
                ),
            ],
            env=env,
            stdout=logs[-1],
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for log in logs:
        log.close()
