"""Crawler tests: a path the test does not serve is missing (404), not a server error (500).

pytest-httpserver answers unserved paths with 500, which the crawler rightly retries with
backoff; the pages the tests leave out (navigation links, say) are simply not there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(autouse=True)
def unserved_paths_are_missing(httpserver: HTTPServer) -> Iterator[None]:
    before = httpserver.no_handler_status_code
    httpserver.no_handler_status_code = 404
    yield
    httpserver.no_handler_status_code = before
