"""Documents and classifications for the story tests, with mentions found by the real linker."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from classifier.linker import CompanyLinker
from extractors.fingerprint import text_fingerprint
from radar.records import AccountLink, Classification, Company, Document, PageChange

PAIRS: list[dict[str, Any]] = YAML(typ="safe").load(
    (Path(__file__).parent / "data" / "story_pairs.yaml").read_text(encoding="utf-8")
)
COMPANIES = [
    Company("orbitnet", "OrbitNet", "competitor"),
    Company("meridian-airways", "Meridian Airways", "account", ("Meridian",)),
    Company("northwind-retail", "Northwind Retail", "account"),
    Company("starlink", "Starlink", "competitor"),
    Company("nimbus", "Nimbus Wireless", "competitor", ("Nimbus",)),
    Company("skylane", "SkyLane Connect", "competitor", ("SkyLane",)),
    Company("amazon-leo", "Amazon Leo", "competitor", ("Project Kuiper",)),
]
LINKER = CompanyLinker(COMPANIES)
MONDAY = datetime(2026, 11, 16, 9, tzinfo=UTC)


def document(
    url: str,
    title: str,
    text: str,
    at: datetime = MONDAY,
    source: str = "wire",
    change: PageChange | None = None,
) -> Document:
    return Document(
        source_id=source,
        source_kind="page" if change else "feed",
        about="news",
        url=url,
        title=title,
        text=text,
        fetched_at=at,
        published_at=at,
        fingerprint=text_fingerprint(text),
        change=change,
    )


def classification(doc: Document, category: str, account: str | None = None) -> Classification:
    """The category given; companies and mentions as the linker finds them; one account link."""
    mentions = tuple(LINKER.mentions(f"{doc.title}\n{doc.text}"))
    companies = tuple(sorted({m.company_id for m in mentions}))
    links = (
        (AccountLink(account, 50, ("watched competitor",), ("a rival moved",)),) if account else ()
    )
    return Classification(category, {category: 0.9}, companies, links, mentions)
