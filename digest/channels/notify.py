"""Chat and push channels through apprise: Slack, Teams, Discord and the rest, one URL each.

A notify URL is written by an analyst and may point anywhere, so the server it makes us connect
to is checked like a source's: unless settings.allow_private_networks is true, its host is
resolved when the message is sent and every address must be public (crawler/addresses.py). The
server is found by apprise's own parsing of the URL: for a service whose URL names a host
(`json://`, `form://`, `xml://`, `ntfy://host/…`, `mmost://`, `gotify://`, `apprise://`, …) that
host, for mail (`mailto://`) the SMTP server apprise derives or is given (`?smtp=`). A service
whose URL names no host (`slack://`, `discord://`, `msteams://`, `tgram://`, …) is reached at
the service's own fixed public address, which the URL cannot change: there is nothing to check.
"""

from __future__ import annotations

import logging

import apprise
from apprise.plugins import NotifyBase

from crawler.addresses import NotPublic, public_addresses
from digest.channels import Channel, DeliveryContext, Outgoing, channel
from radar.errors import DeliveryError

logger = logging.getLogger(__name__)


@channel("notify")
class NotifyChannel(Channel):
    """Posts each message's subject and plain text to the apprise URLs in alerts.notify."""

    def __init__(self, urls: tuple[str, ...], allow_private: bool = False) -> None:
        self.urls = urls
        self.allow_private = allow_private
        self.services: list[NotifyBase] = []
        for url in urls:
            service = plugin_of(url)
            if service is None:
                raise DeliveryError(
                    f"alerts.notify: {_redact(url)} is not an apprise URL this version knows; "
                    "see the apprise documentation for the service's URL form"
                )
            self.services.append(service)

    @classmethod
    def open(cls, context: DeliveryContext) -> NotifyChannel | None:
        if not context.notify:
            return None
        return cls(context.notify, context.allow_private_networks)

    def send(self, item: Outgoing) -> str:
        reachable = apprise.Apprise()
        refused: list[str] = []
        for service in self.services:
            problem = None if self.allow_private else _refusal(service)
            if problem:
                logger.warning("notification not sent: %s", problem)
                refused.append(problem)
            else:
                reachable.add(service)
        delivered = not len(reachable) or reachable.notify(
            title=item.subject, body=item.text, body_format=apprise.NotifyFormat.TEXT
        )
        if refused:
            raise DeliveryError(
                f"{len(refused)} of {len(self.urls)} notify channel(s) not reached: {refused[0]}"
            )
        if not delivered:
            raise DeliveryError(
                f"{len(self.urls)} notify channel(s) did not all take the message; "
                "run with -v for the services' answers"
            )
        return f"notify ({len(self.urls)} channel(s))"


def plugin_of(url: str) -> NotifyBase | None:
    """apprise's service for the URL, as apprise parses it; None when apprise does not know it."""
    found = apprise.Apprise.instantiate(url)
    return found if isinstance(found, NotifyBase) else None


def target_host(service: NotifyBase) -> str:
    """The server the service connects to, as apprise parsed its URL; "" for a service at a
    fixed public address, which its URL cannot change."""
    smtp_host = getattr(service, "smtp_host", None)  # mail: the SMTP server, not the domain
    if isinstance(smtp_host, str) and smtp_host:
        return smtp_host
    if "host" in service.template_tokens:
        return str(service.host or "").strip("[]")
    return ""


def _refusal(service: NotifyBase) -> str | None:
    """Why the service's server may not be reached now; None when it may (or does not resolve:
    then the service's own connection fails and says so)."""
    host = target_host(service)
    if not host:
        return None
    try:
        public_addresses(host, 0)
    except NotPublic as err:
        return str(err)
    except OSError:
        return None
    return None


def _redact(url: str) -> str:
    """The scheme only: the rest of an apprise URL is often a token."""
    scheme, sep, _ = url.partition("://")
    return f"{scheme}://…" if sep else "an entry"
