from __future__ import annotations

import json
import re

import pytest

from digest.channels import DeliveryContext, Outgoing, open_channel
from digest.channels.notify import plugin_of, target_host
from radar.errors import DeliveryError


def allowed(*urls: str) -> DeliveryContext:
    """The test servers are on loopback: a context of a config that allows private networks."""
    return DeliveryContext(notify=urls, allow_private_networks=True)


def item():
    return Outgoing("k", "Alert for Delta", "Starlink cut prices", "", b"", "a@example.com", ())


def test_apprise_posts_the_alert_to_a_webhook(httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = "json://" + httpserver.url_for("/hook").removeprefix("http://")

    open_channel("notify", allowed(url)).send(item())

    ((request, _),) = httpserver.log
    body = json.loads(request.data)
    assert body["title"] == "Alert for Delta" and body["message"] == "Starlink cut prices"


def test_a_webhook_that_fails_is_a_delivery_error(httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=503)
    url = "json://" + httpserver.url_for("/hook").removeprefix("http://")

    with pytest.raises(DeliveryError):
        open_channel("notify", allowed(url)).send(item())


def test_a_url_apprise_does_not_know_is_refused_without_echoing_its_token():
    with pytest.raises(DeliveryError) as caught:
        open_channel("notify", DeliveryContext(notify=("nosuchservice://secret-token",)))

    assert "secret-token" not in str(caught.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "0x7f000001"])
def test_a_webhook_on_loopback_receives_nothing_unless_private_networks_are_allowed(
    httpserver, host
):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = f"json://{host}:{httpserver.port}/hook"

    with pytest.raises(DeliveryError) as refused:
        open_channel("notify", DeliveryContext(notify=(url,))).send(item())
    nothing = list(httpserver.log)
    open_channel("notify", allowed(url)).send(item())

    assert "loopback" in str(refused.value)
    assert "settings.allow_private_networks" in str(refused.value)
    assert nothing == []
    assert len(httpserver.log) == 1  # allowed, the same URL gets the POST


def test_a_notify_url_at_the_cloud_metadata_address_is_refused_not_tried():
    channel = open_channel("notify", DeliveryContext(notify=("form://169.254.169.254/latest",)))
    assert channel is not None

    with pytest.raises(
        DeliveryError, match=re.escape("refused: 169.254.169.254 resolves to 169.254.169.254")
    ):
        channel.send(item())


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("json://hooks.example.com:8443/alerts", "hooks.example.com"),
        ("xmls://[::1]/alerts", "::1"),
        ("form://0x7f000001/x", "0x7f000001"),
        ("mailto://radar:pw@example.com?smtp=10.0.0.5", "10.0.0.5"),  # the SMTP server
        ("ntfy://ntfy.internal/alerts", "ntfy.internal"),
        ("ntfy://alerts", ""),  # the public ntfy.sh
        ("slack://T000/B000/XXXX", ""),  # Slack's own servers: nothing the URL can point at
        ("discord://1234/abcd", ""),
    ],
)
def test_the_server_a_notify_url_reaches_is_found_by_apprise_s_parsing(url, host):
    service = plugin_of(url)

    assert service is not None and target_host(service) == host
