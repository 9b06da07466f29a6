"""Mail through an SMTP server: STARTTLS or TLS, one connection for a whole batch.

The server's host name is resolved where the connection is made, and unless the config allows
private networks every address it resolves to must be public; the connection then goes to one of
the addresses checked (TLS still verifies the certificate against the host name), so a second
lookup cannot send it elsewhere.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.utils import parseaddr

from crawler.addresses import NotPublic, public_addresses
from digest.channels import Channel, DeliveryContext, Outgoing, SmtpSettings, channel
from radar.errors import DeliveryError

logger = logging.getLogger(__name__)


@channel("smtp")
class SmtpChannel(Channel):
    """Sends each message through the configured mail server (settings.smtp)."""

    def __init__(self, settings: SmtpSettings, allow_private: bool = False) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._client: smtplib.SMTP | None = None

    @classmethod
    def open(cls, context: DeliveryContext) -> SmtpChannel | None:
        return cls(context.smtp, context.allow_private_networks) if context.smtp else None

    def send(self, item: Outgoing) -> str:
        sender = parseaddr(item.sender)[1]
        try:
            refused = self._connected().sendmail(sender, list(item.recipients), item.raw)
        except smtplib.SMTPServerDisconnected:
            # A server may drop an idle connection between two messages: one fresh try.
            self._client = None
            refused = self._retry(sender, item)
        except (smtplib.SMTPException, OSError) as err:
            self._drop()
            raise self._error(err) from err
        if refused:
            logger.warning("recipients refused: %s", ", ".join(sorted(refused)))
        return f"smtp {self.settings.host}:{self.settings.port}"

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.quit()
            except (smtplib.SMTPException, OSError):
                logger.debug("the mail server closed the connection first")
            self._client = None

    def _retry(self, sender: str, item: Outgoing) -> dict[str, tuple[int, bytes]]:
        try:
            return self._connected().sendmail(sender, list(item.recipients), item.raw)
        except (smtplib.SMTPException, OSError) as err:
            self._drop()
            raise self._error(err) from err

    def _connected(self) -> smtplib.SMTP:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        plain, tls = (
            (smtplib.SMTP, smtplib.SMTP_SSL)
            if self.allow_private
            else (_PublicSMTP, _PublicSMTPSSL)
        )
        client: smtplib.SMTP
        try:
            if s.security == "tls":
                client = tls(
                    s.host, s.port, timeout=s.timeout_s, context=ssl.create_default_context()
                )
            else:
                client = plain(s.host, s.port, timeout=s.timeout_s)
        except NotPublic as err:
            logger.warning("mail not sent: %s", err)
            raise DeliveryError(f"cannot deliver through {s.host}:{s.port}: {err}") from err
        try:
            if s.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if s.username and s.password:
                client.login(s.username, s.password)
        except (smtplib.SMTPException, OSError):
            client.close()
            raise
        return client

    def _drop(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _error(self, err: Exception) -> DeliveryError:
        s = self.settings
        detail = str(err) or type(err).__name__
        if isinstance(err, smtplib.SMTPAuthenticationError):
            detail += " (check RIVALRADAR_SMTP_USERNAME and RIVALRADAR_SMTP_PASSWORD)"
        elif isinstance(err, ssl.SSLError):
            detail += " (check settings.smtp.security and the server's certificate)"
        return DeliveryError(f"cannot deliver through {s.host}:{s.port}: {detail}")


Connect = Callable[[str, int, float], socket.socket]


def _to_public_address(connect: Connect, host: str, port: int, timeout: float) -> socket.socket:
    """Connect to the first address of `host` that answers, once all of them proved public."""
    failure: OSError | None = None
    for address in public_addresses(host, port):
        try:
            return connect(str(address), port, timeout)
        except OSError as err:
            failure = err
    raise failure or OSError(f"{host} resolves to no address")


# smtplib opens its connection in `_get_socket` (SMTP_SSL wraps it in TLS there, for the host
# name); typeshed leaves that hook out, hence the ignores.
class _PublicSMTP(smtplib.SMTP):
    """smtplib's client, reaching only public addresses."""

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return _to_public_address(super()._get_socket, host, port, timeout)  # type: ignore[misc]


class _PublicSMTPSSL(smtplib.SMTP_SSL):
    """smtplib's TLS client, reaching only public addresses."""

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return _to_public_address(super()._get_socket, host, port, timeout)  # type: ignore[misc]
