"""Build and deliver weekly digests: the edge between the store, digest/ and the mail server."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

from jinja2 import Environment
from sqlalchemy.orm import Session

from digest.channels import DeliveryContext, Outgoing, SmtpSettings, open_channel
from digest.message import build_message
from digest.render import environment, render_html, render_text
from digest.select import Digest, build_digest
from digest.week import send_moment, week_bounds
from radar.config.loader import LoadedConfig
from radar.config.schema import WEEKDAYS, Account
from radar.errors import DeliveryError, RadarError, UnknownIdError
from radar.store.queries import account_stories, story_rules
from radar.store.sendlog import send_logged
from radar.store.store import Store

logger = logging.getLogger(__name__)
DEFAULT_SENDER = "rivalradar <rivalradar@localhost>"
Outcome = Callable[[str, str], None]
QUIET_SKIPPED = "skipped: a quiet week (settings.quiet_week: skip)"


@dataclass(frozen=True, slots=True)
class BuiltDigest:
    digest: Digest
    html: str
    text: str
    message: EmailMessage

    @property
    def is_quiet(self) -> bool:
        return self.digest.story_count == 0

    def outgoing(self) -> Outgoing:
        return outgoing(
            f"{self.digest.week}/{self.digest.account_id}", self.html, self.text, self.message
        )


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


def sender_of(config: LoadedConfig) -> str:
    smtp = config.model.settings.smtp
    return smtp.sender if smtp else DEFAULT_SENDER


def template_environment(config: LoadedConfig) -> Environment:
    """The Jinja2 environment, with the operator's templates (settings.templates) first."""
    names = config.company_names()
    folder = config.model.settings.templates
    template_dir = None
    if folder:
        template_dir = config.path.parent / folder
        if not template_dir.resolve().is_relative_to(config.path.parent.resolve()):
            raise RadarError(
                f"settings.templates: {folder} is outside the config's folder; "
                "templates must be in or under it"
            )
        if not template_dir.is_dir():
            raise RadarError(
                f"settings.templates: {template_dir} is not a folder; create it or remove the key"
            )
    return environment(names, template_dir, config.source_names())


def build_digests(
    config: LoadedConfig, store: Store, week: str, account_ids: Sequence[str]
) -> list[BuiltDigest]:
    """Each account's digest for the ISO week in the account's own time zone, rendered.

    Made of the config and the stored stories alone (dated its own send moment, not the
    clock's), so that building the same week twice gives the same bytes.
    """
    env = template_environment(config)
    sender = sender_of(config)
    built = []
    for digest in collect_digests(config, store, week, account_ids):
        html, text = render_html(env, digest), render_text(env, digest)
        recipients = [digest.owner, *digest.cc]
        assert digest.sent_at is not None, "collect_digests dates every digest"
        message = build_message(digest, html, text, sender, recipients, digest.sent_at)
        built.append(BuiltDigest(digest, html, text, message))
    return built


def collect_digests(
    config: LoadedConfig, store: Store, week: str, account_ids: Sequence[str]
) -> list[Digest]:
    """Each account's stories of the week, selected, ranked and grouped (not yet rendered)."""
    competitors = {c.id: c.name for c in config.model.competitors}
    digests = []
    for account in pick_accounts(config, account_ids):
        # A session per account: one session's identity map would grow with every account
        # read, and each query's autoflush check walks all of it (quadratic in accounts).
        with store.session() as session:
            digests.append(_digest_for(config, session, account, week, competitors))
    return digests


def _digest_for(
    config: LoadedConfig,
    session: Session,
    account: Account,
    week: str,
    competitors: dict[str, str],
) -> Digest:
    settings = config.model.settings
    timezone = account.timezone or settings.timezone
    start, end = week_bounds(week, timezone)
    stories = account_stories(session, account.id, start, end)
    rules = story_rules(session, account.id, [s.story_id for s in stories])
    stories = [replace(s, rules=rules.get(s.story_id, ())) for s in stories]
    return build_digest(
        account.id,
        account.name,
        str(account.owner),
        week,
        timezone,
        stories,
        competitors=competitors,
        sent_at=digest_sent_at(config, week, timezone),
        renewal=account.renewal,
        cc=[str(c) for c in account.cc],
    )


def digest_sent_at(config: LoadedConfig, week: str, timezone: str) -> datetime:
    """When the week's digest goes out in that zone: settings.digest_day at digest_time."""
    settings = config.model.settings
    weekday = WEEKDAYS.index(settings.digest_day)
    return send_moment(week, timezone, weekday, settings.digest_time)


