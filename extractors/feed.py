"""Feed bodies (RSS 0.9x/1.0/2.0, Atom) into normalised entries, with feedparser."""

from __future__ import annotations

import hashlib
from typing import Any

import feedparser

from extractors.dates import from_struct
from extractors.fragment import html_to_text
from radar.errors import ExtractionError
from radar.records import FeedEntry


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    """Every entry of the feed; ExtractionError when the body is no feed at all."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise ExtractionError(f"not a feed: {problem}")
    return [_entry(raw) for raw in parsed.entries]


def _entry(raw: Any) -> FeedEntry:
    link = raw.get("link") or None
    title = html_to_text(raw.get("title", "")).strip()
    summary = html_to_text(raw.get("summary", ""))
    contents = [c.get("value", "") for c in raw.get("content", []) if c.get("value")]
    content = html_to_text("\n".join(contents)) if contents else ""
    entry_id = raw.get("id") or link or _digest(title + summary)
    published = from_struct(raw.get("published_parsed") or raw.get("updated_parsed"))
    return FeedEntry(
        entry_id=str(entry_id),
        link=str(link) if link else None,
        title=title,
        summary=summary,
        content=content,
        published_at=published,
        author=raw.get("author") or None,
    )


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
