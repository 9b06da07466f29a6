"""The items analysts corrected, as they now stand: what an installation shares back as labels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from radar.store import models
from radar.store.database import Database


@dataclass(frozen=True, slots=True)
class CorrectedItem:
    """A stored item whose category or companies an analyst corrected, with its current labels."""

    url: str
    title: str
    text: str
    category: str
    scores: dict[str, float]
    companies: list[str]
    accounts: list[dict[str, Any]]
    story_id: str
    is_category_corrected: bool


def corrected_items(store: Database) -> list[CorrectedItem]:
    """Items of stories whose category was corrected, and items whose companies were; items of
    stories marked not news are left out (they are no example of any category)."""
    c = models.Correction
    with store.session() as session:
        rows = session.execute(select(c.kind, c.story_id, c.document_url)).all()
        not_news = {story for kind, story, _ in rows if kind == "not_news"}
        by_category = {story for kind, story, _ in rows if kind == "category"}
        stories = by_category | {s for kind, s, url in rows if kind == "company" and not url}
        urls = {url for kind, _, url in rows if kind == "company" and url}
        doc, item = models.Document, models.Item
        found = session.execute(
            select(doc, item)
            .join(item, item.document_id == doc.id)
            .where(or_(doc.story_id.in_(stories), doc.url.in_(urls)))
            .order_by(doc.dated_at, doc.id)
        ).all()
        kept = [(d, i) for d, i in found if d.story_id not in not_news]
        links = _links(session, [i.id for _, i in kept])
        return [
            CorrectedItem(
                d.url,
                d.title,
                d.text,
                i.category,
                {str(k): float(v) for k, v in i.scores.items()},
                [str(x) for x in i.companies],
                links[i.id],
                d.story_id,
                d.story_id in by_category,
            )
            for d, i in kept
        ]


def _links(session: Session, item_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    link = models.AccountLink
    for start in range(0, len(item_ids), 500):
        rows = session.execute(
            select(link.item_id, link.account_id, link.score, link.reasons)
            .where(link.item_id.in_(item_ids[start : start + 500]))
            .order_by(link.score.desc(), link.account_id)
        )
        for item_id, account_id, score, reasons in rows:
            found[item_id].append({"id": account_id, "score": score, "reasons": list(reasons)})
    return found
