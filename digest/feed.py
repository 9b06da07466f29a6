"""An account's threat feed as Atom 1.0 (feedgen) or JSON Feed 1.1: one entry per story."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime

from feedgen.feed import FeedGenerator
from jinja2 import Environment

from digest.render import level, safe_link
from digest.select import DigestEntry

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Ids are name-based UUIDs (RFC 4122 version 5): stable, absolute and valid wherever the feed is
# served, where a tag: URI would need a domain name the installation owns.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://rivalradar.invalid/feeds")


def feed_id(account_id: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, f"account/{account_id}").urn


def entry_id(account_id: str, story_id: str) -> str:
    """Stable across runs: made of the account and the story, nothing that changes."""
    return uuid.uuid5(ID_NAMESPACE, f"account/{account_id}/story/{story_id}").urn


def atom_feed(
    env: Environment,
    account_id: str,
    account_name: str,
    entries: Sequence[DigestEntry],
    now: datetime,
    self_url: str | None = None,
) -> bytes:
    """Atom 1.0 (RFC 4287); each entry carries its category, threat score, reasons and every source.

    `updated` is the newest story's date, or `now` for a feed with none; `self_url`, where the
    feed is served, becomes its rel="self" link.
    """
    fg = FeedGenerator()
    fg.id(feed_id(account_id))
    if self_url:
        fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.title(f"rivalradar: threats to {account_name}")
    fg.subtitle(f"Competitive stories linked to {account_name}, with threat scores and reasons.")
    fg.author({"name": "rivalradar"})
    fg.generator("rivalradar")
    fg.language("en")
    fg.updated(max((e.story.dated_at for e in entries), default=now))
    # feedgen writes entries in reverse order of addition: add the oldest first.
    for entry in reversed(entries):
        _atom_entry(fg, env, account_id, account_name, entry)
    return bytes(fg.atom_str(pretty=True))


def _atom_entry(
    fg: FeedGenerator, env: Environment, account_id: str, account_name: str, entry: DigestEntry
) -> None:
    story = entry.story
    fe = fg.add_entry()
    fe.id(entry_id(account_id, story.story_id))
    fe.title(" ".join(story.title.split()) or "(untitled)")
    fe.updated(story.dated_at)
    fe.published(story.dated_at)
    links = [url for _, url in story.sources if safe_link(url) == url]
    for index, url in enumerate(links):
        fe.link(href=url, rel="alternate" if index == 0 else "related")
    fe.category(term=story.category, label=story.category.title())
    for name in entry.competitors:
        fe.author({"name": name})
    fe.summary(f"Threat {story.score} ({level(story.score)}): {entry.sentence or story.title}")
    html = env.get_template("feed_entry.html.j2").render(
        entry=entry, story=story, account_name=account_name
    )
    fe.content(html, type="html")


def json_feed(account_id: str, account_name: str, entries: Sequence[DigestEntry]) -> str:
    """JSON Feed 1.1; rivalradar's own fields under `_rivalradar`."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": f"rivalradar: threats to {account_name}",
        "description": f"Competitive stories linked to {account_name}, with threat scores and reasons.",
        "language": "en",
        "_rivalradar": {"account": account_id},
        "items": [_json_item(account_id, e) for e in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_item(account_id: str, entry: DigestEntry) -> dict[str, object]:
    story = entry.story
    item: dict[str, object] = {
        "id": entry_id(account_id, story.story_id),
        "title": " ".join(story.title.split()),
        "content_text": entry.sentence or story.title,
        "date_published": story.dated_at.isoformat(),
        "tags": [story.category],
        "_rivalradar": {
            "story": story.story_id,
            "category": story.category,
            "score": story.score,
            "reasons": list(story.reasons),
            "rules": list(story.rules),
            "competitors": list(entry.competitors),
            "sources": [{"source": sid, "url": url} for sid, url in story.sources],
        },
    }
    links = [url for _, url in story.sources if safe_link(url) == url]
    if links:
        item["url"] = links[0]
    if entry.competitors:
        item["authors"] = [{"name": n} for n in entry.competitors]
    return item
