"""Stories written straight into a real store, as a crawl would leave them."""

from __future__ import annotations

from datetime import UTC, datetime

from radar.records import AccountLink, Classification, Document
from radar.store.store import Store

WEEK = "2026-W47"
IN_WEEK = datetime(2026, 11, 18, 15, tzinfo=UTC)  # a Wednesday afternoon, inside WEEK anywhere


def add_story(
    store: Store,
    url: str,
    title: str,
    *,
    category: str = "pricing",
    links: dict[str, int] | None = None,
    rules: tuple[str, ...] = ("watched competitor",),
    companies: tuple[str, ...] = ("starlink",),
    summary: str = "",
    text: str = "",
    dated_at: datetime = IN_WEEK,
    source_id: str = "starlink-news",
    about: str = "starlink",
    now: datetime | None = None,
) -> None:
    """One document (and so one story) linked to each account in `links` with that score."""
    doc = Document(
        source_id=source_id,
        source_kind="feed",
        about=about,
        url=url,
        title=title,
        text=text or summary or title,
        fetched_at=dated_at,
        published_at=dated_at,
        summary=summary,
    )
    result = Classification(
        category=category,
        scores={category: 0.9},
        companies=companies,
        links=tuple(
            AccountLink(account_id, score, rules, (f"it concerns {account_id}",))
            for account_id, score in (links or {"delta-air-lines": 80}).items()
        ),
    )
    assert store.add_document(doc, result, now or dated_at)
