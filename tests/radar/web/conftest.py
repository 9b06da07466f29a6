"""The web app on a real database and a copy of the shipped, commented config."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from radar.records import AccountLink, Classification, Document
from radar.store.store import Store
from radar.store.users import add_user, change_password
from radar.web.app import create_app
from radar.web.context import WebContext
from tests.conftest import SHIPPED_CONFIG

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)  # Wednesday of 2026-W47
PASSWORD = "correct horse battery"


@dataclass
class Web:
    store: Store
    config: Path
    client: TestClient

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        page = self.client.get("/login")
        token = page.text.split('name="csrf" value="')[1].split('"')[0]
        answer = self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf": token},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text

    def csrf(self) -> str:
        page = self.client.get("/editor")
        return page.text.split('name="csrf" value="')[1].split('"')[0]


def record_failure(store: Store, source_id: str = "travel-wire") -> None:
    """One failed crawl of the source, an HTTP 503, as the health page and its JSON show it."""
    store.record_run(
        source_id,
        NOW,
        NOW,
        ok=False,
        fetched=0,
        new=0,
        unchanged=0,
        error="HTTP 503 from the server",
        diagnosis="http",
    )


def story(
    store: Store,
    url: str,
    title: str,
    category: str,
    account_id: str = "meridian-airways",
    score: int = 80,
    source_id: str = "orbitnet-newsroom",
    about: str = "orbitnet",
    dated_at: datetime = NOW - timedelta(days=1),
) -> None:
    doc = Document(
        source_id,
        "site",
        about,
        url,
        title,
        f"{title}. The full text of the article.",
        dated_at,
        published_at=dated_at,
        summary=f"{title}, in one sentence.",
        fingerprint=url,
    )
    result = Classification(
        category,
        {category: 0.9},
        (about,),
        (AccountLink(account_id, score, ("watched competitor",), ("OrbitNet courts Meridian",)),),
    )
    store.add_document(doc, result, dated_at)


@pytest.fixture
def make_web(tmp_path: Path, make_store: Callable[[str], Store]) -> Iterator[Callable[[str], Web]]:
    """The app on a database, with an analyst and a manager who have chosen their passwords."""
    clients: list[TestClient] = []

    def make(db_url: str) -> Web:
        config = tmp_path / "sources.yaml"
        shutil.copy(SHIPPED_CONFIG, config)
        store = make_store(db_url)
        store.migrate()
        for email, role in (("ana@example.com", "analyst"), ("max@example.com", "manager")):
            user, _ = add_user(store, email, role, NOW)
            change_password(store, user.id, PASSWORD)
        app = create_app(WebContext(store, config, clock=lambda: NOW), "test-secret-key" * 3)
        clients.append(TestClient(app, base_url="http://testserver"))
        return Web(store, config, clients[-1])

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def web(make_web: Callable[[str], Web], tmp_path: Path) -> Web:
    """On SQLite: for what does not depend on the database."""
    return make_web(f"sqlite:///{tmp_path / 'web.db'}")


@pytest.fixture
def web_db(make_web: Callable[[str], Web], db_url: str) -> Web:
    """On every database: for the queries behind the pages."""
    return make_web(db_url)
