"""A rendered page's failure reads as a plain fetch's: the same diagnosis and advice."""

from __future__ import annotations

import socket

import pytest

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_rendered_page_where_nothing_listens_is_connection_refused(
    chromium, write_config, run_cli, store
):
    url = f"http://127.0.0.1:{free_port()}/pricing"
    source = {"id": "pricing", "url": url, "kind": "page", "about": "starlink", "render": "browser"}
    config = write_config(sources=[source])

    result = run_cli("--config", config, "crawl", "--source", "pricing")

    assert result.exit_code == 0, result.stderr
    health = store.health("pricing")
    assert health.last_diagnosis == "connection refused"
    assert "net::ERR_CONNECTION_REFUSED" in health.last_error
    assert "nothing listens at that address" in health.last_error
