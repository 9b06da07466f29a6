"""Files in a folder: the default when no mail server is configured."""

from __future__ import annotations

from pathlib import Path

from digest.channels import Channel, DeliveryContext, Outgoing, channel
from radar.errors import DeliveryError


@channel("outbox")
class OutboxChannel(Channel):
    """Writes each message as KEY.html, KEY.txt and KEY.eml under the outbox folder.

    A message with no recipient has no .eml: there is no one to send it to, and a mail without
    a To: is one that servers refuse. Its .html and .txt are still written, for reading.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls, context: DeliveryContext) -> OutboxChannel | None:
        return cls(context.outbox) if context.outbox else None

    def send(self, item: Outgoing) -> str:
        return str(self.write(item))

    def write(self, item: Outgoing) -> Path:
        """Rewriting the same key replaces the files; returns the HTML file's path."""
        base = self.folder / item.key
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            for suffix, content in ((".html", item.html), (".txt", item.text)):
                _replace(base.with_name(base.name + suffix), content.encode("utf-8"))
            eml = base.with_name(base.name + ".eml")
            if item.recipients:
                _replace(eml, item.raw)
            else:
                eml.unlink(missing_ok=True)  # one from a build that had recipients is stale
        except OSError as err:
            raise DeliveryError(
                f"cannot write to the outbox {self.folder}: {err.strerror or err}"
            ) from err
        return base.with_name(base.name + ".html")


def _replace(path: Path, content: bytes) -> None:
    # Written beside and renamed, so a reader never sees half a file.
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(content)
    partial.replace(path)
