"""Which stories an account's weekly digest shows, in which order and groups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from classifier.categories import load_categories
from digest.summary import first_sentence
from radar.records import StoryEntry


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One story as the digest shows it."""

    story: StoryEntry
    sentence: str  # the one-sentence summary
    competitors: tuple[str, ...]  # names of the watched competitors the story is by or about


@dataclass(frozen=True, slots=True)
class DigestGroup:
    category: str
    heading: str
    entries: tuple[DigestEntry, ...]

    @property
    def stories(self) -> tuple[StoryEntry, ...]:
        return tuple(e.story for e in self.entries)


@dataclass(frozen=True, slots=True)
class Digest:
    """One account's digest for one week."""

    account_id: str
    account_name: str
    owner: str
    week: str
    timezone: str
    groups: tuple[DigestGroup, ...]
    # When the digest goes out (UTC): its Date, and what "days to renewal" counts from (the
    # day in the account's zone), so that one digest gives one count however often it is built.
    sent_at: datetime | None = None
    renewal: date | None = None
    cc: tuple[str, ...] = field(default=())

    @property
    def story_count(self) -> int:
        return sum(len(g.entries) for g in self.groups)

    @property
    def top_score(self) -> int:
        return max((e.story.score for g in self.groups for e in g.entries), default=0)

    @property
    def top(self) -> DigestEntry | None:
        """The most threatening story of the week."""
        entries = [e for g in self.groups for e in g.entries]
        return min(entries, key=_rank, default=None)

    @property
    def days_to_renewal(self) -> int | None:
        if self.renewal is None or self.sent_at is None:
            return None
        return (self.renewal - self.sent_at.astimezone(ZoneInfo(self.timezone)).date()).days


def build_digest(
    account_id: str,
    account_name: str,
    owner: str,
    week: str,
    timezone: str,
    stories: Sequence[StoryEntry],
    *,
    competitors: Mapping[str, str] | None = None,
    sent_at: datetime | None = None,
    renewal: date | None = None,
    cc: Sequence[str] = (),
) -> Digest:
    """Stories grouped by category; the group with the most threatening story first, then by score.

    `competitors` maps the ids of competitors to their names; a story's entry names those it is
    by or about.
    """
    categories = load_categories()
    names = competitors or {}
    by_category: dict[str, list[DigestEntry]] = {}
    for story in stories:
        entry = DigestEntry(
            story,
            first_sentence(story.summary),
            tuple(names[c] for c in story.companies if c in names),
        )
        by_category.setdefault(story.category, []).append(entry)
    groups = [
        DigestGroup(
            category=name,
            heading=categories[name].heading if name in categories else name.title(),
            entries=tuple(sorted(items, key=_rank)),
        )
        for name, items in by_category.items()
    ]
    order = list(categories)
    groups.sort(
        key=lambda g: (
            -g.entries[0].story.score,
            order.index(g.category) if g.category in order else len(order),
        )
    )
    return Digest(
        account_id,
        account_name,
        owner,
        week,
        timezone,
        tuple(groups),
        sent_at=sent_at,
        renewal=renewal,
        cc=tuple(cc),
    )


def _rank(entry: DigestEntry) -> tuple[int, datetime, str]:
    story = entry.story
    return (-story.score, story.dated_at, story.story_id)
