"""Which stories an account's weekly digest shows, in which order and groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from classifier.categories import load_categories
from radar.records import StoryEntry


@dataclass(frozen=True, slots=True)
class DigestGroup:
    category: str
    heading: str
    stories: tuple[StoryEntry, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """One account's digest for one week."""

    account_id: str
    account_name: str
    owner: str
    week: str
    timezone: str
    groups: tuple[DigestGroup, ...]

    @property
    def story_count(self) -> int:
        return sum(len(g.stories) for g in self.groups)

    @property
    def top_score(self) -> int:
        return max((s.score for g in self.groups for s in g.stories), default=0)


def build_digest(
    account_id: str,
    account_name: str,
    owner: str,
    week: str,
    timezone: str,
    stories: Sequence[StoryEntry],
) -> Digest:
    """Stories grouped by category; the group with the most threatening story first, then by score."""
    categories = load_categories()
    by_category: dict[str, list[StoryEntry]] = {}
    for story in stories:
        by_category.setdefault(story.category, []).append(story)
    groups = [
        DigestGroup(
            category=name,
            heading=categories[name].heading if name in categories else name.title(),
            stories=tuple(sorted(items, key=lambda s: (-s.score, s.dated_at, s.story_id))),
        )
        for name, items in by_category.items()
    ]
    order = list(categories)
    groups.sort(
        key=lambda g: (-g.stories[0].score, order.index(g.category) if g.category in order else 99)
    )
    return Digest(account_id, account_name, owner, week, timezone, tuple(groups))
