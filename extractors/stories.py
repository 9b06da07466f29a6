"""Group documents that report the same event into stories."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    key: str
    title: str
    fingerprint: str
    category: str
    companies: tuple[str, ...]
    dated_at: datetime | None = None


def story_id(key: str) -> str:
    return "s-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def group_batch(items: Sequence[StoryCandidate]) -> list[str]:
    """A story id for each item; items with the same text share the first one's story."""
    by_fingerprint: dict[str, str] = {}
    ids = []
    for item in items:
        if item.fingerprint and item.fingerprint in by_fingerprint:
            ids.append(by_fingerprint[item.fingerprint])
            continue
        new_id = story_id(item.key)
        if item.fingerprint:
            by_fingerprint[item.fingerprint] = new_id
        ids.append(new_id)
    return ids
