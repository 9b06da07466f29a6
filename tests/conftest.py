"""Real fixtures: a trained model, configs on disk, the CLI in-process, a real database."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from ruamel.yaml import YAML
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from classifier.model import CategoryModel, train_dir
from radar.cli.app import app
from radar.store import models
from radar.store.store import Store
from tests.smtp import SmtpServer, authenticate

REPO = Path(__file__).resolve().parents[1]
SHIPPED_CONFIG = REPO / "radar" / "demo" / "sources.yaml"  # the demo's, the commented example

POSTGRES_URL = os.environ.get(
    "RIVALRADAR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_SERVICES = os.environ.get("RIVALRADAR_REQUIRE_SERVICES") == "1"

ACCOUNTS = [
    {
        "id": "delta-air-lines",
        "name": "Delta Air Lines",
        "aliases": ["Delta"],
        "industry": "aviation",
        "owner": "jane.doe@example.com",
        "competitors": ["amazon-leo", "starlink"],
        "stakeholders": ["Maria Okafor"],
    },
    {
        "id": "northwind-retail",
        "name": "Northwind Retail",
        "industry": "retail",
        "owner": "sam.lee@example.com",
        "timezone": "America/New_York",
        "competitors": ["starlink"],
    },
]
COMPETITORS = [
    {
        "id": "amazon-leo",
        "name": "Amazon Leo",
        "aliases": ["Project Kuiper"],
        "domains": ["amazon.com"],
    },
    {"id": "starlink", "name": "Starlink", "domains": ["starlink.com"]},
]


def feed(source_id: str, url: str, about: str = "starlink", **options: Any) -> dict[str, Any]:
    return {"id": source_id, "url": url, "kind": "feed", "about": about, "every": "1h", **options}


def site(source_id: str, url: str, about: str = "starlink", **options: Any) -> dict[str, Any]:
    return {"id": source_id, "url": url, "kind": "site", "about": about, "every": "1h", **options}


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The category model, trained once per test session into its own cache."""
    cache = tmp_path_factory.mktemp("model-cache")
    CategoryModel.load_or_train(train_dir(), cache)
    return cache


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    """Write a config: test defaults for accounts and competitors, no politeness delay."""

    def write(
        sources: list[dict[str, Any]] | None = None,
        allow_private_networks: bool = True,
        settings: dict[str, Any] | None = None,
        **sections: Any,
    ) -> Path:
        document: dict[str, Any] = {
            "settings": {
                "allow_private_networks": allow_private_networks,
                "request_timeout": "5s",
                "politeness": {"concurrency": 4, "delay": "0s"},
                **(settings or {}),
            },
            "accounts": ACCOUNTS,
            "competitors": COMPETITORS,
            "sources": sources or [],
            **sections,
        }
        path = tmp_path / "sources.yaml"
        with path.open("w", encoding="utf-8") as handle:
            YAML().dump(document, handle)
        return path

    return write


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def data_dir_path(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, model_cache: Path, data_dir_path: Path
) -> Callable[..., CliResult]:
    """Run `rivalradar ARGS` in-process, with this test's data directory and the session's model."""
    monkeypatch.setenv("RIVALRADAR_DATA_DIR", str(data_dir_path))
    monkeypatch.setenv("RIVALRADAR_CACHE_DIR", str(model_cache))
    monkeypatch.delenv("RIVALRADAR_CONFIG", raising=False)
    monkeypatch.delenv("RIVALRADAR_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args: str | Path) -> CliResult:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


class StoreView(Store):
    """The store, with the questions tests ask of it."""

    def titles(self, source_id: str) -> list[str]:
        with self.session() as session:
            rows = session.scalars(
                select(models.Document.title)
                .where(models.Document.source_id == source_id)
                .order_by(models.Document.title)
            )
            return list(rows)

    def health(self, source_id: str) -> models.Source:
        with self.session() as session:
            row = session.get(models.Source, source_id)
            assert row is not None, f"no health row for {source_id}"
            return row

    def count(self, model: type[models.Base]) -> int:
        with self.session() as session:
            return len(session.scalars(select(model)).all())


@pytest.fixture
def store(data_dir_path: Path) -> Iterator[StoreView]:
    """The same SQLite database the CLI of this test uses."""
    data_dir_path.mkdir(parents=True, exist_ok=True)
    view = StoreView(f"sqlite:///{data_dir_path / 'rivalradar.db'}")
    view.migrate()
    yield view
    view.close()


@pytest.fixture
def make_store() -> Iterator[Callable[[str], Store]]:
    """Stores on given URLs, closed when the test ends."""
    opened: list[Store] = []

    def make(url: str) -> Store:
        opened.append(Store(url))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def missing(service: str, problem: str, skip_reason: str) -> NoReturn:
    """Skip a test whose service is not here; fail it when every service is required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{service} is required (RIVALRADAR_REQUIRE_SERVICES=1) but {problem}")
    pytest.skip(skip_reason)


def _postgres_available() -> bool:
    try:
        probe = Store(POSTGRES_URL)
        with probe.engine.connect() as connection:
            connection.execute(text("select 1"))
        probe.close()
        return True
    except Exception:  # noqa: BLE001 - any failure to connect means: not available here
        return False


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: SQLite always, PostgreSQL where the server is reachable."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not _postgres_available():
        missing(f"PostgreSQL at {POSTGRES_URL}", "unreachable", "no PostgreSQL server reachable")
    # A schema of its own per test, so that test runs side by side never meet.
    schema = f"rr_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE SCHEMA "{schema}"')
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    _admin(f'DROP SCHEMA "{schema}" CASCADE')


def _admin(statement: str) -> None:
    probe = Store(POSTGRES_URL)
    with probe.engine.begin() as connection:
        connection.execute(text(statement))
    probe.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CHROMIUM = "/usr/bin/chromium"  # Debian's
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium() -> str:
    """The chromium executable, run with CHROMIUM_FLAGS and a profile of the test's own."""
    if not os.access(CHROMIUM, os.X_OK):
        missing(CHROMIUM, "missing", f"no {CHROMIUM}")
    return CHROMIUM


@pytest.fixture
def tls_ca(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A throwaway certificate authority that this test's TLS clients trust."""
    import trustme

    ca = trustme.CA()
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    return ca


@pytest.fixture
def smtp_server(tls_ca: Any) -> Iterator[Callable[..., SmtpServer]]:
    """Start SMTP servers: security "none", "starttls" (AUTH required) or "tls"."""
    import ssl

    from aiosmtpd.controller import Controller

    controllers: list[Controller] = []

    def start(security: str = "none") -> SmtpServer:
        port = free_port()
        server = SmtpServer(port, security)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        options: dict[str, Any] = {}
        if security == "starttls":
            options = {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": authenticate,
                "auth_required": True,
            }
        elif security == "tls":
            options = {"ssl_context": context}
        controller = Controller(server, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return server

    yield start
    for controller in controllers:
        controller.stop()
