"""TLS certificates are verified as a browser does; a source may opt out, and says so."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import trustme
from pytest_httpserver import HTTPServer

from tests.conftest import feed
from tests.crawler.newsroom import serve_plan_feed

FAST = {"request_timeout": "5s"}


@pytest.fixture
def https_server() -> Iterator[Callable[[Any, str], HTTPServer]]:
    """An HTTPS server on loopback whose certificate the test chooses: a CA and a host name."""
    started: list[HTTPServer] = []

    def start(ca: Any, name: str) -> HTTPServer:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(name).configure_cert(context)
        server = HTTPServer(host="localhost", port=0, ssl_context=context)
        server.start()
        started.append(server)
        serve_plan_feed(server)
        return server

    yield start
    for server in started:
        server.clear()
        server.stop()


def test_a_certificate_of_a_trusted_ca_for_the_host_is_fetched(
    https_server, tls_ca, write_config, run_cli, store
):
    server = https_server(tls_ca, "localhost")
    config = write_config(settings=FAST, sources=[feed("secure", server.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("secure").consecutive_failures == 0
    assert store.titles("secure") == ["Starlink adds an airline plan"]


def test_a_certificate_from_an_unknown_ca_fails_the_source_as_tls(
    https_server, tls_ca, write_config, run_cli, store
):
    server = https_server(trustme.CA(), "localhost")  # not the CA this test trusts
    config = write_config(settings=FAST, sources=[feed("forged", server.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("forged").last_diagnosis == "tls"
    assert store.titles("forged") == []


def test_a_certificate_for_another_name_fails_the_source_as_tls(
    https_server, tls_ca, write_config, run_cli, store
):
    server = https_server(tls_ca, "someone-else.example")
    config = write_config(settings=FAST, sources=[feed("misnamed", server.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("misnamed").last_diagnosis == "tls", store.health("misnamed").last_error
    assert store.titles("misnamed") == []


def test_tls_verify_false_takes_the_certificate_as_it_is_and_sources_says_so(
    https_server, tls_ca, write_config, run_cli, store
):
    server = https_server(trustme.CA(), "someone-else.example")
    source = feed("lab", server.url_for("/feed.xml"), tls_verify=False)
    config = write_config(settings=FAST, sources=[source])

    assert run_cli("--config", config, "crawl").exit_code == 0
    listing = run_cli("--config", config, "sources")

    assert store.titles("lab") == ["Starlink adds an airline plan"]
    assert "feed (TLS unverified)" in listing.stdout
