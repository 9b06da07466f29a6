"""Alerts between digests: a link whose threat passes the threshold goes out at once, once.

Each alert is claimed in the `alerts` table before it is sent (one row per account and story),
and remembers which channels took it, so a failed channel is retried without repeating the
others. The time from the story's publication to its alert is kept: the time to detect a threat.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email import policy

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from digest.channels import Channel, DeliveryContext, Outgoing, open_channel
from digest.message import compose, message_id, one_line
from digest.render import inline_css
from digest.select import build_digest
from radar.config.loader import LoadedConfig
from radar.config.schema import Account
from radar.errors import DeliveryError
from radar.jobs.digests import SmtpCredentials, delivery_context, sender_of, template_environment
from radar.store import models
from radar.store.queries import account_story_entries, alert_candidates, story_rules
from radar.store.store import Store

logger = logging.getLogger(__name__)
# Links older than this are history, not news: enabling alerts does not flood anyone.
ALERT_WINDOW = timedelta(days=7)
# A claim older than this with no outcome was left by a run that died: it is retried.
LEASE = timedelta(minutes=15)
EMAIL = "email"


@dataclass(frozen=True, slots=True)
class AlertOutcome:
    account_id: str
    story_id: str
    score: int
    delivered: tuple[str, ...]
    error: str | None


def send_alerts(
    config: LoadedConfig, store: Store, credentials: SmtpCredentials, now: datetime
) -> list[AlertOutcome]:
    """Send every new alert-worthy link, and retry alerts whose channels failed before."""
    settings = config.model.alerts
    accounts = {a.id: a for a in config.model.accounts}
    with store.session() as session:
        fresh = [
            c
            for c in alert_candidates(session, settings.threshold, now - ALERT_WINDOW)
            if c[0] in accounts
        ]
    channels = _channels(config, credentials)
    try:
        claimed = [_claim(store, c, now) for c in fresh]
        due = [c for c in claimed if c is not None] + _retries(store, now, accounts)
        return [_deliver(config, store, accounts[a.account_id], a, channels, now) for a in due]
    finally:
        for chan in channels.values():
            chan.close()


def _channels(config: LoadedConfig, credentials: SmtpCredentials) -> dict[str, Channel]:
    """The owner's email (when settings.smtp is set) and one channel per alerts.notify URL."""
    found: dict[str, Channel] = {}
    context = delivery_context(config, credentials, None)
    if config.model.alerts.email_owner and context.smtp:
        mail = open_channel("smtp", context)
        if mail is not None:
            found[EMAIL] = mail
    for url in config.model.alerts.notify:
        key = "notify:" + hashlib.sha256(url.encode()).hexdigest()[:12]
        only = DeliveryContext(notify=(url,), allow_private_networks=context.allow_private_networks)
        chan = open_channel("notify", only)
        if chan is not None:
            found[key] = chan
    return found


def _claim(
    store: Store, candidate: tuple[str, str, int, datetime | None], now: datetime
) -> models.Alert | None:
    account_id, story_id, score, published_at = candidate
    latency = (now - published_at).total_seconds() if published_at else None
    row = models.Alert(
        account_id=account_id,
        story_id=story_id,
        score=score,
        published_at=published_at,
        alerted_at=now,
        latency_s=latency,
        status="sending",
        delivered=[],
        claimed_at=now,
    )
    try:
        with store.session() as session:
            session.add(row)
    except IntegrityError:
        return None  # another run claimed this alert first
    return row


def _retries(store: Store, now: datetime, accounts: dict[str, Account]) -> list[models.Alert]:
    """Alerts a channel failed, and alerts a run claimed and then died on (older than a lease);
    each claimed here first, so that of two senders only one retries it."""
    alert = models.Alert
    claimed_at = func.coalesce(alert.claimed_at, alert.alerted_at)
    with store.session() as session:
        rows = session.scalars(
            select(alert).where(
                alert.alerted_at >= now - ALERT_WINDOW,
                (alert.status == "failed")
                | ((alert.status == "sending") & (claimed_at < now - LEASE)),
            )
        ).all()
    return [r for r in rows if r.account_id in accounts and _claim_retry(store, r, now)]


