"""Chat and push channels through apprise: Slack, Teams, Discord and the rest, one URL each."""

from __future__ import annotations

import logging

import apprise

from digest.channels import Channel, DeliveryContext, Outgoing, channel
from radar.errors import DeliveryError

logger = logging.getLogger(__name__)


@channel("notify")
class NotifyChannel(Channel):
    """Posts each message's subject and plain text to the apprise URLs in alerts.notify."""

    def __init__(self, urls: tuple[str, ...]) -> None:
        self.urls = urls
        self.apprise = apprise.Apprise()
        bad = [url for url in urls if not self.apprise.add(url)]
        if bad:
            raise DeliveryError(
                f"alerts.notify: {_redact(bad[0])} is not an apprise URL this version knows; "
                "see the apprise documentation for the service's URL form"
            )

    @classmethod
    def open(cls, context: DeliveryContext) -> NotifyChannel | None:
        return cls(context.notify) if context.notify else None

    def send(self, item: Outgoing) -> str:
        delivered = self.apprise.notify(
            title=item.subject, body=item.text, body_format=apprise.NotifyFormat.TEXT
        )
        if not delivered:
            raise DeliveryError(
                f"{len(self.urls)} notify channel(s) did not all take the message; "
                "run with -v for the services' answers"
            )
        return f"notify ({len(self.urls)} channel(s))"


def _redact(url: str) -> str:
    """The scheme only: the rest of an apprise URL is often a token."""
    scheme, sep, _ = url.partition("://")
    return f"{scheme}://…" if sep else "an entry"
