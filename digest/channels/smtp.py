"""Mail through an SMTP server: STARTTLS or TLS, one connection for a whole batch."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.utils import parseaddr

from digest.channels import Channel, DeliveryContext, Outgoing, SmtpSettings, channel
from radar.errors import DeliveryError

logger = logging.getLogger(__name__)


@channel("smtp")
class SmtpChannel(Channel):
    """Sends each message through the configured mail server (settings.smtp)."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._client: smtplib.SMTP | None = None

    @classmethod
    def open(cls, context: DeliveryContext) -> SmtpChannel | None:
        return cls(context.smtp) if context.smtp else None

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
        client: smtplib.SMTP
        if s.security == "tls":
            client = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout_s, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
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
