"""`serve`: the web app and JSON API, served by uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from radar.cli.state import state


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="The address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port to listen on.")] = 8080,
) -> None:
    """The web app and JSON API (OpenAPI schema at /openapi.json): threat feeds, source health,
    portfolio, editor. Sign-in cookies are signed with $RIVALRADAR_SECRET_KEY, or with a key
    kept in the data directory."""
    import uvicorn

    from radar.web.app import create_app
    from radar.web.context import WebContext

    app_state = state(ctx)
    app_state.config()  # a broken config is reported now, not on the first page
    web = WebContext(app_state.store(), app_state.config_path)
    secret = os.environ.get("RIVALRADAR_SECRET_KEY") or _stored_secret(app_state.data_dir)
    app_state.err.print(f"serving on http://{host}:{port}/ (API schema at /openapi.json)")
    uvicorn.run(create_app(web, secret), host=host, port=port, log_level="warning")


def _stored_secret(data_dir: Path) -> str:
    """A random key made on first use and kept (readable by its owner only)."""
    path = data_dir / "web-secret-key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key)
    return key
