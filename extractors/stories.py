"""Group documents that report the same event into stories.

Two documents are one story when
- their texts are the same or near-duplicates (a syndicated copy), within `COPY_WINDOW`; or
- they tell the same event in their own words, within `EVENT_WINDOW`: a pair score
  (`event_score`) from several signals reaches `SAME_EVENT`. Its base is what their leads share
  beyond the words of their kind, weighted by rarity; shared companies raise it; companies named
  in both with none in common, a category the model would not give both, one source for both
  (its items share its vocabulary, whatever event they report) and days apart lower it. Two or
  more companies named in both (the parties to a deal) weigh more than one and need no shared
  specifics, given a category the model would give both. A category mismatch weighs against a
  pair but does not veto it.
Headlines that give different figures of one kind ("$120" and "$130") are never one event, and
two changes of one watched page are two events. Matching is a pure function of the new document
and the candidates it is compared with: the store picks those by `index_keys` (text, companies
and rarest words, so that reports naming no company are compared too) and dates.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache

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
# The pair score (`event_score`) from which two reports tell one event, and its weights; chosen
# on a story set of rewritten coverage for pairwise precision first, then recall.
SAME_EVENT = 0.15
# Shared companies add this much (all of it when one report's companies hold the other's: a
# trade article may name a rival that the press release leaves out; else in proportion). One
# company does many things in a week; two or more named together in a few days (a deal, a
# merger, a joint venture) are most often one event told again, so they weigh more, and their
# reports need no specific words in common, only a category the model would give both.
_SHARED_COMPANIES = 0.25
_SHARED_PARTIES = 0.4
_OTHER_COMPANIES = 1.0
_OTHER_CATEGORY = 0.4
_UNSURE_CATEGORY = 0.05  # one of the two is `other`, or a category the model found nearly as likely
_SAME_SOURCE = 0.4
_SAME_TITLE = 1.0
_MIN_LEAD = 0.1
# Besides its companies, an item is found again by its rarest lead words and amounts (at most
# this many, each weighing at least this much: a word met once in a million words or rarer),
# for reports of a new rule may name no company at all.
RARE_KEYS = 4
RARE_KEY_WEIGHT = 4.0
_PER_DAY = 0.06
# The language of a document that does not give one is told from its first characters.
_LANGUAGE_CHARS = 400


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
        lead=events.lead_of(
            doc.title, doc.text, doc.language or _language(doc.text[:_LANGUAGE_CHARS]), names
        ),
        source_id=doc.source_id if source_id is None else source_id,
        is_page_change=doc.change is not None,
        plausible=plausible_categories(result.scores),
    )


def index_keys(item: StoryCandidate) -> list[str]:
    """Keys under which the item is found again: its text, LSH bands, companies, rarest words.

    The rarest words are kept apart by whether the item names a company: two items that both
    name companies are found by their companies (and need one in common), so by its words an item
    that names companies is found only by items that name none, and such an item by all.
    """
    keys = [f"fp:{item.fingerprint}"] if item.fingerprint else []
    keys += neardup.band_keys(item.signature)
    keys += [f"co:{company}" for company in item.companies]
    prefix = "co-term:" if item.companies else "term:"
    keys += [prefix + term for term in rare_terms(item.lead)]
    return keys


def search_keys(item: StoryCandidate) -> list[str]:
    """Keys under which the documents the item may join were kept (see `index_keys`)."""
    keys = [key for key in index_keys(item) if not key.startswith(("term:", "co-term:"))]
    terms = rare_terms(item.lead)
    keys += ["term:" + term for term in terms]
    if not item.companies:
        keys += ["co-term:" + term for term in terms]
    return keys


def rare_terms(lead: Lead | None) -> list[str]:
    """The lead's rarest words, as many as `RARE_KEYS`: its specifics (names, products, rules)."""
    if lead is None:
        return []
    rarest = sorted((-w, t) for t, w in lead.weights.items() if w >= RARE_KEY_WEIGHT)
    return [term for _, term in rarest[:RARE_KEYS]]


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
    if apart > EVENT_WINDOW:
        return 0.0
    score = event_score(item, other, apart)
    return score if score >= SAME_EVENT else 0.0


def event_score(item: StoryCandidate, other: StoryCandidate, apart: timedelta) -> float:
    """How alike two reports are as tellings of one event, from several signals at once.

    The leads' similarity, weighted by rarity, is the base; shared companies raise it, companies
    named in both with none in common lower it, and so do a category the model would not give
    both, one source for both (a source's own vocabulary is shared by all its items) and days
    apart. No signal alone vetoes: each weighs against the others.
    """
    mine, theirs = set(item.companies), set(other.companies)
    shared = mine & theirs
    # Headlines are compared only where they decide: rapidfuzz is the dearest signal here.
    same_title = cache(
        lambda: events.title_similarity(item.title, other.title) >= events.SAME_TITLE
    )
    if mine and theirs and not shared and not same_title():
        return 0.0  # both name companies, none in common: two events, whatever their words
    score = events.specific_similarity(item.lead, other.lead) if item.lead and other.lead else 0.0
    alike = bool(shared) and (mine <= theirs or theirs <= mine)
    parties = alike and len(shared) >= 2 and _compatible_categories(item, other)
    if score < _MIN_LEAD and not parties and not same_title():
        return 0.0  # the same companies, category and week, but nothing specific in common
    if same_title():
        score += _SAME_TITLE  # a feed entry and its press release
    if shared:
        weight = _SHARED_PARTIES if parties else _SHARED_COMPANIES
        score += weight * (1.0 if alike else len(shared) / len(mine | theirs))
    elif mine and theirs:
        score -= _OTHER_COMPANIES  # under the same headline
    if item.category != other.category:
        score -= _UNSURE_CATEGORY if _compatible_categories(item, other) else _OTHER_CATEGORY
    if item.source_id and item.source_id == other.source_id:
        score -= _SAME_SOURCE
    return score - _PER_DAY * (apart / timedelta(days=1))


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
        found = {i for key in search_keys(item) if not key.startswith("lsh") for i in by_key[key]}
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


def _language(text: str) -> str | None:
    """The text's language, for a document that does not say (a `classify` batch): words are
    weighed by their rarity in it. Imported here: a crawled document mostly says."""
    from extractors.html import text_language

    return text_language(text)


def _apart(a: StoryCandidate, b: StoryCandidate) -> timedelta:
    if a.dated_at is None or b.dated_at is None:
        return timedelta(0)
    return abs(a.dated_at - b.dated_at)


def _compatible_categories(a: StoryCandidate, b: StoryCandidate) -> bool:
    if a.category == b.category or OTHER in (a.category, b.category):
        return True
    return a.category in b.plausible or b.category in a.plausible
