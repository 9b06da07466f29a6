from __future__ import annotations

import json

import pytest

from digest.channels import DeliveryContext, Outgoing, open_channel
from radar.errors import DeliveryError


def item():
    return Outgoing("k", "Alert for Delta", "Starlink cut prices", "", b"", "a@example.com", ())


def test_apprise_posts_the_alert_to_a_webhook(httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = "json://" + httpserver.url_for("/hook").removeprefix("http://")

    open_channel("notify", DeliveryContext(notify=(url,))).send(item())

    ((request, _),) = httpserver.log
    body = json.loads(request.data)
    assert body["title"] == "Alert for Delta" and body["message"] == "Starlink cut prices"


def test_a_webhook_that_fails_is_a_delivery_error(httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=503)
    url = "json://" + httpserver.url_for("/hook").removeprefix("http://")

    with pytest.raises(DeliveryError):
        open_channel("notify", DeliveryContext(notify=(url,))).send(item())


def test_a_url_apprise_does_not_know_is_refused_without_echoing_its_token():
    with pytest.raises(DeliveryError) as caught:
        open_channel("notify", DeliveryContext(notify=("nosuchservice://secret-token",)))

    assert "secret-token" not in str(caught.value)
