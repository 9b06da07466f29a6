"""The HTML of the bench's news site: article and listing pages with real-world boilerplate."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from slugify import slugify

from bench.boilerplate import COMMENTS, ORIGIN, SHARE, SITE_NAME, page_shell
from bench.prose import Story


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as its site knows it: its story, address and dates."""

    story: Story
    path: str
    published_at: datetime
    modified_at: datetime

    @property
    def url(self) -> str:
        return ORIGIN + self.path


def article_path(story: Story, published_at: datetime) -> str:
    slug = slugify(story.title, max_length=60, word_boundary=True)
    return f"/news/{published_at:%Y/%m}/{slug}-{story.number}.html"


def article_page(
    entry: Entry, most_read: Sequence[Entry], related: Sequence[Entry], more: Sequence[Entry]
) -> str:
    story = entry.story
    meta = _article_meta(entry)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs[:3])
    if len(story.paragraphs) > 3:
        body += f'\n<h2>{escape(story.tags[2][:1].upper() + story.tags[2][1:])}: what it means</h2>\n<figure class="ad-slot"></figure>\n'
        body += "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs[3:])
    tags = "".join(f'<li><a href="/tag/{slugify(t)}/">{escape(t)}</a></li>' for t in story.tags)
    main = f"""<nav class="breadcrumb"><a href="/">Home</a> › <a href="/news/">News</a> › {escape(story.section)}</nav>
<article class="story">
<h1 class="headline">{escape(story.title)}</h1>
<p class="standfirst">{escape(story.standfirst)}</p>
<p class="byline">By <a rel="author" href="/authors/{slugify(story.author)}/">{escape(story.author)}</a> ·
<time datetime="{entry.published_at.isoformat()}">{entry.published_at:%d %B %Y, %H:%M}</time></p>
<div class="article-body">
{body}
</div>
<ul class="tags">{tags}</ul>
<div class="share">{SHARE}</div>
</article>
{_comments(story)}
<section class="more"><h2>More from {escape(story.section)}</h2>
<ul class="grid">{_teasers(more)}</ul></section>"""
    aside = _sidebar(most_read, related)
    return page_shell(story.title, meta, main, aside)


def listing_page(entries: Sequence[Entry], page: int, pages: int) -> str:
    items = "\n".join(
        f"""<li class="teaser"><h3><a href="{e.path}">{escape(e.story.title)}</a></h3>
<time datetime="{e.published_at.isoformat()}">{e.published_at:%d %b %Y}</time>
<p>{escape(e.story.standfirst)}</p></li>"""
        for e in entries
    )
    pager = " ".join(
        f'<a href="{listing_path(p)}"{" aria-current=page" if p == page else ""}>{p}</a>'
        for p in range(max(1, page - 3), min(pages, page + 3) + 1)
    )
    if page < pages:
        pager += f' <a rel="next" href="{listing_path(page + 1)}">Older stories</a>'
    title = "Latest news" + (f" – page {page}" if page > 1 else "")
    meta = f'<link rel="canonical" href="{ORIGIN}{listing_path(page)}">'
    main = (
        f'<h1>{title}</h1>\n<ul class="teasers">\n{items}\n</ul>\n<nav class="pager">{pager}</nav>'
    )
    return page_shell(title, meta, main, _sidebar(entries[:5], ()))


def listing_path(page: int) -> str:
    return "/news/" if page == 1 else f"/news/page/{page}/"


def _article_meta(entry: Entry) -> str:
    story = entry.story
    description = escape(story.standfirst)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.standfirst,
        "datePublished": entry.published_at.isoformat(),
        "dateModified": entry.modified_at.isoformat(),
        "author": [{"@type": "Person", "name": story.author}],
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "mainEntityOfPage": entry.url,
        "articleSection": story.section,
        "keywords": list(story.tags),
        "wordCount": story.word_count,
    }
    return f"""<meta name="description" content="{description}">
<meta name="author" content="{escape(story.author)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(story.title)}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{entry.url}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="article:published_time" content="{entry.published_at.isoformat()}">
<meta property="article:modified_time" content="{entry.modified_at.isoformat()}">
<meta property="article:section" content="{escape(story.section)}">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="{entry.url}">
<script type="application/ld+json">{json.dumps(ld)}</script>"""


def _teasers(entries: Sequence[Entry]) -> str:
    return "".join(
        f'<li class="card"><a href="{e.path}"><div class="thumb"><img src="/img/{e.story.number}'
        f'-480.jpg" alt="" loading="lazy"></div><h3>{escape(e.story.title)}</h3></a>'
        f'<p>{escape(e.story.standfirst)}</p><span class="meta"><time>{e.published_at:%d %b}</time>'
        f" · {escape(e.story.section)}</span></li>"
        for e in entries
    )


def _comments(story: Story) -> str:
    """Reader comments, as a comments widget renders them; never the article's own text."""
    comments = "".join(
        f'<li class="comment"><div class="avatar"><img src="/avatars/{n}.png" alt=""></div>'
        f'<div class="comment-body"><p class="who">{name} <time>{n + 1} hours ago</time></p>'
        f"<p>{text}</p><button type=button>Reply</button> <button type=button>Like</button>"
        "</div></li>"
        for n, (name, text) in enumerate(COMMENTS[: 2 + story.number % 3])
    )
    return f'<section class="comments"><h2>Reader comments</h2><ol>{comments}</ol></section>'


def _sidebar(most_read: Sequence[Entry], related: Sequence[Entry]) -> str:
    def links(entries: Sequence[Entry]) -> str:
        return "".join(
            f'<li><a href="{e.path}"><picture><source type="image/webp" srcset="/img/{e.story.number}'
            f'-320.webp 320w, /img/{e.story.number}-640.webp 640w"><img src="/img/{e.story.number}'
            f'-320.jpg" alt="" loading="lazy" width="320" height="180"></picture>'
            f"{escape(e.story.title)}</a></li>"
            for e in entries
        )

    return f"""<section class="most-read"><h2>Most read</h2><ol>{links(most_read)}</ol></section>
<section class="related"><h2>Related stories</h2><ul>{links(related)}</ul></section>
<section class="newsletter"><h2>The morning briefing</h2>
<p>Get the day's connectivity news in your inbox before 7am. Free, every weekday.</p>
<form action="/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="you@company.com">
<label><input type="checkbox" name="terms"> I agree to the terms and privacy notice.</label>
<button type="submit">Sign up</button></form></section>
<section class="promo"><h2>Events</h2><p>Join us at the Connectivity Summit. Early-bird tickets now.</p></section>
<div class="ad-slot ad-mpu"><div class="ad-label">Advertisement</div><div id="ad-mpu-1" data-size="300x250"></div></div>
<div class="ad-slot ad-halfpage"><div class="ad-label">Advertisement</div><div id="ad-hp-1" data-size="300x600"></div></div>"""