def outgoing(key: str, html: str, text: str, message: EmailMessage) -> Outgoing:
    """The message as channels take it; the bytes are fixed here and never rebuilt."""
    recipients = [*message.get_all("To", []), *message.get_all("Cc", [])]
    addresses = [a.addr_spec for header in recipients for a in header.addresses]
    return Outgoing(
        key=key,
        subject=str(message["Subject"]),
        text=text,
        html=html,
        raw=message.as_bytes(policy=policy.SMTP),
        sender=str(message["From"]),
        recipients=tuple(addresses),
        message_id=str(message["Message-ID"]),
    )


def is_skipped(config: LoadedConfig, built: BuiltDigest) -> bool:
    """A quiet week sends a short note, or nothing with settings.quiet_week: skip."""
    return built.is_quiet and config.model.settings.quiet_week == "skip"


def delivery_context(
    config: LoadedConfig, credentials: SmtpCredentials, outbox: Path | None
) -> DeliveryContext:
    smtp = config.model.settings.smtp
    settings = None
    if smtp is not None:
        settings = SmtpSettings(
            smtp.host,
            smtp.port,
            smtp.security,
            smtp.timeout.total_seconds(),
            credentials.username,
            credentials.password,
        )
    return DeliveryContext(
        smtp=settings,
        outbox=outbox,
        notify=tuple(config.model.alerts.notify),
        allow_private_networks=config.model.settings.allow_private_networks,
    )


def deliver_week(
    config: LoadedConfig,
    store: Store,
    week: str,
    account_ids: Sequence[str],
    credentials: SmtpCredentials,
    outbox: Path,
    now: datetime,
    on_outcome: Outcome | None = None,
) -> list[tuple[str, str]]:
    """Build the week's digests and deliver them: by SMTP when configured, else to the outbox.

    Exactly once per account and week, through the send log. One account's failure does not
    stop the others; when any failed, DeliveryError is raised after all were tried.
    """
    built = build_digests(config, store, week, account_ids)
    skipped = [b.digest.account_id for b in built if is_skipped(config, b)]
    for account_id in skipped:
        if on_outcome:
            on_outcome(account_id, QUIET_SKIPPED)
    items = [
        (b.digest.account_id, b.digest.story_count, b.outgoing())
        for b in built
        if not is_skipped(config, b)
    ]
    outcomes = deliver_items(config, store, week, items, credentials, outbox, now, on_outcome)
    return [(account_id, QUIET_SKIPPED) for account_id in skipped] + outcomes


def deliver_items(
    config: LoadedConfig,
    store: Store,
    week: str,
    items: Sequence[tuple[str, int, Outgoing]],
    credentials: SmtpCredentials,
    outbox: Path,
    now: datetime,
    on_outcome: Outcome | None = None,
) -> list[tuple[str, str]]:
    """Deliver (log key, story count, message) items by SMTP when configured, else to the outbox."""
    outcomes: list[tuple[str, str]] = []

    def record(key: str, outcome: str) -> None:
        outcomes.append((key, outcome))
        if on_outcome:
            on_outcome(key, outcome)

    context = delivery_context(config, credentials, outbox)
    name = "smtp" if context.smtp else "outbox"
    channel = open_channel(name, context)
    assert channel is not None, f"the {name} channel is configured here"
    with channel:
        if name == "outbox":
            # Files are rewritten whole on every run: there is nothing to send twice.
            for key, _, item in items:
                record(key, f"outbox {channel.send(item)}")
        else:
            send_logged(store, week, items, channel, now, record)
    _raise_if_failed(outcomes)
    return outcomes


def _raise_if_failed(outcomes: Sequence[tuple[str, str]]) -> None:
    failed = [(key, outcome) for key, outcome in outcomes if outcome.startswith("failed")]
    if failed:
        raise DeliveryError(
            f"{len(failed)} of {len(outcomes)} digest(s) not delivered ({failed[0][0]}: "
            f"{failed[0][1].removeprefix('failed: ')}); they are retried on the next `digest send`"
        )


def write_outbox(built: Sequence[BuiltDigest], outbox: Path) -> list[Path]:
    """DIR/YYYY-Www/<account-id>.{html,txt,eml}; rewriting the same week replaces the files."""
    from digest.channels.outbox import OutboxChannel

    channel = OutboxChannel(outbox)
    return [channel.write(b.outgoing()) for b in built]
