"""The offline demo: a bundled corpus of small sites, served on loopback with its dates made current.

Corpus files carry date tokens relative to the Monday that starts the last complete ISO week
(`{{iso:3}}`, `{{rfc822:-9:14}}`, `{{date:0}}`, `{{human:2}}`, `{{year}}`), so the digest for
that week always has something to show. A second phase serves `corpus/_after/<path>` in place
of `<path>` where it exists: the same sites, a week later. `sources.yaml` beside this module is
the demo's config and the commented example analysts start theirs from.
"""

from __future__ import annotations

import mimetypes
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TOKEN = re.compile(r"\{\{(iso|rfc822|date|human):(-?\d+)(?::(\d{1,2}))?\}\}|\{\{year\}\}")
DEMO_PORT = 8765
CORPUS_BASE = f"http://127.0.0.1:{DEMO_PORT}"
_TEXT_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
)


def corpus_dir() -> Path:
    return Path(str(files("radar.demo") / "corpus"))


def config_path() -> Path:
    """The demo's config, shipped in the package: the commented example, every source on the
    corpus at CORPUS_BASE."""
    return Path(str(files("radar.demo") / "sources.yaml"))


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UTC of the last complete ISO week before `now`."""
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=today.weekday() + 7)


def render_tokens(text: str, anchor: datetime) -> str:
    def replace(match: re.Match[str]) -> str:
        if match[0] == "{{year}}":
            return str(anchor.year)
        moment = anchor + timedelta(days=int(match[2]), hours=int(match[3] or 10))
        return {
            "iso": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "rfc822": format_datetime(moment, usegmt=True),
            "date": moment.strftime("%Y-%m-%d"),
            "human": f"{moment.day} {moment:%B %Y}",
        }[match[1]]

    return _TOKEN.sub(replace, text)


class DemoServer:
    """Serves the corpus on 127.0.0.1; `phase` 2 prefers files under _after/."""

    def __init__(self, root: Path, anchor: datetime, port: int = 0) -> None:
        self.root, self.anchor, self.phase = root.resolve(), anchor, 1
        handler = _handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def resolve(self, url_path: str) -> Path | None:
        relative = unquote(urlsplit(url_path).path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        after = self.root / "_after"
        for base in [after, self.root] if self.phase >= 2 else [self.root]:
            path = (base / relative).resolve()
            if base == self.root and path.is_relative_to(after):
                continue  # _after/ is only ever served in place of the phase-1 file
            if path.is_relative_to(base) and path.is_file():
                return path
        return None

    def body(self, path: Path) -> tuple[bytes, str]:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".xml":
            content_type = "application/xml"
        data = path.read_bytes()
        if content_type.startswith(_TEXT_TYPES):
            text = render_tokens(data.decode("utf-8"), self.anchor)
            # The corpus links to its usual address; on another port, links follow the server.
            data = text.replace(CORPUS_BASE, self.base_url).encode("utf-8")
            content_type += "; charset=utf-8"
        return data, content_type

    @contextmanager
    def running(self) -> Iterator[DemoServer]:
        thread = threading.Thread(target=self.httpd.serve_forever, name="demo-server", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()


def _handler(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = server.resolve(self.path)
            if path is None:
                self.send_error(404)
                return
            data, content_type = server.body(path)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the demo's own progress is enough."""

    return Handler
