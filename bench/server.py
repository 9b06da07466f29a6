"""Serve a folder written by bench/corpus.py on loopback, as a web server with validators would.

    python -m bench.server DIR [--port 0]

Prints its port on the first line of stdout, then serves until terminated. It runs in its own
process so that serving does not take the measured process's GIL. Answers carry ETag and
Last-Modified, and conditional requests get 304; `GET /__bench/stats` counts the requests, and
after `GET /__bench/no-validators` it answers as a server without validators: no ETag, no
Last-Modified, never a 304.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.boilerplate import ORIGIN
from bench.child import REPO, BenchError
from bench.corpus import file_for

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
FEED_TYPE = "application/rss+xml; charset=utf-8"
STATS_PATH = "/__bench/stats"
NO_VALIDATORS_PATH = "/__bench/no-validators"


class Counts:
    """The requests answered so far, and whether answers still carry validators."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = self.not_modified = self.not_found = 0
        self.sends_validators = True

    def add(self, status: int) -> None:
        with self.lock:
            self.requests += 1
            self.not_modified += status == 304
            self.not_found += status == 404


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK (40 ms a request), which would measure the server, not the client.
    disable_nagle_algorithm = True
    root: Path
    base: bytes
    counts: Counts

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def _answer(self, with_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        counts = self.counts
        if path in (STATS_PATH, NO_VALIDATORS_PATH):
            if path == NO_VALIDATORS_PATH:
                counts.sends_validators = False
            stats = {"requests": counts.requests, "not_modified": counts.not_modified}
            self._send(200, "application/json", json.dumps(stats).encode(), with_body)
            return
        target = self._file(path)
        if target is None:
            counts.add(404)
            self._send(404, "text/plain; charset=utf-8", b"not found\n", with_body)
            return
        stat = target.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        last_modified = formatdate(stat.st_mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if not counts.sends_validators:
            validators = {}
        elif self._not_modified(etag, int(stat.st_mtime)):
            counts.add(304)
            self._send(304, None, b"", False, validators)
            return
        counts.add(200)
        body = target.read_bytes().replace(ORIGIN.encode(), self.base)
        kind = FEED_TYPE if target.name == "feed.xml" else CONTENT_TYPES.get(target.suffix)
        self._send(200, kind or "application/octet-stream", body, with_body, validators)

    def _file(self, path: str) -> Path | None:
        target = (self.root / file_for(path)).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        return target

    def _not_modified(self, etag: str, mtime_s: int) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in (tag.strip() for tag in match.split(",")) or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return mtime_s <= int(parsedate_to_datetime(since).timestamp())
        except (TypeError, ValueError):
            return False

    def _send(
        self,
        status: int,
        content_type: str | None,
        body: bytes,
        with_body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:  # a 304 has no body, whatever its length header would say
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: thousands of requests a second would drown the bench's own progress."""


class Server(ThreadingHTTPServer):
    # The crawler opens up to 32 connections at once; the default backlog of 5 drops SYNs,
    # and a dropped SYN costs a second before the client tries again.
    request_queue_size = 128


def make_server(root: Path, port: int) -> Server:
    server = Server(("127.0.0.1", port), Handler)
    handler = type(
        "SiteHandler",
        (Handler,),
        {
            "root": root.resolve(),
            "base": f"http://127.0.0.1:{server.server_address[1]}".encode(),
            "counts": Counts(),
        },
    )
    server.RequestHandlerClass = handler
    return server


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` from a child process; yields its base URL, e.g. http://127.0.0.1:43121."""
    with subprocess.Popen(
        [sys.executable, "-m", "bench.server", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            if not line.isdigit():
                raise BenchError(f"the bench server did not start (it printed {line!r})")
            yield f"http://127.0.0.1:{line}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a bench corpus on 127.0.0.1.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = make_server(args.root, args.port)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
