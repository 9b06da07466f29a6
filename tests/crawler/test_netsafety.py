"""No loopback, private, link-local or reserved address is fetched unless the config allows it."""

from __future__ import annotations

import ipaddress

import pytest

from crawler.addresses import refusal, resolve
from tests.conftest import feed
from tests.pages import rss


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
    ],
)
def test_non_public_addresses_are_refused_in_every_family_and_embedding(address):
    assert refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address):
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "spelling", ["127.1", "2130706433", "0x7f000001", "0177.0.0.1", "localhost"]
)
def test_other_spellings_of_loopback_resolve_to_loopback(spelling):
    assert all(refusal(a) == "loopback" for a in resolve(spelling, 80))


def test_a_source_named_by_a_host_that_resolves_to_loopback_is_never_fetched(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([]), content_type="application/rss+xml"
    )
    url = f"http://localhost:{httpserver.port}/feed.xml"  # a name: only the crawl resolves it
    config = write_config(allow_private_networks=False, sources=[feed("inside", url)])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert httpserver.log == []
    health = store.health("inside")
    assert health.last_diagnosis == "private network"
    assert (
        "loopback" in health.last_error and "settings.allow_private_networks" in health.last_error
    )


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.1", "2130706433", "0x7f000001", "169.254.169.254", "[::ffff:a9fe:a9fe]"],
)
def test_a_source_at_a_private_address_in_any_spelling_is_refused_by_validate(
    write_config, run_cli, host
):
    config = write_config(
        allow_private_networks=False, sources=[feed("inside", f"http://{host}/feed.xml")]
    )

    result = run_cli("--config", config, "validate")

    assert result.exit_code == 1
    assert "sources[0].url: refused:" in result.stderr
    assert "settings.allow_private_networks" in result.stderr


def test_a_private_address_passes_validate_when_private_networks_are_allowed(write_config, run_cli):
    config = write_config(
        allow_private_networks=True, sources=[feed("inside", "http://169.254.169.254/feed.xml")]
    )

    assert run_cli("--config", config, "validate").exit_code == 0


def test_a_loopback_source_is_fetched_when_private_networks_are_allowed(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([]), content_type="application/rss+xml"
    )
    config = write_config(
        allow_private_networks=True, sources=[feed("inside", httpserver.url_for("/feed.xml"))]
    )

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("inside").consecutive_failures == 0
    assert "/feed.xml" in {req.path for req, _ in httpserver.log}
