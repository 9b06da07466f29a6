"""JSON Feed (1.0 and 1.1) bodies into the same entries as RSS and Atom.

feedparser reads RSS and Atom but not JSON Feed; the format is plain JSON, so its untrusted
items are validated with pydantic and mapped onto FeedEntry like feedparser's entries.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict, ValidationError

from extractors.dates import from_text
from extractors.encoding import decode_body
from extractors.feed import FeedRead
from extractors.fragment import html_to_text
from extractors.urls import web_url
from radar.errors import ExtractionError
from radar.records import FeedEntry

VERSION_PREFIX = "https://jsonfeed.org/version/"


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Author(_Loose):
    name: str | None = None


class Item(_Loose):
    id: str | int | float | None = None
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    author: Author | None = None  # JSON Feed 1.0
    authors: list[Author] = []  # JSON Feed 1.1


class JsonFeed(_Loose):
    version: str
    title: str | None = None
    items: list[object] = []  # checked one by one: a bad item does not cost the others


def looks_like_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or body.lstrip()[:1] == b"{"


def parse_json_feed(body: bytes, url: str, content_type: str = "") -> FeedRead:
    """Every readable item of a JSON Feed; ExtractionError when the body is not one.

    One malformed item is left out with its reason; the feed's other items still count.
    """
    try:
        feed = JsonFeed.model_validate(json.loads(decode_body(body, content_type)))
    except (ValueError, RecursionError, ValidationError) as err:
        raise ExtractionError(f"not a feed: not a JSON Feed document ({_first_line(err)})") from err
    if not feed.version.startswith(VERSION_PREFIX):
        raise ExtractionError(f"not a feed: JSON without a JSON Feed version ({feed.version!r})")
    entries, problems = [], []
    for number, raw in enumerate(feed.items, start=1):
        try:
            entries.append(_entry(Item.model_validate(raw), url))
        except (ValidationError, ValueError) as err:
            problems.append(f"item {number} left out, it is malformed: {_first_line(err)}")
    return FeedRead(entries, problems)


def _entry(item: Item, base_url: str) -> FeedEntry:
    link = web_url(item.url, base_url) or web_url(item.external_url, base_url)
    content = html_to_text(item.content_html) if item.content_html else (item.content_text or "")
    title = html_to_text(item.title or "")
    summary = html_to_text(item.summary or "")
    authors = [a.name for a in (item.authors or ([item.author] if item.author else [])) if a.name]
    entry_id = str(item.id) if item.id is not None and item.id != "" else None
    entry_id = entry_id or link or _digest(title + content)
    return FeedEntry(
        entry_id=entry_id,
        link=link,
        title=title,
        summary=summary,
        content=content.strip(),
        published_at=from_text(item.date_published or item.date_modified),
        author=", ".join(authors) or None,
    )


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
