from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from pydantic import Field, field_validator
from scrapy.http import Response, TextResponse

from crawler.kinds import KindOptions, check_selector, source_kind
from crawler.spiders.base import SourceSpider
from extractors.fingerprint import text_fingerprint
from extractors.page_diff import compare_pages
from extractors.pages import page_lines
from extractors.urls import canonical_url
from radar.records import Document, PageChange

logger = logging.getLogger(__name__)


class PageOptions(KindOptions):
    ignore: list[str] = Field(
        default_factory=list, description="CSS selectors left out of the comparison"
    )
    focus: list[str] = Field(
        default_factory=list, description="CSS selectors: compare only these parts"
    )

    @field_validator("ignore", "focus")
    @classmethod
    def _valid_selectors(cls, selectors: list[str]) -> list[str]:
        for selector in selectors:
            check_selector(selector)
        return selectors


@source_kind("page", PageOptions)
class PageSpider(SourceSpider):
    """Watches one page (a pricing page); a meaningful change since the last crawl becomes an item."""

    async def start(self) -> AsyncIterator[Any]:
        yield self.page_request(
            self.source.url, callback=self.parse_page, errback=self.primary_failed, dont_filter=True
        )

    def parse_page(self, response: Response) -> Iterator[Document]:
        self.report.fetched += 1
        if not isinstance(response, TextResponse):
            return
        lines = page_lines(response.text, self.options.ignore, self.options.focus)
        url = canonical_url(response.url)
        if not lines:
            # An empty read (a script-only shell, a broken answer) must not become the baseline.
            logger.info("no text to compare at %s", url, extra={"source": self.source.id})
            self.check_app_shell(response)
            self.report.unchanged += 1
            return
        sink = self.context.sink
        before = sink.last_snapshot(self.source.id, url)
        sink.save_snapshot(self.source.id, url, lines)
        change = compare_pages(before, lines) if before is not None else None
        if change is None:
            self.report.unchanged += 1
            return
        title = " ".join(response.css("title::text").get(default="").split()) or url
        yield self._document(url, title, change)

    def _document(self, url: str, page_title: str, change: PageChange) -> Document:
        text = describe(change)
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        return Document(
            source_id=self.source.id,
            source_kind=self.source.kind,
            about=self.source.about,
            url=f"{url}#change-{digest}",
            title=f"{page_title}: {(change.prices or change.edits or ('changed',))[0]}",
            text=text,
            fetched_at=self.context.now(),
            summary=_summary(change),
            fingerprint=text_fingerprint(text),
            change=change,
        )


def describe(change: PageChange) -> str:
    """The change in words, for the reader and for the classifier."""
    parts = []
    if change.prices:
        parts.append("Prices changed: " + "; ".join(change.prices) + ".")
    if change.edits:
        parts.append("Changed: " + "; ".join(change.edits[:20]) + ".")
    if change.added:
        parts.append("Now on the page: " + " | ".join(change.added[:20]))
    if change.removed:
        parts.append("No longer on the page: " + " | ".join(change.removed[:20]))
    return "\n".join(parts)


def _summary(change: PageChange) -> str:
    """What the headline and the price lines do not already say."""
    rest = list(change.prices[1:]) + list(change.edits[0 if change.prices else 1 :])
    summary = "; ".join(rest[:5]) or "; ".join(change.prices)
    return summary if len(summary) <= 300 else summary[:299].rsplit(" ", 1)[0] + "…"
