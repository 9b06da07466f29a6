"""Slow work in one request of the web app never holds up the others (uvicorn on loopback)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from radar.config.edit import version_of
from radar.config.loader import load_config
from radar.store.users import add_user, change_password
from radar.web.app import create_app
from radar.web.context import WebContext
from tests.conftest import SHIPPED_CONFIG, free_port
from tests.radar.web.conftest import NOW, PASSWORD

# Another writer of the config (a second `serve`, `accounts import`) holding the lock that
# ConfigFile takes around each edit, until its stdin closes.
HOLD_LOCK = (
    "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
    "print('held', flush=True); sys.stdin.read(); lock.release()"
)
GUARD_S = 90  # only against a hang: nothing here is timed


@pytest.fixture
def server(store, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The web app under uvicorn on a loopback port, with an analyst: (its URL, its config)."""
    config = tmp_path / "sources.yaml"
    shutil.copy(SHIPPED_CONFIG, config)
    user, _ = add_user(store, "ana@example.com", "analyst", NOW)
    change_password(store, user.id, PASSWORD)
    port = free_port()
    app = create_app(WebContext(store, config), "blocking-test-secret" * 2)
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    while not served.started:
        assert thread.is_alive(), "uvicorn did not start"
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}", config
    served.should_exit = True
    thread.join(GUARD_S)


class Waiting(logging.Handler):
    """Set when filelock reports that an acquire of this lock file has to wait."""

    def __init__(self, lock_file: Path) -> None:
        super().__init__(logging.DEBUG)
        self.lock_file, self.event = str(lock_file), threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "not acquired" in message and self.lock_file in message:
            self.event.set()


def signed_in(base: str) -> tuple[httpx.Client, str]:
    """A client signed in as the analyst, and its CSRF token."""
    client = httpx.Client(base_url=base, timeout=GUARD_S)
    token = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    data = {"email": "ana@example.com", "password": PASSWORD, "csrf": token}
    assert client.post("/login", data=data).status_code == 303
    token = client.get("/editor").text.split('name="csrf" value="')[1].split('"')[0]
    return client, token


def large_options() -> str:
    """A source's options box near its size limit (4096 characters), all of it valid."""
    lines = ["include:"] + [f'  - "/press/{n:04d}-release/"' for n in range(140)]
    text = "\n".join(lines) + "\n"
    assert 3500 < len(text) < 4096
    return text


def test_a_save_waiting_for_the_config_file_does_not_stall_a_page_asked_meanwhile(server):
    base, config = server
    lock_file = config.with_name(f".{config.name}.lock")
    client, token = signed_in(base)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    waiting = Waiting(lock_file)
    filelock_log = logging.getLogger("filelock")
    level = filelock_log.level
    filelock_log.setLevel(logging.DEBUG)
    filelock_log.addHandler(waiting)
    answered: list[str] = []
    saved: list[httpx.Response] = []

    def save() -> None:
        form = {
            "csrf": token,
            "version": version_of(config.read_text(encoding="utf-8")),
            "id": "orbitnet-press",
            "kind": "site",
            "url": "https://orbitnet.example/press/",
            "about": "orbitnet",
            "every": "12h",
            "options": large_options(),
        }
        saved.append(client.post("/editor/sources", data=form))
        answered.append("save")

    saving = threading.Thread(target=save)
    try:
        saving.start()
        assert waiting.event.wait(GUARD_S), "the save never reached the config's lock"
        page = httpx.get(f"{base}/login", timeout=GUARD_S)  # while the save still waits
        answered.append("page")
    finally:
        holder.communicate(timeout=GUARD_S)  # the other writer is done: the save goes on
        saving.join(GUARD_S)
        filelock_log.removeHandler(waiting)
        filelock_log.setLevel(level)
        client.close()

    assert page.status_code == 200
    assert answered == ["page", "save"]
    assert saved[0].status_code == 303, saved[0].text
    spec = load_config(config).source("orbitnet-press")
    assert spec is not None and len(spec.options.include) == 140  # type: ignore[attr-defined]
