"""Feed bodies (RSS 0.9x/1.0/2.0, Atom) into normalised entries, with feedparser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import feedparser

from extractors.dates import from_struct
from extractors.encoding import decode_body, valid_char_refs
from extractors.fragment import html_to_text
from extractors.urls import web_url
from radar.errors import ExtractionError
from radar.records import FeedEntry

# feedparser is told the text is UTF-8 once it has been decoded (extractors/encoding.py): its own
# guess falls back to windows-1252, which garbles feeds in EUC-JP, KOI8-R or TIS-620.
_DECODED = "application/xml; charset=utf-8"


@dataclass(frozen=True, slots=True)
class FeedRead:
    """A feed's readable entries, and why each of the others was left out."""

    entries: list[FeedEntry]
    problems: list[str] = field(default_factory=list)


def parse_feed(body: bytes, url: str, content_type: str = "") -> FeedRead:
    """Every readable entry of the feed; ExtractionError when the body is no feed at all.

    One malformed entry is left out with its reason; the feed's other entries still count.
    """
    # feedparser fails the whole feed on one reference to no character (&#xD800;).
    text = valid_char_refs(decode_body(body, content_type))
    headers = {"content-type": _DECODED, "content-location": url}
    try:
        parsed = feedparser.parse(text.encode("utf-8", "surrogatepass"), response_headers=headers)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as err:
        raise ExtractionError(f"not a feed: feedparser could not read it ({err!r})") from err
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception") or "no RSS or Atom document found"
        raise ExtractionError(f"not a feed: {problem}")
    entries, problems = [], []
    for number, raw in enumerate(parsed.get("entries") or [], start=1):
        try:
            entries.append(_entry(raw, url))
        except (KeyError, ValueError, TypeError, AttributeError, UnicodeError) as err:
            problems.append(f"entry {number} left out, it is malformed: {err!r}")
    return FeedRead(entries, problems)


def _entry(raw: Any, base_url: str) -> FeedEntry:
    link = web_url(_text_of(raw.get("link")), base_url)
    title = _read(raw, "title")
    summary = _read(raw, "summary")
    contents = [_html(c) for c in raw.get("content") or [] if isinstance(c, dict)]
    content = "\n".join(c for c in contents if c)
    entry_id = _text_of(raw.get("id")) or link or _digest(title + summary)
    # Read as a plain dict: feedparser's own lookup of a missing `updated_parsed` warns when the
    # entry has an unreadable `published` date.
    published = from_struct(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed"))
    return FeedEntry(
        entry_id=entry_id,
        link=link,
        title=title,
        summary=summary,
        content=content,
        published_at=published,
        author=_text_of(raw.get("author")) or None,
    )


def _read(raw: Any, key: str) -> str:
    """An entry's text field as a reader sees it: HTML made text, plain text as it is."""
    detail = raw.get(f"{key}_detail")
    if isinstance(detail, dict) and detail.get("type") == "text/plain":
        return " ".join(_text_of(raw.get(key)).split())
    return html_to_text(_text_of(raw.get(key)))


def _html(content: dict[str, Any]) -> str:
    value = _text_of(content.get("value"))
    return value.strip() if content.get("type") == "text/plain" else html_to_text(value)


def _text_of(value: object) -> str:
    return value if isinstance(value, str) else ""


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
