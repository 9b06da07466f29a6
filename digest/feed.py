"""An account's threat feed as Atom 1.0 (feedgen) or JSON Feed 1.1: one entry per story."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from jinja2 import Environment

from digest.render import level, safe_link
from digest.select import DigestEntry

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# A feed with no story still needs an `updated`; a fixed one keeps the output stable.
EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)


def feed_id(account_id: str) -> str:
    return f"tag:rivalradar,2026:account/{account_id}"


def entry_id(account_id: str, story_id: str) -> str:
    """Stable across runs: made of the account and the story, nothing that changes."""
    return f"{feed_id(account_id)}/story/{story_id}"


def atom_feed(
    env: Environment, account_id: str, account_name: str, entries: Sequence[DigestEntry]
) -> bytes:
    """Atom 1.0; each entry carries its category, threat score, reasons and every source."""
    fg = FeedGenerator()
    fg.id(feed_id(account_id))
    fg.title(f"rivalradar: threats to {account_name}")
    fg.subtitle(f"Competitive stories linked to {account_name}, with threat scores and reasons.")
    fg.author({"name": "rivalradar"})
    fg.generator("rivalradar")
    fg.language("en")
    fg.updated(max((e.story.dated_at for e in entries), default=EMPTY_FEED_UPDATED))
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
