"""Documents into the store, each with its item, links and story; what is stored already."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from extractors.stories import StoryCandidate, candidate
from radar.records import Classification, Document
from radar.store import correction_hooks, models, stories
from radar.store.database import Database
from radar.store.upsert import upsert


def story_id_for(url: str) -> str:
    """A new story's id: stable for the document that opened it."""
    return "s-" + hashlib.sha256(url.encode()).hexdigest()[:16]


class DocumentStore(Database):
    """The documents of every source, and the URLs and feed entries they came from."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._candidates = stories.CandidateCache()

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` stored as a document's URL."""
        return self._stored(models.Document.url, urls)

    def aliased_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` that led to a document stored under another URL."""
        return self._stored(models.UrlAlias.url, urls)

    def _stored(self, column: InstrumentedAttribute[str], urls: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self.session() as session:
            for start in range(0, len(wanted), 500):  # bound the size of one IN (...)
                chunk = wanted[start : start + 500]
                found.update(session.scalars(select(column).where(column.in_(chunk))))
        return found

    def add_url_aliases(self, urls: Iterable[str], document_url: str, now: datetime) -> None:
        """Remember URLs that led to the stored document, so that they are not fetched again."""
        rows = [
            {"url": url, "document_url": document_url, "seen_at": now}
            for url in dict.fromkeys(urls)
            if url != document_url and len(url) <= 2048
        ]
        with self.session() as session:
            upsert(session, models.UrlAlias, rows, ["url"], ["document_url", "seen_at"])

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
        ready = [
            (doc, result, story or candidate(doc.url, doc, result)) for doc, result, story in batch
        ]
        try:
            with self.session() as session:
                stories.hold_keys(session, [story for _, _, story in ready])
                return [self._add(session, *entry, now) for entry in ready]
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
        result = correction_hooks.held(session, story_id, result)
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


def _document_id(url: str) -> Any:
    return select(models.Document.id).where(models.Document.url == url)


def _seen(session: Session, source_id: str, entry_id: str, now: datetime) -> None:
    row = {"source_id": source_id, "entry_id": entry_id, "seen_at": now}
    upsert(session, models.SeenEntry, [row], ["source_id", "entry_id"], ["seen_at"])


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
