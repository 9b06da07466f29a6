"""Build and deliver weekly digests: the edge between the store, digest/ and the mail server."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from digest.message import build_message
from digest.render import environment, render_html, render_text
from digest.select import Digest, build_digest
from digest.week import week_bounds
from radar import models
from radar.config import LoadedConfig
from radar.errors import DeliveryError, UnknownIdError
from radar.queries import account_stories
from radar.schema import Account, Smtp
from radar.store import Store

logger = logging.getLogger(__name__)
DEFAULT_SENDER = "rivalradar <rivalradar@localhost>"


@dataclass(frozen=True, slots=True)
class BuiltDigest:
    digest: Digest
    html: str
    text: str
    message: EmailMessage


@dataclass(frozen=True, slots=True)
class SmtpCredentials:
    username: str | None = None
    password: str | None = None


def pick_accounts(config: LoadedConfig, ids: Sequence[str]) -> list[Account]:
    accounts = {a.id: a for a in config.model.accounts}
    unknown = [i for i in ids if i not in accounts]
    if unknown:
        raise UnknownIdError(
            f"unknown account {unknown[0]!r}; the config has: {', '.join(accounts) or 'none'}"
        )
    return [accounts[i] for i in ids] if ids else list(accounts.values())


def build_digests(
    config: LoadedConfig, store: Store, week: str, account_ids: Sequence[str], now: datetime
) -> list[BuiltDigest]:
    """Each account's digest for the ISO week in the account's own time zone."""
    settings = config.model.settings
    names = {c.id: c.name for c in config.companies()}
    env = environment(names)
    sender = settings.smtp.sender if settings.smtp else DEFAULT_SENDER
    built = []
    with store.session() as session:
        for account in pick_accounts(config, account_ids):
            timezone = account.timezone or settings.timezone
            start, end = week_bounds(week, timezone)
            stories = account_stories(session, account.id, start, end)
            digest = build_digest(
                account.id, account.name, str(account.owner), week, timezone, stories
            )
            html, text = render_html(env, digest), render_text(env, digest)
            recipients = [str(account.owner), *(str(c) for c in account.cc)]
            built.append(
                BuiltDigest(
                    digest, html, text, build_message(digest, html, text, sender, recipients, now)
                )
            )
    return built


def deliver_week(
    config: LoadedConfig,
    store: Store,
    week: str,
    account_ids: Sequence[str],
    credentials: SmtpCredentials,
    outbox: Path,
    now: datetime,
) -> list[tuple[str, str]]:
    """Build the week's digests and deliver them: by SMTP when configured, else to the outbox."""
    built = build_digests(config, store, week, account_ids, now)
    smtp = config.model.settings.smtp
    if smtp is None:
        return [
            (b.digest.account_id, f"outbox {p}")
            for b, p in zip(built, write_outbox(built, outbox), strict=True)
        ]
    return send_digests(store, built, smtp, credentials, now)


def write_outbox(built: Sequence[BuiltDigest], outbox: Path) -> list[Path]:
    """DIR/YYYY-Www/<account-id>.{html,txt,eml}; rewriting the same week replaces the files."""
    written = []
    for item in built:
        folder = outbox / item.digest.week
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / item.digest.account_id
        for suffix, content in ((".html", item.html), (".txt", item.text)):
            base.with_suffix(suffix).write_text(content, encoding="utf-8")
        base.with_suffix(".eml").write_bytes(bytes(item.message))
        written.append(base.with_suffix(".html"))
    return written


def send_digests(
    store: Store,
    built: Sequence[BuiltDigest],
    smtp: Smtp,
    credentials: SmtpCredentials,
    now: datetime,
) -> list[tuple[str, str]]:
    """Deliver each digest once per account and week; returns (account id, what happened)."""
    outcomes = []
    for item in built:
        account_id, week = item.digest.account_id, item.digest.week
        if not _claim(store, item, now):
            outcomes.append((account_id, "already sent"))
            continue
        _smtp_send(smtp, credentials, item.message)
        with store.session() as session:
            row = session.scalars(
                select(models.DigestLog).where(
                    models.DigestLog.account_id == account_id, models.DigestLog.week == week
                )
            ).one()
            row.status, row.sent_at = "sent", now
        outcomes.append((account_id, "sent"))
    return outcomes


def _claim(store: Store, item: BuiltDigest, now: datetime) -> bool:
    """Log the send before it happens; False when the log says it already went out."""
    digest = item.digest
    with store.session() as session:
        row = session.scalars(
            select(models.DigestLog).where(
                models.DigestLog.account_id == digest.account_id,
                models.DigestLog.week == digest.week,
            )
        ).first()
        if row is not None and row.status == "sent":
            return False
        if row is None:
            session.add(
                models.DigestLog(
                    account_id=digest.account_id,
                    week=digest.week,
                    status="sending",
                    message_id=str(item.message["Message-ID"]),
                    recipients=list(item.message.get_all("To", [])),
                    stories=digest.story_count,
                    built_at=now,
                    sent_at=None,
                )
            )
    return True


def _smtp_send(smtp: Smtp, credentials: SmtpCredentials, message: EmailMessage) -> None:
    timeout_s = smtp.timeout.total_seconds()
    try:
        client: smtplib.SMTP
        if smtp.security == "tls":
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=timeout_s, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout_s)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if credentials.username and credentials.password:
                client.login(credentials.username, credentials.password)
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as err:
        raise DeliveryError(
            f"cannot deliver to {smtp.host}:{smtp.port}: {err}; the digest stays unsent "
            "and is retried on the next `digest send`"
        ) from err
