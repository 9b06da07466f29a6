"""One canonical form per URL, so that one article is one document."""

from __future__ import annotations

from courlan import normalize_url
from w3lib.url import canonicalize_url


def canonical_url(url: str) -> str:
    """Lower-case host, default port dropped, tracking parameters and fragment gone, query sorted."""
    try:
        cleaned = normalize_url(url)
    except ValueError:
        cleaned = url
    return str(canonicalize_url(cleaned, keep_fragments=False))
