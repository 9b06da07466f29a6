"""Servers that misbehave on purpose, for the fault tests."""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug import Request, Response


@contextmanager
def hanging_server() -> Iterator[str]:
    """A TCP server that accepts connections (the kernel does) and never answers: its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def gzip_bomb(decompressed_bytes: int) -> bytes:
    return gzip.compress(b"\0" * decompressed_bytes, compresslevel=9)


def gzipped(body: bytes, content_type: str) -> Response:
    return Response(
        body, headers={"Content-Encoding": "gzip", "Content-Type": content_type}, status=200
    )


def conditional(body: str, etag: str, content_type: str):
    """A handler that answers 304 to a request carrying the ETag, else the body with it."""

    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, headers={"ETag": etag, "Content-Type": content_type})

    return handle
