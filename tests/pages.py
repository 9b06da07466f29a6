"""Pages and feeds written for the tests: small, but shaped like the real thing."""

from __future__ import annotations


def article(title: str, body: str, published: str = "2026-11-17T09:30:00Z") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Newsroom</title>
<meta property="article:published_time" content="{published}"></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/products">Products</a> <a href="/about">About us</a></nav>
<main><article><h1>{title}</h1><p class="byline">By the newsroom team</p>{paragraphs}</article></main>
<aside><h3>Related</h3><ul><li><a href="/news/older">An older story</a></li></ul></aside>
<footer>© 2026 Example Corp. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def rss(items: list[tuple[str, str, str]], title: str = "Newsroom") -> str:
    """RSS 2.0 with (title, link, description) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 17 Nov 2026 09:30:00 GMT</pubDate><description>{d}</description></item>"
        for t, link, d in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{title}</title><link>https://example.com/</link>
<description>News</description>{entries}</channel></rss>"""


LAUNCH_BODY = (
    "Starlink today introduced an airline plan that brings low-latency connectivity to narrow-body "
    "aircraft. The new service, available from January, lets carriers offer free messaging and paid "
    "streaming tiers to passengers on every seat.\n\nThe company said the terminal weighs less than "
    "the systems it replaces and installs overnight during routine maintenance. Three carriers in "
    "Europe will fly the first aircraft with the service in the spring."
)
PRICING_BODY = (
    "The Standard plan now costs $120 a month, up from $110, for new and existing customers from the "
    "first of next month. The Mini plan keeps its price, while the roaming add-on drops to $30.\n\n"
    "Customers on annual contracts keep their current rate until renewal, the company said in a "
    "note to subscribers on Tuesday."
)
