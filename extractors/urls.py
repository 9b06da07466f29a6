"""One canonical form per URL, so that one article is one document."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from courlan import normalize_url
from w3lib.url import canonicalize_url

_WEB_SCHEMES = ("http", "https")


def canonical_url(url: str) -> str:
    """Lower-case host, default port dropped, tracking parameters and fragment gone, query sorted."""
    try:
        cleaned = normalize_url(url)
    except ValueError:
        cleaned = url
    try:
        return str(canonicalize_url(cleaned, keep_fragments=False))
    except ValueError:  # UnicodeError included: a URL no parser reads is its own key
        return url


def web_url(url: str | None, base: str = "") -> str | None:
    """`url` (resolved against `base`) if it is an http(s) URL with a host; None for any other.

    Crawled pages and feeds name `javascript:`, `data:` and `file:` URLs, and URLs no parser
    reads (`http://[x/`): none of them may become a document's or a link's URL.
    """
    if not url or not url.strip():
        return None
    try:
        resolved = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(resolved)
        has_host = bool(parts.hostname)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not has_host:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) < 0xE000 for ch in resolved):
        return None  # control characters and lone surrogates: no server is asked for such a URL
    return resolved
