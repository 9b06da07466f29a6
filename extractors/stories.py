"""Group documents that report the same event into stories.

Two documents are one story when
- their texts are the same or near-duplicates (a syndicated copy), within `COPY_WINDOW`; or
- they tell the same event in their own words: the same category, the same companies, dated
  within `EVENT_WINDOW`, and a reworded headline or, from two different sources, the same
  specifics in their leads. (Items of one source share its vocabulary, such as its country, its
  product family and its spokespeople, whatever event they report.)
Headlines that give different figures of one kind ("$120" and "$130") are never one event, and
two changes of one watched page are two events. Matching is a pure function of the new document
and the candidates it is compared with: the store picks those by `index_keys` and dates.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from extractors import events, neardup
from extractors.events import Lead
from extractors.figures import figures_conflict
from extractors.fingerprint import text_fingerprint
from radar.records import Classification, Document

COPY_WINDOW = timedelta(days=14)
EVENT_WINDOW = timedelta(days=7)
# How far apart in time the store looks for candidates: the wider of the two windows.
SEARCH_WINDOW = max(COPY_WINDOW, EVENT_WINDOW)
OTHER = "other"
# Two company sets are "the same companies" when they share this much (Jaccard) or one holds
# the other: a trade article may name a rival that the press release leaves out.
_SAME_COMPANIES = 0.5


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """What story matching knows of one document."""

    key: str
    title: str
    fingerprint: str
    category: str
    companies: tuple[str, ...]
    dated_at: datetime | None = None
    signature: bytes = b""
    lead: Lead | None = None
    source_id: str = ""  # "" when unknown
    is_page_change: bool = False
    story_id: str = ""
    # Categories the model found nearly as likely as its choice: an unsure label is no proof
    # that two reports tell different events.
    plausible: frozenset[str] = frozenset()


PLAUSIBLE = 0.5  # of the best category's score


def plausible_categories(scores: Mapping[str, float]) -> frozenset[str]:
    """The categories scored at least half as high as the best one."""
    if not scores:
        return frozenset()
    best = max(scores.values())
    return frozenset(name for name, score in scores.items() if score >= PLAUSIBLE * best)


def story_id(key: str) -> str:
    """A new story's id: stable for the document (its URL, or its id in a batch) that opened it."""
    return "s-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def candidate(
    key: str, doc: Document, result: Classification, *, source_id: str | None = None
) -> StoryCandidate:
    """The document as story matching sees it: signature, weighted lead, category, companies.

    `source_id` overrides the document's own; "" is an unknown source (a `classify` batch).
    """
    names = {m.text for m in result.mentions}
    return StoryCandidate(
        key=key,
        title=doc.title,
        fingerprint=doc.fingerprint or text_fingerprint(doc.text),
        category=result.category,
        companies=tuple(result.companies),
        dated_at=doc.dated_at,
        signature=neardup.signature(doc.text),
        lead=events.lead_of(doc.title, doc.text, doc.language, names),
        source_id=doc.source_id if source_id is None else source_id,
        is_page_change=doc.change is not None,
        plausible=plausible_categories(result.scores),
    )


def index_keys(item: StoryCandidate) -> list[str]:
    """Keys under which the item is found again: its text, its LSH bands, its companies."""
    keys = [f"fp:{item.fingerprint}"] if item.fingerprint else []
    keys += neardup.band_keys(item.signature)
    keys += [f"co:{company}" for company in item.companies]
    return keys


def evidence(item: StoryCandidate, other: StoryCandidate) -> float:
    """How surely the two report one event: 0 when they do not, higher for copies than rewrites."""
    if item.is_page_change and other.is_page_change and item.source_id == other.source_id:
        return 0.0
    apart = _apart(item, other)
    if item.fingerprint and item.fingerprint == other.fingerprint and apart <= COPY_WINDOW:
        return 3.0
    if figures_conflict(item.title, other.title):
        return 0.0
    copy = neardup.similarity(item.signature, other.signature)
    if copy >= neardup.NEAR_DUPLICATE and apart <= COPY_WINDOW:
        return 2.0 + copy
    if not _same_event_frame(item, other) or apart > EVENT_WINDOW:
        return 0.0
    if events.title_similarity(item.title, other.title) >= events.SAME_TITLE:
        return 1.5
    if item.source_id and item.source_id == other.source_id:
        return 0.0
    return events.same_event_score(item.lead, other.lead) if item.lead and other.lead else 0.0


def best_match(item: StoryCandidate, others: Iterable[StoryCandidate]) -> StoryCandidate | None:
    """The candidate that most surely reports the item's event, if any does."""
    best, best_score = None, 0.0
    for other in others:
        score = evidence(item, other)
        if score > best_score:
            best, best_score = other, score
    return best


def group_batch(items: Sequence[StoryCandidate]) -> list[str]:
    """A story id for each item: items that report one event share the first one's story."""
    lsh = neardup.new_lsh()
    by_key: dict[str, list[int]] = defaultdict(list)
    assigned: list[StoryCandidate] = []
    for number, item in enumerate(items):
        found = {i for key in index_keys(item) if not key.startswith("lsh") for i in by_key[key]}
        if item.signature:
            found.update(int(i) for i in lsh.query(neardup.as_minhash(item.signature)))
        match = best_match(item, (assigned[i] for i in sorted(found)))
        story = match.story_id if match else story_id(item.key)
        assigned.append(replace(item, story_id=story))
        for key in index_keys(item):
            if not key.startswith("lsh"):
                by_key[key].append(number)
        if item.signature:
            lsh.insert(str(number), neardup.as_minhash(item.signature))
    return [item.story_id for item in assigned]


def _apart(a: StoryCandidate, b: StoryCandidate) -> timedelta:
    if a.dated_at is None or b.dated_at is None:
        return timedelta(0)
    return abs(a.dated_at - b.dated_at)


def _compatible_categories(a: StoryCandidate, b: StoryCandidate) -> bool:
    if a.category == b.category or OTHER in (a.category, b.category):
        return True
    return a.category in b.plausible or b.category in a.plausible


def _same_event_frame(a: StoryCandidate, b: StoryCandidate) -> bool:
    """Same category and the same companies: the frame in which two reports can be one event.

    `other` is also the label of an item the model is unsure of, so it is no proof of another
    event: it goes with any category here; so does a category the other item's model found
    nearly as likely as its own choice.
    """
    if not _compatible_categories(a, b):
        return False
    mine, theirs = set(a.companies), set(b.companies)
    shared = mine & theirs
    if not shared:
        return False
    return mine <= theirs or theirs <= mine or len(shared) / len(mine | theirs) >= _SAME_COMPANIES
