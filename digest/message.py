"""A digest as an email: multipart/alternative, stable Message-ID, headers free of crawled text."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from digest.select import Digest


def message_id(account_id: str, week: str, sender: str) -> str:
    """Derived from account and week, so a resend is the same message to mail clients."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "rivalradar.invalid"
    token = hashlib.sha256(f"{account_id}\0{week}".encode()).hexdigest()[:24]
    return f"<digest.{week}.{token}@{domain}>"


def subject(digest: Digest) -> str:
    """Built from config names and counts only: crawled text never reaches a header."""
    count = digest.story_count
    if not count:
        return f"{digest.account_name}: a quiet week ({digest.week})"
    noun = "story" if count == 1 else "stories"
    return f"{digest.account_name}: {count} competitive {noun}, top threat {digest.top_score} ({digest.week})"


def build_message(
    digest: Digest, html: str, text: str, sender: str, recipients: list[str], now: datetime
) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = _one_line(subject(digest))
    msg["From"] = sender
    msg["To"] = [Address(addr_spec=r) for r in recipients]
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(digest.account_id, digest.week, sender)
    sender_addr = parseaddr(sender)[1]
    msg["List-Unsubscribe"] = f"<mailto:{sender_addr}?subject=unsubscribe%20{digest.account_id}>"
    msg["X-Rivalradar-Account"] = digest.account_id
    msg["X-Rivalradar-Week"] = digest.week
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def _one_line(text: str) -> str:
    return " ".join(text.split())