def _claim_retry(store: Store, row: models.Alert, now: datetime) -> bool:
    """Take the alert if it is still as it was read; False when another sender took it first."""
    alert = models.Alert
    with store.session() as session:
        taken = session.execute(
            update(alert)
            .where(
                alert.id == row.id,
                alert.status == row.status,
                alert.claimed_at.is_not_distinct_from(row.claimed_at),
            )
            .values(status="sending", claimed_at=now)
        )
    return bool(getattr(taken, "rowcount", 0))


def _deliver(
    config: LoadedConfig,
    store: Store,
    account: Account,
    alert: models.Alert,
    channels: dict[str, Channel],
    now: datetime,
) -> AlertOutcome:
    done = list(alert.delivered or [])
    errors: list[str] = []
    item = alert_message(config, store, account, alert.story_id, alert.score, now)
    for key, chan in channels.items():
        if key in done or item is None:
            continue
        try:
            chan.send(item)
        except DeliveryError as err:
            errors.append(str(err))
            continue
        done.append(key)
        _record(store, alert.id, done, "sending", None)  # a crash now repeats no channel
    _record(store, alert.id, done, "failed" if errors else "sent", "; ".join(errors) or None)
    if errors:
        logger.warning(
            "alert not delivered everywhere: %s", errors[0], extra={"account": account.id}
        )
    return AlertOutcome(
        account.id, alert.story_id, alert.score, tuple(done), "; ".join(errors) or None
    )


def _record(store: Store, alert_id: int, done: list[str], status: str, error: str | None) -> None:
    with store.session() as session:
        row = session.get(models.Alert, alert_id)
        assert row is not None, "an alert is delivered only after it was claimed"
        row.delivered, row.status, row.error = list(done), status, error


def alert_message(
    config: LoadedConfig, store: Store, account: Account, story_id: str, score: int, now: datetime
) -> Outgoing | None:
    """The alert as a message: subject from config names and the score, body from templates."""
    with store.session() as session:
        stories = account_story_entries(session, account.id, {story_id: score})
        rules = story_rules(session, account.id, [story_id])
    if not stories:
        return None
    story = replace(stories[0], rules=rules.get(story_id, ()))
    competitors = {c.id: c.name for c in config.model.competitors}
    timezone = account.timezone or config.model.settings.timezone
    digest = build_digest(
        account.id,
        account.name,
        str(account.owner),
        "alert",
        timezone,
        [story],
        competitors=competitors,
        renewal=account.renewal,
        sent_at=now,
    )
    entry = digest.groups[0].entries[0]
    env = template_environment(config)
    html = env.get_template("alert.html.j2").render(digest=digest, entry=entry)
    text = env.get_template("alert.txt.j2").render(digest=digest, entry=entry)
    about = ", ".join(entry.competitors[:2]) or digest.groups[0].heading
    subject = one_line(f"Alert for {account.name}: {about}, threat {score}")
    sender = sender_of(config)
    msg = compose(
        subject,
        inline_css(html),
        text,
        sender,
        [str(account.owner)],
        message_id(account.id, story_id, sender, "alert"),
        now,
    )
    return Outgoing(
        key=f"alerts/{account.id}/{story_id}",
        subject=subject,
        text=text,
        html=html,
        raw=msg.as_bytes(policy=policy.SMTP),
        sender=sender,
        recipients=(str(account.owner),),
        message_id=str(msg["Message-ID"]),
    )


def time_to_detect(rows: Sequence[models.Alert]) -> list[float]:
    """Seconds from publication to alert, for the alerts whose publication date is known."""
    return sorted(r.latency_s for r in rows if r.latency_s is not None)
