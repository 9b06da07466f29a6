"""What a crawl carries besides its spiders: where documents go, and what each source reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeAlias

from crawler.stopping import Stop
from radar.records import Classification, Document, Fetched

if TYPE_CHECKING:
    # Story matching's records, named as types only: importing extractors.stories compiles the
    # word-frequency tokenizer, a cost a crawl's start (and `validate`) has no use for.
    from extractors.page_kind import NotAnArticle
    from extractors.stories import StoryCandidate

# A document, its classification and (when already worked out) what story matching compares.
Classified: TypeAlias = "tuple[Document, Classification, StoryCandidate | None]"


# A page extracted and classified, with what story matching compares; None when it has no text,
# NotAnArticle when it is no news (a cookie policy, a soft 404): neither becomes an item.
Processed: TypeAlias = "tuple[Document, Classification, StoryCandidate] | NotAnArticle | None"

# Why fetched pages became no document, as a source's report counts them.
NO_TEXT = "no readable text"
NOT_AN_ARTICLE = "not an article"


class Classify(Protocol):
    def classify(self, docs: Sequence[Document], now: datetime) -> list[Classification]: ...


class Recipe(Protocol):
    """What builds the classifier; picklable, since each worker process builds its own."""

    def build(self) -> Classify: ...


class Process(Protocol):
    """Fetched pages (and documents a spider made) extracted and classified: crawler/workers.py."""

    async def process(self, item: Fetched | Document, now: datetime) -> Processed: ...


class DocumentSink(Protocol):
    """Where classified documents go (the store, or a list for `sources check`)."""

    def known_urls(self, urls: Iterable[str]) -> set[str]: ...

    def seen_entries(self, source_id: str) -> set[str]: ...

    def add_many(self, batch: Sequence[Classified]) -> Sequence[bool]:
        """Store the documents; for each, True if it is new, False if its URL was stored."""

    def remember_aliases(self, urls: Iterable[str], document_url: str) -> None:
        """URLs that led to a stored document under another URL (redirects, declared canonicals)."""

    def last_snapshot(self, source_id: str, url: str) -> list[str] | None: ...

    def save_snapshot(self, source_id: str, url: str, lines: list[str]) -> None: ...

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The (ETag, Last-Modified) of the URL's last full answer, for a conditional GET."""


@dataclass(slots=True)
class SourceReport:
    """One source's crawl as it happens: counts, and the first failure with its diagnosis."""

    source_id: str
    url: str
    started_at: datetime
    finished_at: datetime | None = None
    fetched: int = 0
    new: int = 0
    unchanged: int = 0
    failed_pages: int = 0
    # Fetched pages that are no document, by why (NO_TEXT, NOT_AN_ARTICLE): no failure.
    skipped: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    diagnosis: str | None = None
    # Advice that is no failure: "the page looks built by script; add `render: browser`".
    notes: list[str] = field(default_factory=list)
    # (ETag, Last-Modified) per URL answered in full; saved only if the whole crawl went well.
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # The crawl was stopped before this source finished: it is not marked done, and the next
    # crawl takes it up again.
    stopped: bool = False

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def ok(self) -> bool:
        return self.error is None

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def note(self, advice: str) -> None:
        if advice not in self.notes:
            self.notes.append(advice)

    def fail(self, diagnosis: str, error: str) -> None:
        if self.error is None:
            self.error, self.diagnosis = error, diagnosis


@dataclass(slots=True)
class CrawlContext:
    processor: Process
    sink: DocumentSink
    now: Callable[[], datetime]
    reports: dict[str, SourceReport] = field(default_factory=dict)
    on_progress: Callable[[SourceReport], None] | None = None
    stop: Stop = field(default_factory=Stop)
