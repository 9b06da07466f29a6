from __future__ import annotations

import re

import pytest

from digest.channels import DeliveryContext, Outgoing, SmtpSettings, open_channel
from radar.errors import DeliveryError
from tests.smtp import SMTP_PASSWORD, SMTP_USER

RAW = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\nMessage-ID: <x@example.com>\r\n\r\nhello\r\n"


def allowed(settings: SmtpSettings) -> DeliveryContext:
    """The test servers are on loopback: a context of a config that allows private networks."""
    return DeliveryContext(smtp=settings, allow_private_networks=True)


def item():
    return Outgoing(
        "k", "hi", "hello", "", RAW, "a@example.com", ("b@example.com",), "<x@example.com>"
    )


def test_one_connection_carries_a_batch_over_starttls(smtp_server):
    server = smtp_server("starttls")
    settings = SmtpSettings(server.host, server.port, "starttls", 10, SMTP_USER, SMTP_PASSWORD)

    with open_channel("smtp", allowed(settings)) as channel:
        channel.send(item())
        channel.send(item())

    assert [r.raw.replace(b"\r\n", b"\n") for r in server.received] == [
        RAW.replace(b"\r\n", b"\n")
    ] * 2


def test_a_server_that_is_not_there_is_a_delivery_error_naming_it(smtp_server):
    settings = SmtpSettings("127.0.0.1", 9, "none", 5)

    with pytest.raises(DeliveryError, match=re.escape("127.0.0.1:9")):
        open_channel("smtp", allowed(settings)).send(item())


def test_no_smtp_settings_means_no_smtp_channel():
    assert open_channel("smtp", DeliveryContext()) is None


@pytest.mark.parametrize(("host", "security"), [("localhost", "none"), ("127.0.0.1", "tls")])
def test_a_mail_server_on_a_private_address_is_refused_when_sending_and_gets_nothing(
    smtp_server, host, security
):
    server = smtp_server(security)
    settings = SmtpSettings(host, server.port, security, 10)
    channel = open_channel("smtp", DeliveryContext(smtp=settings))
    assert channel is not None

    with pytest.raises(DeliveryError) as refused:
        channel.send(item())

    assert "loopback" in str(refused.value) and "settings.allow_private_networks" in str(
        refused.value
    )
    assert server.received == []
    with open_channel("smtp", allowed(settings)) as mail:  # allowed, the same server takes it
        mail.send(item())
    assert len(server.received) == 1
