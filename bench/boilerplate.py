"""What every page of the bench's news site carries around its article: the site's boilerplate."""

from __future__ import annotations

import json
from html import escape

from slugify import slugify

from bench.vocabulary import REGIONS, SECTIONS

SITE_NAME = "The Orbit Ledger"
# The corpus is written with this origin; the bench server puts its own address in its place.
ORIGIN = "http://newsroom.bench.test"

STYLE = """
:root{--ink:#1b1f24;--muted:#5b6470;--accent:#0b5fff;--rule:#e3e6ea}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 Georgia,serif;color:var(--ink)}
.site-header{display:flex;gap:1rem;align-items:center;padding:.5rem 2rem;border-bottom:1px solid var(--rule)}
.site-nav a{margin-right:.8rem;color:var(--muted);text-decoration:none;font:14px system-ui}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;padding:1rem;background:#111;color:#fff}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:2rem;max-width:1200px;margin:auto}
.article-body p{margin:0 0 1rem}.byline{color:var(--muted);font:14px system-ui}
.sidebar section{border-top:3px solid var(--accent);margin-bottom:2rem}
.newsletter input{width:100%;padding:.5rem}.site-footer{background:#f4f5f7;padding:2rem;font:13px system-ui}
@media (max-width:800px){.layout{grid-template-columns:1fr}.sidebar{display:none}}
""" + "".join(
    f".m{side[0]}-{n}{{margin-{side}:{n / 4}rem}}.p{side[0]}-{n}{{padding-{side}:{n / 4}rem}}"
    for side in ("top", "right", "bottom", "left")
    for n in range(1, 9)
)
ANALYTICS = """
window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','BENCH-0000',{anonymize_ip:true});
(function(){var consent=document.cookie.indexOf('consent=1')>=0;
document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.cookie-banner');
if(consent&&b){b.remove()}var btn=b&&b.querySelector('button');
if(btn){btn.addEventListener('click',function(){document.cookie='consent=1;path=/;max-age=31536000';b.remove()})}})})();
"""
SUBNAV = ("news", "analysis", "data", "events", "people", "deals", "opinion", "guides")
FLAGS = {f"experiment_{n}": n % 3 == 0 for n in range(40)}
ICON = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><g><path d="M4 4h16v16H4z"/><path d="M8 8h8v8H8z"/></g></svg>'
SHARE = "".join(
    f'<a class="share-{name.lower()}" href="#">{ICON}<span>{name}</span></a>'
    for name in ("LinkedIn", "Mastodon", "Email", "Print", "Copy link")
)
COMMENTS = (
    ("ferrous_wheel", "Interesting, but I will believe the coverage claims when I see them."),
    ("J. Marsh", "We were quoted very different prices last month. Anyone else?"),
    ("skeptical_cto", "Contracts like these always look better in the press release."),
    ("Anna K.", "Good summary, thanks. Would love a follow-up on the regional numbers."),
)
FOOTER_GROUPS = {
    "Company": ("About us", "Careers", "Contact", "Advertise", "Press", "Events"),
    "Topics": SECTIONS[:10],
    "Services": ("Newsletters", "Podcasts", "Research", "Awards", "Webinars", "Jobs board"),
    "Legal": ("Terms of use", "Privacy notice", "Cookie settings", "Accessibility", "Sitemap"),
    "Follow us": ("LinkedIn", "Mastodon", "YouTube", "RSS"),
    "Regions": REGIONS,
    "Newsletters": ("Morning briefing", "Satellite weekly", "Deals digest", "People moves"),
}


def page_shell(title: str, meta: str, main: str, aside: str) -> str:
    """A whole page: head, cookie banner, header and menu, the main part, sidebar, footer."""
    nav, state, footer = _nav(), _app_state(title), _footer()
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {SITE_NAME}</title>
{meta}
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="{ORIGIN}/feed.xml">
<style>{STYLE}</style>
<script>{ANALYTICS}</script>
</head>
<body>
<div class="cookie-banner" role="dialog"><p>We use cookies to measure our audience and to show
you relevant advertising. You can change your choice at any time in the cookie settings.</p>
<button type="button">Accept all</button> <a href="/cookie-settings/">Manage settings</a></div>
<header class="site-header"><a class="logo" href="/">{SITE_NAME}</a>
<nav class="site-nav"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form>
<a class="subscribe" href="/subscribe/">Subscribe</a></header>
<div class="layout">
<main>
{main}
</main>
<aside class="sidebar">
{aside}
</aside>
</div>
<footer class="site-footer"><div class="footer-links">{footer}</div>
<p>© 2026 {SITE_NAME}. All rights reserved. Registered in England and Wales.</p></footer>
<script id="__APP_STATE__" type="application/json">{state}</script>
<script>document.querySelectorAll('.ad-slot').forEach(function(s){{s.dataset.loaded='1'}});</script>
</body>
</html>
"""


def _nav() -> str:
    return "".join(
        f'<li><a href="/{slugify(s)}/">{escape(s)}</a><ul class="subnav">'
        + "".join(
            f'<li><a href="/{slugify(s)}/{sub}/">{escape(s)} {sub}</a></li>' for sub in SUBNAV
        )
        + "</ul></li>"
        for s in SECTIONS
    )


def _app_state(title: str) -> str:
    """The JSON a client-side app embeds in every page."""
    return json.dumps(
        {
            "props": {"menu": [{"label": s, "href": f"/{slugify(s)}/"} for s in SECTIONS]},
            "page": title,
            "buildId": "bench-build",
            "locale": "en-GB",
            "flags": FLAGS,
        }
    )


def _footer() -> str:
    return "".join(
        f"<div><h3>{group}</h3><ul>"
        + "".join(f'<li><a href="/{slugify(link)}/">{escape(link)}</a></li>' for link in links)
        + "</ul></div>"
        for group, links in FOOTER_GROUPS.items()
    )
