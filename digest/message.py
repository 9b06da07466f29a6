"""A digest as an email: multipart/alternative, stable Message-ID, headers free of crawled text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from digest.select import Digest

FALLBACK_DOMAIN = "rivalradar.invalid"


def message_id(account_id: str, week: str, sender: str, kind: str = "digest") -> str:
    """Derived from account and week, so a resend is the same message to mail clients."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or FALLBACK_DOMAIN
    token = hashlib.sha256(f"{account_id}\0{week}".encode()).hexdigest()[:24]
    return f"<{kind}.{week}.{token}@{domain}>"


def subject(digest: Digest) -> str:
    """Built from config names, category headings and counts: crawled text never reaches a header."""
    count = digest.story_count
    top = digest.top
    if not count or top is None:
        return f"{digest.account_name}: a quiet week ({digest.week})"
    noun = "story" if count == 1 else "stories"
    about = ", ".join(top.competitors[:2])
    heading = next(g.heading for g in digest.groups if top in g.entries)
    lead = f"{about}, {heading.lower()}" if about else heading.lower()
    return (
        f"{digest.account_name}: {count} competitive {noun}, top threat {top.story.score} "
        f"({lead}) — {digest.week}"
    )


def build_message(
    digest: Digest, html: str, text: str, sender: str, recipients: list[str], now: datetime
) -> EmailMessage:
    """The digest's email: To the first recipient (the owner), Cc the others; dated `now`."""
    msg = compose(
        subject(digest),
        html,
        text,
        sender,
        recipients,
        message_id(digest.account_id, digest.week, sender),
        now,
    )
    msg["X-Rivalradar-Account"] = digest.account_id
    msg["X-Rivalradar-Week"] = digest.week
    return msg


def compose(
    subject_line: str,
    html: str,
    text: str,
    sender: str,
    recipients: Sequence[str],
    msg_id: str,
    now: datetime,
) -> EmailMessage:
    """multipart/alternative (text, then HTML) with the headers mail clients and lists expect."""
    msg = EmailMessage()
    msg["Subject"] = one_line(subject_line)
    msg["From"] = sender
    msg["To"] = [Address(addr_spec=r) for r in recipients[:1]]
    if recipients[1:]:
        msg["Cc"] = [Address(addr_spec=r) for r in recipients[1:]]
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = msg_id
    sender_addr = parseaddr(sender)[1] or f"rivalradar@{FALLBACK_DOMAIN}"
    msg["List-Unsubscribe"] = f"<mailto:{sender_addr}?subject=unsubscribe>"
    msg["Auto-Submitted"] = "auto-generated"
    # Quoted-printable keeps the message 7-bit: any server relays it, and its bytes are stable.
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    # The library's boundary is random; one made of the content keeps a rebuild byte-identical.
    content = hashlib.sha256(f"{msg_id}\0{text}\0{html}".encode()).hexdigest()[:32]
    msg.set_boundary(f"rivalradar-{content}")
    return msg


def one_line(text: str, max_chars: int = 200) -> str:
    """Whitespace (CR and LF included) collapsed: what a header may carry."""
    flat = " ".join(text.split())
    return flat if len(flat) <= max_chars else flat[: max_chars - 1] + "…"
