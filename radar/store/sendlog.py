"""The send log: a digest is claimed in the database before it is sent, and sent once.

A claim stores the exact bytes of the message. When a run dies after claiming, the next run sends
the stored message again, byte for byte, to the stored recipients: if the mail server had already
accepted it, the copy has the same Message-ID and mail clients show one message. Never a
different message, and never none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from digest.channels import Channel, Outgoing
from radar.errors import DeliveryError
from radar.store import models
from radar.store.store import Store

logger = logging.getLogger(__name__)


def send_logged(
    store: Store,
    week: str,
    items: Sequence[tuple[str, int, Outgoing]],
    channel: Channel,
    now: datetime,
    record: Callable[[str, str], None],
) -> None:
    """Send each (log key, story count, message) unless the log says it went out this week."""
    for key, stories, item in items:
        claim = claim_send(store, key, week, item, stories, now)
        if claim is None:
            record(key, "already sent")
            continue
        message, is_retry = claim
        try:
            channel.send(message)
        except DeliveryError as err:
            # The claim stays: the next run sends this same message.
            logger.warning("digest not delivered: %s", err, extra={"account": key})
            record(key, f"failed: {err}")
            continue
        mark_sent(store, key, week, now)
        record(key, "sent again after an interrupted run" if is_retry else "sent")


def claim_send(
    store: Store, key: str, week: str, item: Outgoing, stories: int, now: datetime
) -> tuple[Outgoing, bool] | None:
    """The message to send and whether it is a retry; None when the log says it went out."""
    try:
        with store.session() as session:
            row = _row(session, key, week)
            if row is not None and row.status == "sent":
                return None
            if row is None:
                session.add(
                    models.DigestLog(
                        account_id=key,
                        week=week,
                        status="sending",
                        message_id=item.message_id,
                        recipients=list(item.recipients),
                        stories=stories,
                        built_at=now,
                        sent_at=None,
                        message=item.raw.decode("utf-8"),
                        claimed_at=now,
                    )
                )
                return item, False
            row.claimed_at = now
            if row.message is None:  # claimed before the log kept messages
                row.message = item.raw.decode("utf-8")
                return item, True
            stored = replace(
                item,
                raw=row.message.encode("utf-8"),
                recipients=tuple(row.recipients),
                message_id=row.message_id,
            )
            return stored, True
    except IntegrityError:
        # Another sender inserted the claim between our read and our write: it sends.
        logger.info("another sender claimed this digest first", extra={"account": key})
        return None


def mark_sent(store: Store, key: str, week: str, now: datetime) -> None:
    with store.session() as session:
        row = _row(session, key, week)
        assert row is not None, "a digest is marked sent only after it was claimed"
        row.status, row.sent_at = "sent", now


def _row(session: Session, key: str, week: str) -> models.DigestLog | None:
    return session.scalars(
        select(models.DigestLog).where(
            models.DigestLog.account_id == key, models.DigestLog.week == week
        )
    ).first()
