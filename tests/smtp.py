"""A real SMTP server (aiosmtpd) on loopback that keeps what it accepts, for the delivery tests."""

from __future__ import annotations

import email
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from typing import Any

SMTP_USER, SMTP_PASSWORD = "radar", "correct horse battery"


@dataclass
class Received:
    """One message a test SMTP server accepted."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> Any:
        return email.message_from_bytes(self.raw, policy=policy.default)


class SmtpServer:
    """The handler of a test SMTP server: refuses the addresses in `refuse`, keeps the rest."""

    def __init__(self, port: int, security: str) -> None:
        self.host, self.port, self.security = "127.0.0.1", port, security
        self.received: list[Received] = []
        self.on_data: Callable[[Received], None] | None = None
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        item = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        self.received.append(item)
        if self.on_data is not None:
            self.on_data(item)
        return "250 Message accepted for delivery"

    def settings(self, sender: str = "Rival Radar <radar@example.com>") -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "security": self.security, "sender": sender}


def authenticate(server, session, envelope, mechanism, auth_data) -> Any:
    """aiosmtpd's authenticator: only SMTP_USER with SMTP_PASSWORD gets in."""
    from aiosmtpd.smtp import AuthResult

    ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False)
