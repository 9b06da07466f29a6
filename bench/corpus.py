"""A news site of N articles written into a folder: pages, listings, RSS feed, sitemap, robots.txt.

    python -m bench.corpus DIR --pages N [--seed S]

The same N and seed write the same bytes. Every absolute URL starts with `pages.ORIGIN`, which
bench/server.py replaces with its own address when it serves the files.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from bench.boilerplate import ORIGIN, SITE_NAME
from bench.pages import Entry, article_page, article_path, listing_page, listing_path
from bench.prose import write_story

PER_PAGE = 20
FEED_ITEMS = 50
SEED = 7
NEWEST_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SPACING = timedelta(minutes=47)
MANIFEST = "bench-articles.txt"


@dataclass(frozen=True, slots=True)
class Site:
    folder: Path
    articles: int
    listing_pages: int
    bytes: int


def write_site(folder: Path, pages: int, seed: int = SEED) -> Site:
    """Write a site of `pages` articles into `folder` (which may exist)."""
    entries = _entries(pages, seed)
    rng = random.Random(seed)
    total = 0
    by_competitor: dict[str, deque[Entry]] = defaultdict(lambda: deque(maxlen=4))
    for entry in entries:
        most_read = [entries[rng.randrange(pages)] for _ in range(8)]
        more = [entries[rng.randrange(pages)] for _ in range(12)]
        related = list(by_competitor[entry.story.competitor_id])
        total += _write(folder, entry.path, article_page(entry, most_read, related, more))
        by_competitor[entry.story.competitor_id].append(entry)
    newest = entries[::-1]
    listings = max(1, -(-pages // PER_PAGE))
    for page in range(1, listings + 1):
        chunk = newest[(page - 1) * PER_PAGE : page * PER_PAGE]
        total += _write(folder, listing_path(page), listing_page(chunk, page, listings))
    total += _write(folder, "/index.html", listing_page(newest[:PER_PAGE], 1, listings))
    total += _write(folder, "/feed.xml", rss_feed(newest[:FEED_ITEMS]))
    total += _write(folder, "/sitemap.xml", sitemap(entries))
    total += _write(
        folder, "/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {ORIGIN}/sitemap.xml\n"
    )
    (folder / MANIFEST).write_text("".join(f"{e.path}\n" for e in entries), encoding="utf-8")
    return Site(folder, pages, listings, total)


def read_articles(folder: Path) -> list[tuple[str, Path]]:
    """(URL as served from ORIGIN, file) of every article of a written site, oldest first."""
    paths = (folder / MANIFEST).read_text(encoding="utf-8").split()
    return [(ORIGIN + p, folder / p.lstrip("/")) for p in paths]


def rss_feed(entries: Sequence[Entry]) -> str:
    items = "\n".join(
        f"""<item><title>{escape(e.story.title)}</title><link>{e.url}</link>
<guid isPermaLink="true">{e.url}</guid><pubDate>{format_datetime(e.published_at)}</pubDate>
<category>{escape(e.story.section)}</category><description>{escape(e.story.standfirst)}</description></item>"""
        for e in entries
    )
    built = format_datetime(entries[0].modified_at) if entries else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>{SITE_NAME}</title><link>{ORIGIN}/news/</link>
<atom:link href="{ORIGIN}/feed.xml" rel="self" type="application/rss+xml"/>
<description>Connectivity and enterprise technology news</description>
<language>en</language><lastBuildDate>{built}</lastBuildDate>
{items}
</channel></rss>
"""


def sitemap(entries: Sequence[Entry]) -> str:
    urls = "\n".join(
        f"<url><loc>{e.url}</loc><lastmod>{e.modified_at.isoformat()}</lastmod></url>"
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def _entries(pages: int, seed: int) -> list[Entry]:
    """The articles, oldest first, the newest dated NEWEST_AT."""
    entries = []
    for number in range(pages):
        story = write_story(number, seed)
        published = NEWEST_AT - SPACING * (pages - 1 - number)
        modified = published + timedelta(minutes=5 + number % 40)
        entries.append(Entry(story, article_path(story, published), published, modified))
    return entries


def file_for(url_path: str) -> str:
    """The file, relative to the site's folder, that answers `url_path`: a folder's index.html."""
    relative = url_path.lstrip("/")
    return relative + "index.html" if not relative or relative.endswith("/") else relative


def _write(folder: Path, url_path: str, text: str) -> int:
    target = folder / file_for(url_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    target.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the bench's news site into a folder.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    site = write_site(args.folder, args.pages, args.seed)
    print(f"{site.articles} articles, {site.listing_pages} listing pages, {site.bytes:,} bytes")


if __name__ == "__main__":
    main()
