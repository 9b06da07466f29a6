"""`serve`: the web app and JSON API."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(ctx: typer.Context) -> None:
    """The web app and JSON API."""
