"""The store's side of story matching: read the candidates a new document may join, write its keys.

Which candidate reports the same event is decided in `extractors.stories`; here the candidates
are picked by the document's index keys (its text, its LSH bands, its companies, its rarest words)
and by date, so a new document is compared with a few dozen others, not with the whole store.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, insert, or_, select, text, update
from sqlalchemy.orm import Session

from extractors.events import Lead
from extractors.stories import (
    COPY_WINDOW,
    EVENT_WINDOW,
    StoryCandidate,
    best_match,
    candidate,
    index_keys,
    plausible_categories,
    search_keys,
    story_id,
)
from radar.records import Classification, Document
from radar.store import correction_hooks, models

# Past this many documents sharing a key in the window, the rest are not compared: a bound on
# the work one new document can cause, reached only by hundreds of items of one company a week.
MAX_CANDIDATES = 1000


def assign_story(
    session: Session,
    doc: Document,
    result: Classification,
    now: datetime,
    cache: CandidateCache | None = None,
    item: StoryCandidate | None = None,
) -> tuple[str, StoryCandidate]:
    """The story the document belongs to (an existing one, or a new one); and how it was matched."""
    item = item or candidate(doc.url, doc, result)
    match = best_match(item, _candidates(session, item, doc.dated_at, cache))
    match = correction_hooks.current_story(session, match)
    if match is None:
        new_id = story_id(doc.url)
        session.execute(
            insert(models.table(models.Story)).values(
                id=new_id,
                title=doc.title,
                category=result.category,
                dated_at=doc.dated_at,
                created_at=now,
            )
        )
        return new_id, item
    # A story is dated by its earliest report, and headed by it.
    session.execute(
        update(models.Story)
        .where(models.Story.id == match.story_id, models.Story.dated_at > doc.dated_at)
        .values(dated_at=doc.dated_at, title=doc.title)
    )
    return match.story_id, item


def hold_keys(session: Session, items: Iterable[StoryCandidate]) -> None:
    """On PostgreSQL, wait for any other writer storing documents under the same keys.

    Two workers storing reports of one event at once would each miss the other's uncommitted
    report and open two stories. So a transaction first takes an advisory lock on every key its
    documents are found by or search by, all at once and in one order (no deadlock among such
    writers); the second waits for the first to commit, then finds its report. SQLite has one
    writer at a time and needs none.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = {key for item in items for key in (*index_keys(item), *search_keys(item))}
    if not keys:
        return
    session.execute(
        text(
            "select count(pg_advisory_xact_lock(hashtext(current_schema() || '/stories'), k)) "
            "from unnest(cast(:keys as integer[])) as k"
        ),
        {"keys": sorted({_lock_number(key) for key in keys})},
    )


def _lock_number(key: str) -> int:
    """A key as a signed 32-bit number, the same in every process (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big", signed=True)


def matched_by(item: StoryCandidate) -> dict[str, Any]:
    """The document's columns that later documents are matched against: signature and lead."""
    return {
        "signature": item.signature or None,
        "lead_terms": dict(item.lead.weights) if item.lead else None,
    }


def index_document(
    session: Session, document_id: int, dated_at: datetime, item: StoryCandidate
) -> None:
    """Keep the keys under which later documents find this one."""
    keys = [
        {"document_id": document_id, "key": key, "dated_at": dated_at} for key in index_keys(item)
    ]
    if keys:
        session.execute(insert(models.table(models.StoryKey)), keys)


class CandidateCache:
    """Documents as story matching sees them, by id: a stored document never changes.

    A new document shares its company keys with up to `MAX_CANDIDATES` others; reading and
    decoding each of them for every new document was most of the cost of storing it. The store
    clears the cache when it deletes documents.
    """

    def __init__(self, size: int = 4 * MAX_CANDIDATES) -> None:
        self.size = size
        self._items: OrderedDict[int, StoryCandidate] = OrderedDict()

    def get(self, ids: Iterable[int]) -> tuple[dict[int, StoryCandidate], list[int]]:
        """The cached candidates among `ids`, and the ids still to read."""
        found: dict[int, StoryCandidate] = {}
        missing: list[int] = []
        for doc_id in ids:
            item = self._items.get(doc_id)
            if item is None:
                missing.append(doc_id)
            else:
                self._items.move_to_end(doc_id)
                found[doc_id] = item
        return found, missing

    def put(self, doc_id: int, item: StoryCandidate) -> None:
        self._items[doc_id] = item
        self._items.move_to_end(doc_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


def _candidates(
    session: Session, item: StoryCandidate, at: datetime, cache: CandidateCache | None
) -> list[StoryCandidate]:
    keys = search_keys(item)
    if not keys:
        return []
    # A document found by its companies or rare words can only tell the same event (within
    # EVENT_WINDOW); copies, found by their text's keys, are looked for over COPY_WINDOW.
    by_text = [k for k in keys if k.startswith(("fp:", "lsh"))]
    by_company = [k for k in keys if not k.startswith(("fp:", "lsh"))]
    key = models.StoryKey
    ids = session.scalars(
        select(key.document_id)
        .where(
            or_(
                _keyed(by_text, at, COPY_WINDOW),
                _keyed(by_company, at, EVENT_WINDOW),
            )
        )
        .distinct()
        .limit(MAX_CANDIDATES)
    ).all()
    cache = cache if cache is not None else CandidateCache()
    found, missing = cache.get(ids)
    for start in range(0, len(missing), _READ_BATCH):
        for row in session.execute(
            _CANDIDATE_COLUMNS.where(models.Document.id.in_(missing[start : start + _READ_BATCH]))
        ):
            stored = _stored(row)
            cache.put(row.id, stored)
            found[row.id] = stored
    return [found[doc_id] for doc_id in ids if doc_id in found]


def _keyed(keys: list[str], at: datetime, window: timedelta) -> ColumnElement[bool]:
    key = models.StoryKey
    if not keys:
        return false()
    return and_(key.key.in_(keys), key.dated_at >= at - window, key.dated_at <= at + window)


# Plain columns, not ORM objects: thousands are read per batch and none is ever changed.
_CANDIDATE_COLUMNS = select(
    models.Document.id,
    models.Document.url,
    models.Document.title,
    models.Document.fingerprint,
    models.Document.dated_at,
    models.Document.signature,
    models.Document.lead_terms,
    models.Document.source_id,
    models.Document.change.is_not(None).label("is_change"),
    models.Document.story_id,
    models.Item.category,
    models.Item.companies,
    models.Item.scores,
).join(models.Item, models.Item.document_id == models.Document.id)
_READ_BATCH = 500


def _stored(row: Any) -> StoryCandidate:
    weights = {str(k): float(v) for k, v in (row.lead_terms or {}).items()}
    return StoryCandidate(
        key=row.url,
        title=row.title,
        fingerprint=row.fingerprint,
        category=row.category,
        companies=tuple(str(c) for c in row.companies),
        dated_at=row.dated_at,
        signature=row.signature or b"",
        lead=Lead.of(weights),
        source_id=row.source_id,
        is_page_change=bool(row.is_change),
        story_id=row.story_id,
        plausible=plausible_categories({str(k): float(v) for k, v in (row.scores or {}).items()}),
    )
