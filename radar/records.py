"""Plain records passed between the pipeline's stages; this module imports nothing of the project."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

# What a source is about, besides a competitor or account id.
ABOUT_REGULATOR = "regulator"
ABOUT_NEWS = "news"


@dataclass(frozen=True, slots=True)
class Company:
    """A company the linker looks for: a key account or a competitor."""

    id: str
    name: str
    role: str  # "account" | "competitor"
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountProfile:
    """What threat scoring needs to know of one key account."""

    id: str
    name: str
    competitors: tuple[str, ...] = ()
    industry: str | None = None
    keywords: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()
    value: float | None = None
    renewal: date | None = None
    priority: str | None = None
    currency: str = "USD"  # of `value`, ISO 4217


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One configured source after presets are expanded."""

    id: str
    url: str
    kind: str
    about: str
    every_s: float
    options: object = None  # the kind's validated options model


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, normalised whatever the feed's format."""

    entry_id: str
    link: str | None
    title: str
    summary: str
    content: str
    published_at: datetime | None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page, as the crawler hands it to extraction."""

    source_id: str
    source_kind: str
    about: str
    url: str
    body: str
    fetched_at: datetime
    entry: FeedEntry | None = None


@dataclass(frozen=True, slots=True)
class PageChange:
    """What changed on a watched page between two snapshots."""

    removed: tuple[str, ...]
    added: tuple[str, ...]
    prices: tuple[str, ...] = ()  # "Pro: $49 → $59 per month"
    edits: tuple[str, ...] = ()  # every other change, with its section: "Starter: “5 GB” → “3 GB”"


@dataclass(frozen=True, slots=True)
class Document:
    """One extracted document: an article, a feed entry or a page change."""

    source_id: str
    source_kind: str
    about: str
    url: str
    title: str
    text: str
    fetched_at: datetime
    published_at: datetime | None = None
    summary: str = ""
    author: str | None = None
    language: str | None = None
    site_name: str | None = None
    entry_id: str | None = None
    fingerprint: str = ""
    change: PageChange | None = None

    @property
    def dated_at(self) -> datetime:
        """When the event is dated: its publication, or when we first saw it."""
        return self.published_at or self.fetched_at


@dataclass(frozen=True, slots=True)
class Mention:
    """A company named in a text, with the words that named it."""

    company_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AccountLink:
    """Why and how much an item threatens one key account."""

    account_id: str
    score: int
    rules: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Classification:
    """A document's category, every category's score, its companies and account links."""

    category: str
    scores: Mapping[str, float]
    companies: tuple[str, ...] = ()
    links: tuple[AccountLink, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One story as a digest or feed shows it: the event, its sources, and its threat."""

    story_id: str
    title: str
    summary: str
    category: str
    dated_at: datetime
    sources: tuple[tuple[str, str], ...]  # (source id, url)
    companies: tuple[str, ...]
    score: int
    reasons: tuple[str, ...]
    change: PageChange | None = None
    rules: tuple[str, ...] = ()  # the link rules that tied the story to the account
