"""`rivalradar crawl` stopped by signals, as a real process caught in the middle of a crawl.

The newsroom's pages are fetched one at a time, and one of them is held by the server until the
test lets it go: the crawl is caught with pages stored, one in flight and the rest not asked for.
Every process the crawl starts (its workers, the fork server) is found by a mark in its
environment (tests/processes.py), even once the crawl's own process has gone.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from crawler.stopping import Stop
from radar.config.loader import load_config
from radar.jobs.ingest import crawl_sources
from radar.jobs.recipe import build_recipe
from radar.store import models
from radar.store.store import Store
from tests.conftest import site
from tests.crawler.newsroom import open_robots, serve_articles, serve_newsroom
from tests.pages import LAUNCH_BODY, article
from tests.processes import left_behind, marked, new_mark

# Each test starts the command, its worker pool and the fork server, and the crawl stopped.
SLOW = pytest.mark.timeout(300)
TITLES = [f"Starlink update number {n}" for n in range(7)]
HELD = 3  # the article the server holds: pages before it are stored, those after never asked


class Gate:
    """A page the server answers only once the test opens the gate."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.arrived, self.opened = threading.Event(), threading.Event()

    def __call__(self, request: Request) -> Response:
        self.arrived.set()
        self.opened.wait()
        return Response(self.body, content_type="text/html")


