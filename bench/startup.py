"""How quickly the command line starts, beside the floor of `python -c pass`.

Each command is a fresh process of the venv's `rivalradar` console script, timed from just
before it is started to its exit, imports and all; `crawl` also to the first request that
reaches a feed served on loopback from a thread of this process. Rounds run
every command once in turn (so that a busy spell on a shared machine falls on all of them), one
round of warm-up first: the disk cache is warm, the model cached and the database migrated.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bench.child import BenchError
from bench.machine import say

TIMEOUT_S = 120
QUIET: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
CLASSIFY_LINE = (
    '{"id": "1", "title": "Harbourlight cuts the price of its ship-to-shore plan", '
    '"text": "Harbourlight said on Tuesday that its maritime connectivity plan will cost a '
    'third less from next month, in a bid to win cruise lines from rival providers."}\n'
)
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbourlight news</title><link>http://127.0.0.1/</link>
<description>Press releases</description><item><title>Harbourlight opens a port office</title>
<link>http://127.0.0.1/news/port-office</link><guid>port-office</guid>
<description>Harbourlight opened an office at the port of Rotterdam to serve ferry operators.
</description></item></channel></rss>
"""


class FirstRequest:
    """The monotonic time at which the first request since the last reset arrived, if one did."""

    def __init__(self) -> None:
        self.at: float | None = None
        self._lock = threading.Lock()

    def note(self) -> None:
        with self._lock:
            if self.at is None:
                self.at = time.monotonic()


class _FeedHandler(BaseHTTPRequestHandler):
    first: FirstRequest

    def do_GET(self) -> None:
        self.first.note()
        found = self.path == "/feed.xml"
        body = FEED.encode() if found else b"not found\n"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/rss+xml" if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the bench's progress lines are on the same stderr."""


@contextmanager
def feed_server() -> Iterator[tuple[str, FirstRequest]]:
    """Serve FEED at /feed.xml on 127.0.0.1 from a thread; yields its URL and its first request."""
    first = FirstRequest()
    handler = type("FirstRequestHandler", (_FeedHandler,), {"first": first})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="startup-feed", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml", first
    finally:
        server.shutdown()
        server.server_close()


def write_config(folder: Path, feed_url: str) -> Path:
    """A valid config with one account, one competitor and one feed source at `feed_url`."""
    source = {"id": "harbourlight-news", "url": feed_url, "kind": "feed", "every": "1h"}
    account = {"id": "coastline-ferries", "name": "Coastline Ferries", "industry": "maritime"}
    document = {
        "settings": {"allow_private_networks": True, "politeness": {"delay": "0s"}},
        "accounts": [{**account, "owner": "owner@example.com", "competitors": ["harbourlight"]}],
        "competitors": [{"id": "harbourlight", "name": "Harbourlight"}],
        "sources": [{**source, "about": "harbourlight", "fetch_articles": False}],
    }
    path = folder / "sources.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(document, handle)
    return path


def measure_startup(runs: int, cache_dir: Path) -> dict[str, Any]:
    """Median and spread in seconds of each command over `runs` rounds, after one of warm-up."""
    script = Path(sys.executable).with_name("rivalradar")
    if not script.exists():
        raise BenchError(f"startup: no console script at {script}; pip install -e . first")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp, feed_server() as served:
        folder, (feed_url, first) = Path(tmp), served
        env = _environment(folder, cache_dir)
        (folder / "one.jsonl").write_text(CLASSIFY_LINE, encoding="utf-8")
        commands = _commands(script, write_config(folder, feed_url), folder / "x.db")
        template = folder / "migrated.db"
        _run([str(script), "--db", f"sqlite:///{template}", "init"], env, folder)
        times: dict[str, list[float]] = {name: [] for name in [*commands, "crawl_exit"]}
        for round_ in range(runs + 1):
            say(f"startup: round {round_} of {runs}" + ("" if round_ else " (warm-up)"))
            found = {
                name: _run(commands[name], env, folder)[0] for name in commands if name != "crawl"
            }
            shutil.copyfile(template, folder / "x.db")  # a database where the source is due
            found["crawl"], found["crawl_exit"] = _crawl(commands["crawl"], env, folder, first)
            if round_:
                for name, seconds in found.items():
                    times[name].append(seconds)
    return {
        "runs": runs,
        "floor": _summary(times.pop("floor")),
        "commands": {name: _summary(found) for name, found in times.items()},
    }


def _commands(script: Path, config: Path, database: Path) -> dict[str, list[str]]:
    """What is timed, by name; `crawl` to its first request and its exit, the others to their exit."""
    rivalradar = [str(script), "--config", str(config), "--db", f"sqlite:///{database}"]
    return {
        "floor": [sys.executable, "-c", "pass"],
        "help": [str(script), "--help"],
        "version": [str(script), "--version"],
        "validate": [*rivalradar, "validate"],
        "classify": [*rivalradar, "classify", "--input", "one.jsonl", "--output", "out.jsonl"],
        "crawl": [*rivalradar, "crawl"],
    }


def _environment(folder: Path, cache_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RIVALRADAR_CACHE_DIR": str(cache_dir),
        "RIVALRADAR_DATA_DIR": str(folder / "data"),
    }


def _run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """Seconds from just before `command` starts to its exit, and what it wrote (stdout and
    stderr together); a failure, or a run longer than TIMEOUT_S, is a BenchError."""
    started = time.monotonic()
    try:
        done = subprocess.run(command, env=env, cwd=cwd, timeout=TIMEOUT_S, check=False, **QUIET)
    except subprocess.TimeoutExpired as err:
        raise BenchError(f"startup: `{shlex.join(command)}` took over {TIMEOUT_S} s") from err
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise BenchError(
            f"startup: `{shlex.join(command)}` exited {done.returncode}: {_tail(done.stdout)}"
        )
    return seconds, done.stdout


def _crawl(
    command: list[str], env: dict[str, str], cwd: Path, first: FirstRequest
) -> tuple[float, float]:
    """Seconds from just before `command` starts to the first request at the feed (noted by the
    server's thread), and to its exit; the crawl must have crawled its source."""
    first.at = None
    started = time.monotonic()
    exit_s, said = _run(command, env, cwd)
    arrived_at = first.at
    if arrived_at is None or "failed 0" not in said:
        raise BenchError(f"startup: `{shlex.join(command)}` did not crawl its feed: {_tail(said)}")
    return arrived_at - started, exit_s


def _tail(said: str) -> str:
    """The end of what a command said, on one line: the report puts it in a table cell."""
    return " ".join(said.split())[-400:].replace("|", "/")


def _summary(seconds: list[float]) -> dict[str, float]:
    return {"median_s": statistics.median(seconds), "min_s": min(seconds), "max_s": max(seconds)}
