"""Fingerprints of a document's text: equal for copies that differ only in spacing or case."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)


def text_fingerprint(text: str) -> str:
    """SHA-256 of the text's words, lower-cased; empty for an empty text."""
    words = _WORD.findall(text.casefold())
    if not words:
        return ""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
