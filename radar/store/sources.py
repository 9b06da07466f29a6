"""What the store keeps per source: its health and crawl runs, cadence and backoff, HTTP
validators for conditional requests, and the snapshots of watched pages."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update

from radar.config.loader import LoadedConfig
from radar.store import models
from radar.store.database import Database
from radar.store.upsert import upsert

_ACCOUNT_FIELDS = ["name", "owner", "timezone", "value", "updated_at"]


class SourceLedger(Database):
    """Each source's record: mirrored from the config, updated by every crawl."""

    def sync_config(self, config: LoadedConfig, now: datetime) -> None:
        """Mirror the config's accounts, competitors and sources into the store. Upserts: every
        worker mirrors its config before it crawls, and two may do it at once."""
        default_tz = config.model.settings.timezone
        accounts = [
            {
                "id": a.id,
                "name": a.name,
                "owner": str(a.owner),
                "timezone": a.timezone or default_tz,
                "value": a.value,
                "updated_at": now,
            }
            for a in config.model.accounts
        ]
        competitors = [
            {"id": c.id, "name": c.name, "updated_at": now} for c in config.model.competitors
        ]
        sources = [
            {
                "id": spec.id,
                "url": spec.url,
                "kind": spec.kind,
                "about": spec.about,
                "every_s": spec.every_s,
                "consecutive_failures": 0,
                "documents_last": 0,
                "documents_total": 0,
            }
            for spec in config.sources
        ]
        with self.session() as session:
            upsert(session, models.Account, accounts, ["id"], _ACCOUNT_FIELDS)
            upsert(session, models.Competitor, competitors, ["id"], ["name", "updated_at"])
            upsert(session, models.Source, sources, ["id"], ["url", "kind", "about", "every_s"])

    def record_run(
        self,
        source_id: str,
        started_at: datetime,
        finished_at: datetime,
        *,
        ok: bool,
        fetched: int,
        new: int,
        unchanged: int,
        error: str | None,
        diagnosis: str | None,
    ) -> None:
        """Write one crawl's outcome to the source's health."""
        with self.session() as session:
            session.add(
                models.CrawlRun(
                    source_id=source_id,
                    started_at=started_at,
                    finished_at=finished_at,
                    ok=ok,
                    fetched=fetched,
                    new=new,
                    unchanged=unchanged,
                    error=error,
                )
            )
            # Counters as expressions of the row itself: two writers' runs both count.
            source = models.Source
            values: dict[str, Any] = {
                "last_attempt_at": finished_at,
                "documents_last": new,
                "documents_total": func.coalesce(source.documents_total, 0) + new,
            }
            if ok:
                values |= {"last_success_at": finished_at, "consecutive_failures": 0}
            else:
                values |= {"last_error": error, "last_diagnosis": diagnosis}
                values["consecutive_failures"] = func.coalesce(source.consecutive_failures, 0) + 1
            found = session.execute(
                update(source)
                .where(source.id == source_id)
                .values(**values)
                .returning(source.every_s, source.consecutive_failures)
            ).first()
            if found is None:
                return
            every_s, failures = found
            due = timedelta(seconds=every_s) if ok else _backoff(every_s, failures)
            session.execute(
                update(source).where(source.id == source_id).values(next_due_at=finished_at + due)
            )

    def count_unfinished_run(self, source_id: str, new: int) -> None:
        """A crawl stopped before the source finished: the documents it stored count, and the
        source stays as it was otherwise (not attempted, still due)."""
        with self.session() as session:
            row = session.get(models.Source, source_id)
            if row is not None:
                row.documents_total = (row.documents_total or 0) + new

    def prune_history(self, before: datetime) -> dict[str, int]:
        """Drop crawl runs and superseded page snapshots older than `before`; documents stay."""
        with self.session() as session:
            runs = session.execute(
                delete(models.CrawlRun).where(models.CrawlRun.finished_at < before)
            )
            latest = (
                select(func.max(models.PageSnapshot.id))
                .group_by(models.PageSnapshot.source_id, models.PageSnapshot.url)
                .scalar_subquery()
            )
            snapshots = session.execute(
                delete(models.PageSnapshot).where(
                    models.PageSnapshot.taken_at < before, models.PageSnapshot.id.not_in(latest)
                )
            )
        return {"crawl_runs": _rowcount(runs), "page_snapshots": _rowcount(snapshots)}

    def due_source_ids(self, now: datetime) -> set[str]:
        with self.session() as session:
            rows = session.execute(select(models.Source.id, models.Source.next_due_at))
            return {sid for sid, due in rows if due is None or due <= now}

    def last_snapshot(self, source_id: str, url: str) -> list[str] | None:
        with self.session() as session:
            text = session.scalar(
                select(models.PageSnapshot.text)
                .where(models.PageSnapshot.source_id == source_id, models.PageSnapshot.url == url)
                .order_by(models.PageSnapshot.taken_at.desc(), models.PageSnapshot.id.desc())
            )
        return text.split("\n") if text is not None else None

    def save_snapshot(self, source_id: str, url: str, lines: list[str], now: datetime) -> None:
        """Keep the snapshot when it differs from the last one; an unchanged page adds no row."""
        text = "\n".join(lines)
        content_hash = hashlib.sha256(text.encode()).hexdigest()
        with self.session() as session:
            last = session.scalar(
                select(models.PageSnapshot.content_hash)
                .where(models.PageSnapshot.source_id == source_id, models.PageSnapshot.url == url)
                .order_by(models.PageSnapshot.taken_at.desc(), models.PageSnapshot.id.desc())
            )
            if last != content_hash:
                session.add(
                    models.PageSnapshot(
                        source_id=source_id,
                        url=url,
                        taken_at=now,
                        content_hash=content_hash,
                        text=text,
                    )
                )

    def http_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The (ETag, Last-Modified) kept for a URL, for a conditional GET."""
        with self.session() as session:
            row = session.get(models.HttpCacheEntry, url)
            return (row.etag, row.last_modified) if row is not None else None

    def save_http_validators(
        self, validators: Mapping[str, tuple[str | None, str | None]], now: datetime
    ) -> None:
        """Keep each URL's validators; a URL answered without any forgets the old ones."""
        kept, forgotten = [], []
        for url, (raw_etag, raw_last_modified) in validators.items():
            # Validators longer than their columns are not worth keeping: ask in full.
            etag = raw_etag if raw_etag and len(raw_etag) <= 512 else None
            last_modified = (
                raw_last_modified if raw_last_modified and len(raw_last_modified) <= 128 else None
            )
            if len(url) > 2048:
                continue
            if etag is None and last_modified is None:
                forgotten.append(url)
            else:
                kept.append(
                    {"url": url, "etag": etag, "last_modified": last_modified, "checked_at": now}
                )
        with self.session() as session:
            if forgotten:
                cache = models.HttpCacheEntry
                session.execute(delete(cache).where(cache.url.in_(forgotten)))
            upsert(
                session,
                models.HttpCacheEntry,
                kept,
                ["url"],
                ["etag", "last_modified", "checked_at"],
            )


def _backoff(every_s: float, failures: int) -> timedelta:
    """A failing source waits longer each time, up to a day past its cadence, never for good."""
    extra = min(every_s * (2 ** min(failures - 1, 6)) - every_s, 86400.0)
    return timedelta(seconds=min(every_s, 3600.0) + max(extra, 0.0))


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
