"""The registry of delivery channels: where a digest or an alert goes (mail server, files, chat)."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

BUILTIN = [
    "digest.channels.smtp",
    "digest.channels.outbox",
    "digest.channels.notify",
]


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls | tls | none
    timeout_s: float
    username: str | None = None
    password: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryContext:
    """What channels are built from: the config's delivery settings and the credentials."""

    smtp: SmtpSettings | None = None
    outbox: Path | None = None
    notify: tuple[str, ...] = ()  # apprise URLs
    # settings.allow_private_networks: may the mail server and the notify URLs be on loopback or
    # private addresses (checked when each is reached; crawler/addresses.py holds the rule)
    allow_private_networks: bool = False


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to deliver, in every form a channel may need."""

    key: str  # a relative path without suffix, unique per message: "2026-W47/delta-air-lines"
    subject: str
    text: str
    html: str
    raw: bytes  # the email, byte for byte as it is sent
    sender: str
    recipients: tuple[str, ...]
    message_id: str = ""


class Channel(ABC):
    """A way to deliver: opened once for a batch, then given one message at a time."""

    @classmethod
    @abstractmethod
    def open(cls, context: DeliveryContext) -> Channel | None:
        """The channel for this context, or None when the context does not configure it."""

    @abstractmethod
    def send(self, item: Outgoing) -> str:
        """Deliver one message; say where it went. Raises DeliveryError when it cannot."""

    def close(self) -> None:  # noqa: B027 - most channels hold nothing to release
        """Release what the channel holds (a connection)."""

    def __enter__(self) -> Channel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class ChannelKind:
    name: str
    channel: type[Channel]
    summary: str


CHANNELS: dict[str, ChannelKind] = {}
C = TypeVar("C", bound=type[Channel])


def channel(name: str) -> Callable[[C], C]:
    """Register a delivery channel under `name`; its docstring's first line is its help."""

    def register(cls: C) -> C:
        if name in CHANNELS:
            raise RuntimeError(f"delivery channel {name!r} registered twice")
        summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        CHANNELS[name] = ChannelKind(name, cls, summary)
        return cls

    return register


def load_channels() -> dict[str, ChannelKind]:
    for module in BUILTIN:
        importlib.import_module(module)
    return CHANNELS


def open_channel(name: str, context: DeliveryContext) -> Channel | None:
    return load_channels()[name].channel.open(context)
