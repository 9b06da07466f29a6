"""The store: one SQLAlchemy engine, migrations, and the writes the pipeline makes."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timedelta
from importlib.resources import files
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from extractors.stories import StoryCandidate
from radar.config.loader import LoadedConfig
from radar.errors import StoreError
from radar.records import Classification, Document, SourceSpec
from radar.store import models, stories

logger = logging.getLogger(__name__)


def story_id_for(url: str) -> str:
    """A new story's id: stable for the document that opened it."""
    return "s-" + hashlib.sha256(url.encode()).hexdigest()[:16]


class Store:
    """All reads and writes of the database go through here."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine = _engine(url)
        except (SQLAlchemyError, ImportError) as err:
            raise StoreError(f"cannot use the database {_safe(url)}: {err}") from err
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._candidates = stories.CandidateCache()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def migrate(self) -> str:
        """Bring the schema to the newest revision; return it."""
        script_location = str(files("radar.store") / "migrations")
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", script_location)
        try:
            with self.engine.begin() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                head = ScriptDirectory.from_config(cfg).get_current_head()
                if current != head:
                    cfg.attributes["connection"] = connection
                    command.upgrade(cfg, "head")
        except SQLAlchemyError as err:
            raise StoreError(
                f"cannot reach or migrate the database {_safe(self.url)}: {_first_line(err)}"
            ) from err
        return head or ""

    def sync_config(self, config: LoadedConfig, now: datetime) -> None:
        """Mirror the config's accounts, competitors and sources into the store."""
        default_tz = config.model.settings.timezone
        with self.session() as session:
            for a in config.model.accounts:
                session.merge(
                    models.Account(
                        id=a.id,
                        name=a.name,
                        owner=str(a.owner),
                        timezone=a.timezone or default_tz,
                        value=a.value,
                        updated_at=now,
                    )
                )
            for c in config.model.competitors:
                session.merge(models.Competitor(id=c.id, name=c.name, updated_at=now))
            for spec in config.sources:
                self._sync_source(session, spec)

    @staticmethod
    def _sync_source(session: Session, spec: SourceSpec) -> None:
        row = session.get(models.Source, spec.id)
        if row is None:
            row = models.Source(
                id=spec.id, consecutive_failures=0, documents_last=0, documents_total=0
            )
            session.add(row)
        row.url, row.kind, row.about, row.every_s = spec.url, spec.kind, spec.about, spec.every_s

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self.session() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(
                    session.scalars(
                        select(models.Document.url).where(models.Document.url.in_(chunk))
                    )
                )
        return found

    def aliased_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` that led to a document stored under another URL."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self.session() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(
                    session.scalars(
                        select(models.UrlAlias.url).where(models.UrlAlias.url.in_(chunk))
                    )
                )
        return found

    def add_url_aliases(self, urls: Iterable[str], document_url: str, now: datetime) -> None:
        """Remember URLs that led to the stored document, so that they are not fetched again."""
        with self.session() as session:
            for url in dict.fromkeys(urls):
                if url != document_url and len(url) <= 2048:
                    session.merge(models.UrlAlias(url=url, document_url=document_url, seen_at=now))

    def seen_entries(self, source_id: str) -> set[str]:
        with self.session() as session:
            rows = session.scalars(
                select(models.SeenEntry.entry_id).where(models.SeenEntry.source_id == source_id)
            )
            return set(rows)

    def add_document(self, doc: Document, result: Classification, now: datetime) -> bool:
        """Store a classified document with its links; False when its URL is already stored."""
        (added,) = self.add_documents([(doc, result, None)], now)
        return added

    def add_documents(
        self,
        batch: Sequence[tuple[Document, Classification, StoryCandidate | None]],
        now: datetime,
    ) -> list[bool]:
        """Store classified documents in one transaction; False for each URL already stored.

        Each comes with what story matching compares it by, or None to work it out here.

        A URL that another writer stored meanwhile is skipped and the rest of the batch kept. A
        later document of the batch may join the story of an earlier one.
        """
        try:
            with self.session() as session:
                return [self._add(session, *entry, now) for entry in batch]
        except IntegrityError:
            self._candidates.clear()  # it may hold documents of the batch just rolled back
            if len(batch) == 1:
                if self.known_urls([batch[0][0].url]):
                    return [False]  # another writer stored it between our check and our insert
                raise
        except BaseException:
            self._candidates.clear()
            raise
        # Another writer stored one of the URLs meanwhile: the batch again, one at a time.
        return [self.add_documents([pair], now)[0] for pair in batch]

    def _add(
        self,
        session: Session,
        doc: Document,
        result: Classification,
        story: StoryCandidate | None,
        now: datetime,
    ) -> bool:
        if session.scalar(_document_id(doc.url)):
            return False
        # Core statements, not ORM objects: a batch writes thousands of rows, none read back.
        story_id, matched_by = stories.assign_story(
            session, doc, result, now, self._candidates, story
        )
        document_id = session.scalar(
            insert(models.table(models.Document))
            .values(**_document_fields(doc, story_id), **stories.matched_by(matched_by))
            .returning(models.table(models.Document).c.id)
        )
        assert document_id is not None
        stories.index_document(session, document_id, doc.dated_at, matched_by)
        item_id = session.scalar(
            insert(models.table(models.Item))
            .values(
                document_id=document_id,
                category=result.category,
                scores=dict(result.scores),
                companies=list(result.companies),
                classified_at=now,
            )
            .returning(models.table(models.Item).c.id)
        )
        links = [
            {
                "item_id": item_id,
                "account_id": link.account_id,
                "story_id": story_id,
                "score": link.score,
                "rules": list(link.rules),
                "reasons": list(link.reasons),
                "dated_at": doc.dated_at,
                "created_at": now,
            }
            for link in result.links
        ]
        if links:
            session.execute(insert(models.table(models.AccountLink)), links)
        if doc.entry_id:
            _seen(session, doc.source_id, doc.entry_id, now)
        return True

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
        with self.session() as session:
            for url, (raw_etag, raw_last_modified) in validators.items():
                # Validators longer than their columns are not worth keeping: ask in full.
                etag = raw_etag if raw_etag and len(raw_etag) <= 512 else None
                last_modified = (
                    raw_last_modified
                    if raw_last_modified and len(raw_last_modified) <= 128
                    else None
                )
                if len(url) > 2048:
                    continue
                row = session.get(models.HttpCacheEntry, url)
                if etag is None and last_modified is None:
                    if row is not None:
                        session.delete(row)
                    continue
                if row is None:
                    row = models.HttpCacheEntry(url=url, checked_at=now)
                    session.add(row)
                row.etag, row.last_modified, row.checked_at = etag, last_modified, now

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
            row = session.get(models.Source, source_id)
            if row is None:
                return
            row.last_attempt_at = finished_at
            row.documents_last = new
            row.documents_total = (row.documents_total or 0) + new
            if ok:
                row.last_success_at, row.consecutive_failures = finished_at, 0
                row.next_due_at = finished_at + timedelta(seconds=row.every_s)
            else:
                row.last_error, row.last_diagnosis = error, diagnosis
                row.consecutive_failures = (row.consecutive_failures or 0) + 1
                row.next_due_at = finished_at + _backoff(row.every_s, row.consecutive_failures)

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


def _backoff(every_s: float, failures: int) -> timedelta:
    """A failing source waits longer each time, up to a day past its cadence, never for good."""
    extra = min(every_s * (2 ** min(failures - 1, 6)) - every_s, 86400.0)
    return timedelta(seconds=min(every_s, 3600.0) + max(extra, 0.0))


def _document_id(url: str) -> Any:
    return select(models.Document.id).where(models.Document.url == url)


def _seen(session: Session, source_id: str, entry_id: str, now: datetime) -> None:
    seen = models.table(models.SeenEntry).c
    known = (seen.source_id == source_id) & (seen.entry_id == entry_id)
    if session.scalar(select(seen.source_id).where(known)) is None:
        session.execute(
            insert(models.SeenEntry).values(source_id=source_id, entry_id=entry_id, seen_at=now)
        )
    else:
        session.execute(update(models.SeenEntry).where(known).values(seen_at=now))


def _document_fields(doc: Document, story_id: str) -> dict[str, Any]:
    return {
        "source_id": doc.source_id,
        "source_kind": doc.source_kind,
        "about": doc.about,
        "url": doc.url,
        "title": doc.title,
        "text": doc.text,
        "summary": doc.summary,
        "author": doc.author,
        "language": doc.language,
        "site_name": doc.site_name,
        "entry_id": doc.entry_id,
        "fingerprint": doc.fingerprint,
        "published_at": doc.published_at,
        "fetched_at": doc.fetched_at,
        "dated_at": doc.dated_at,
        "story_id": story_id,
        "change": asdict(doc.change) if doc.change else None,
    }


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "<unparsable database URL>"


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