class Crawl:
    """A `rivalradar crawl` process, the lines it writes on stderr, and every process it starts."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.env = {**env, **new_mark()}
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("rivalradar")), *args, "crawl"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            process_group=0,  # a group of its own, as a terminal gives a command
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for_line(self, text: str, timeout_s: float = 120.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.seen):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self.process.poll() is not None and self.lines.empty()):
                raise AssertionError(f"no line with {text!r}; stderr was:\n{self.stderr}")
            try:
                self.seen.append(self.lines.get(timeout=min(remaining, 1.0)))
            except queue.Empty:
                continue

    @property
    def stderr(self) -> str:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return "".join(self.seen)

    def left_behind(self) -> list[psutil.Process]:
        return left_behind(self.env, but=self.process.pid)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for process in marked(self.env, but=self.process.pid):
            process.kill()
        self.reader.join(10)
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def held_newsroom(httpserver: HTTPServer) -> Iterator[tuple[str, Gate]]:
    """A listing of seven articles, the fourth held by a gate: (the listing's URL, the gate)."""
    open_robots(httpserver)
    links = "".join(f'<li><a href="/news/{n}">{t}</a></li>' for n, t in enumerate(TITLES))
    httpserver.expect_request("/news/").respond_with_data(
        f"<html><body><ul>{links}</ul></body></html>", content_type="text/html"
    )
    gate = Gate(article(TITLES[HELD], LAUNCH_BODY))
    httpserver.expect_request(f"/news/{HELD}").respond_with_handler(gate)
    serve_articles(
        httpserver,
        {f"/news/{n}": (t, LAUNCH_BODY) for n, t in enumerate(TITLES) if n != HELD},
    )
    yield httpserver.url_for("/news/"), gate
    gate.opened.set()


@pytest.fixture
def start_crawl(data_dir_path: Path, model_cache: Path) -> Iterator[Callable[[Path], Crawl]]:
    started: list[Crawl] = []
    env = {
        **os.environ,
        "RIVALRADAR_DATA_DIR": str(data_dir_path),
        "RIVALRADAR_CACHE_DIR": str(model_cache),
    }

    def start(config: Path, *options: str) -> Crawl:
        started.append(Crawl(["--config", str(config), *options], env))
        return started[-1]

    yield start
    for crawl in started:
        crawl.close()


def one_page_at_a_time(write_config, url: str, **settings: object) -> Path:
    return write_config(
        settings={"workers": 1, "politeness": {"concurrency": 1, "delay": "0s"}, **settings},
        sources=[site("newsroom", url, depth=1)],
    )


def caught_mid_crawl(start_crawl, config: Path, gate: Gate) -> Crawl:
    crawl = start_crawl(config)
    assert gate.arrived.wait(120), f"the held page was never asked for:\n{crawl.stderr}"
    return crawl


def articles_answered(httpserver: HTTPServer) -> list[str]:
    """The titles of the articles the server has answered so far."""
    numbers = [request.path.removeprefix("/news/") for request, _ in httpserver.log]
    return sorted(TITLES[int(n)] for n in numbers if n.isdigit())


@SLOW
def test_sigterm_stores_the_pages_fetched_abandons_the_rest_and_leaves_no_process(
    held_newsroom, httpserver, write_config, start_crawl, store, run_cli
):
    url, gate = held_newsroom
    config = one_page_at_a_time(write_config, url)
    crawl = caught_mid_crawl(start_crawl, config, gate)
    fetched = articles_answered(httpserver)

    crawl.process.send_signal(signal.SIGTERM)

    assert crawl.process.wait(timeout=120) == 143, crawl.stderr
    assert "stopping on SIGTERM" in crawl.stderr
    assert "stopped on SIGTERM: 1 source(s) not finished" in crawl.stderr
    assert crawl.left_behind() == []
    # The pages fetched before the stop are stored; the one in flight and those not yet asked
    # for are left, and the source is not marked done: the next crawl takes them up.
    assert fetched and store.titles("newsroom") == fetched
    health = store.health("newsroom")
    assert health.last_attempt_at is None and health.documents_total == len(fetched)
    gate.opened.set()

    again = run_cli("--config", config, "crawl")

    assert again.exit_code == 0, again.stderr
    assert store.titles("newsroom") == sorted(TITLES)
    health = store.health("newsroom")
    assert health.last_success_at is not None and health.documents_total == len(TITLES)


@SLOW
def test_a_second_sigterm_stops_at_once_and_leaves_no_process(
    held_newsroom, write_config, start_crawl, store
):
    url, gate = held_newsroom
    crawl = caught_mid_crawl(start_crawl, one_page_at_a_time(write_config, url), gate)

    crawl.process.send_signal(signal.SIGTERM)
    crawl.wait_for_line("stopping on SIGTERM")
    crawl.process.send_signal(signal.SIGTERM)

    assert crawl.process.wait(timeout=120) == 143, crawl.stderr
    assert crawl.left_behind() == []
    assert TITLES[HELD] not in store.titles("newsroom")
    assert store.health("newsroom").last_attempt_at is None


@SLOW
def test_a_crawl_that_cannot_stop_within_its_bound_is_abandoned_and_leaves_no_process(
    httpserver, write_config, start_crawl, store
):
    # A server that asks to be retried in a minute: the retry's wait outlasts a bound of 1s.
    answered = threading.Event()

    def busy(request: Request) -> Response:
        answered.set()
        return Response("busy", status=503, headers={"Retry-After": "60"})

    open_robots(httpserver)
    httpserver.expect_request("/news/").respond_with_handler(busy)
    config = one_page_at_a_time(write_config, httpserver.url_for("/news/"), stop_timeout="1s")
    crawl = start_crawl(config, "-v")
    assert answered.wait(120), f"the listing was never asked for:\n{crawl.stderr}"
    crawl.wait_for_line("before retry 1 of")  # the crawl now waits out the Retry-After

    crawl.process.send_signal(signal.SIGTERM)

    assert crawl.process.wait(timeout=120) == 143, crawl.stderr
    assert "stopped at once on SIGTERM" in crawl.stderr
    assert crawl.left_behind() == []
    assert store.health("newsroom").last_attempt_at is None


@SLOW
def test_ctrl_c_to_the_whole_terminal_group_stops_the_crawl_as_sigint(
    held_newsroom, httpserver, write_config, start_crawl, store
):
    url, gate = held_newsroom
    crawl = caught_mid_crawl(start_crawl, one_page_at_a_time(write_config, url), gate)
    fetched = articles_answered(httpserver)

    # What a terminal does on Ctrl-C: SIGINT to every process of its group, workers included.
    os.killpg(os.getpgid(crawl.process.pid), signal.SIGINT)

    assert crawl.process.wait(timeout=120) == 130, crawl.stderr
    assert "stopping on SIGINT" in crawl.stderr
    assert crawl.left_behind() == []
    assert fetched and store.titles("newsroom") == fetched


@pytest.fixture
def own_server() -> Iterator[HTTPServer]:
    """A server of this test's own: a request an earlier test abandoned cannot reach it."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def test_a_crawl_started_after_its_stop_was_requested_fetches_nothing_and_stays_due(
    own_server, tmp_path, write_config, model_cache
):
    httpserver = own_server
    url = serve_newsroom(httpserver, TITLES[:2])
    config = load_config(write_config(sources=[site("newsroom", url, depth=1)]))
    store = Store(f"sqlite:///{tmp_path}/stopped.db")
    store.migrate()
    stop = Stop()
    stop.request(within_s=30)

    (report,) = crawl_sources(
        config, store, build_recipe(config, model_cache), config.sources, stop=stop
    )

    assert report.stopped and report.fetched == 0
    assert httpserver.log == []
    with store.session() as session:
        assert session.get(models.Source, "newsroom").last_attempt_at is None
    store.close()


def test_a_forced_stop_ends_the_wait_for_a_crawl_that_is_not_done():
    stop = Stop()
    stop.request(within_s=3600)
    stop.force()

    assert stop.wait(lambda: False) is False


def test_a_listener_added_after_the_stop_was_requested_is_called_at_once():
    stop = Stop()
    stop.request(within_s=30)
    called: list[bool] = []

    stop.on_request(lambda: called.append(True))

    assert called == [True]
