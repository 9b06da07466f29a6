"""SQLAlchemy models of the store; the Alembic migrations in radar/store/migrations create them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from radar.store.columns import UtcDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(none_as_null=True),
        list[Any]: JSON,
    }


def table(model: type[Base]) -> Table:
    """The model's table, for Core statements where ORM objects would only cost time."""
    found = model.__table__
    assert isinstance(found, Table)
    return found


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(320))
    timezone: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime]


class Competitor(Base):
    __tablename__ = "competitors"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime]


class Source(Base):
    """A configured source and its health."""

    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    about: Mapped[str] = mapped_column(String(80))
    every_s: Mapped[float] = mapped_column(Float)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_diagnosis: Mapped[str | None] = mapped_column(String(80))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_due_at: Mapped[datetime | None]
    documents_last: Mapped[int] = mapped_column(Integer, default=0)
    documents_total: Mapped[int] = mapped_column(Integer, default=0)


class CrawlRun(Base):
    """One crawl of one source: what it fetched and how it ended."""

    __tablename__ = "crawl_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(80), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
    ok: Mapped[bool] = mapped_column(Boolean)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class HttpCacheEntry(Base):
    """Validators of the last answer for a URL, for conditional GETs."""

    __tablename__ = "http_cache"
    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    checked_at: Mapped[datetime]


class UrlAlias(Base):
    """A URL that led to a stored document under another URL (a redirect, a declared canonical)."""

    __tablename__ = "url_aliases"
    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    document_url: Mapped[str] = mapped_column(String(2048))
    seen_at: Mapped[datetime]


class SeenEntry(Base):
    """Feed entry ids already stored, so an entry is not fetched twice."""

    __tablename__ = "seen_entries"
    source_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(1024), primary_key=True)
    seen_at: Mapped[datetime]


class Story(Base):
    """One real-world event; documents that report it share the story."""

    __tablename__ = "stories"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    dated_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime]


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(80), index=True)
    source_kind: Mapped[str] = mapped_column(String(40))
    about: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(16))
    site_name: Mapped[str | None] = mapped_column(String(300))
    entry_id: Mapped[str | None] = mapped_column(String(1024))
    fingerprint: Mapped[str] = mapped_column(String(64), index=True, default="")
    change: Mapped[dict[str, Any] | None]
    published_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime]
    dated_at: Mapped[datetime] = mapped_column(index=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    # What story matching compares: the MinHash signature of the text, the weighted lead words.
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    lead_terms: Mapped[dict[str, Any] | None]


class StoryKey(Base):
    """A key under which a document is found when a later one may report the same event."""

    __tablename__ = "story_keys"
    __table_args__ = (Index("ix_story_keys_key_dated", "key", "dated_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    dated_at: Mapped[datetime]


class Item(Base):
    """A document's classification: category, every category's score, companies named."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    scores: Mapped[dict[str, Any]]
    companies: Mapped[list[Any]]
    classified_at: Mapped[datetime]


class AccountLink(Base):
    __tablename__ = "account_links"
    __table_args__ = (
        UniqueConstraint("item_id", "account_id"),
        Index("ix_account_links_account_dated", "account_id", "dated_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    account_id: Mapped[str] = mapped_column(String(80))
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    rules: Mapped[list[Any]]
    reasons: Mapped[list[Any]]
    dated_at: Mapped[datetime]
    created_at: Mapped[datetime]


class PageSnapshot(Base):
    """The normalised main content of a watched page at one crawl."""

    __tablename__ = "page_snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(80), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    taken_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class DigestLog(Base):
    """The send log: one row per account and week; delivery happens once."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("account_id", "week"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[str] = mapped_column(String(80))
    week: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[str] = mapped_column(String(300))
    recipients: Mapped[list[Any]]
    stories: Mapped[int] = mapped_column(Integer, default=0)
    built_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    # The exact message claimed for sending: a resend after a crash is this message, byte for byte.
    message: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime | None]


class Alert(Base):
    """An alert sent between digests; one per account and story."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("account_id", "story_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[str] = mapped_column(String(80))
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"))
    score: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime | None]
    alerted_at: Mapped[datetime]
    latency_s: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), server_default="sent")
    delivered: Mapped[list[Any] | None]  # channel keys that took the alert
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime | None]  # by the sender delivering it now; None: at alerted_at


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]
    # A password printed by `users add` works once: the first sign-in asks for a new one.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Kept in each session cookie; raising it ends every session of the user.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # A disabled user cannot sign in and their tokens answer 401; `users enable` undoes it.
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_sign_in_at: Mapped[datetime | None]


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class SchedulerJob(Base):
    """APScheduler's SQLAlchemyJobStore table: the daemon's jobs and their next run survive restarts."""

    __tablename__ = "scheduler_jobs"
    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)


class DaemonStatus(Base):
    """What the running `rivalradar run` tells others: since when, and the state of its config."""

    __tablename__ = "daemon_status"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    config_path: Mapped[str] = mapped_column(Text)
    config_loaded_at: Mapped[datetime | None]
    config_error: Mapped[str | None] = mapped_column(Text)


class Correction(Base):
    """An analyst's correction of a story, a document of it, or its link to an account.

    It is applied to the stored items, links and stories when it is made (radar.store.corrections);
    the row is kept so that documents joining the story later are held to it too.
    """

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_email: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]
    story_id: Mapped[str] = mapped_column(String(40), index=True)
    document_url: Mapped[str | None] = mapped_column(String(2048))
    account_id: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(300), default="")
