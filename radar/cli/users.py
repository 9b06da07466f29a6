"""`users add`, `users token` and `users list`: who may use the web app and the JSON API."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import typer

from radar.cli.state import command_group, state

users_app = command_group("Web users: analysts edit the config, managers read.")


class Role(StrEnum):
    analyst = "analyst"
    manager = "manager"


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")


@users_app.command("add")
def add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user's email address; they sign in with it.")],
    role: Annotated[Role, typer.Option("--role", help="analyst: reads and edits; manager: reads.")],
) -> None:
    """Create a web user and print a one-time password (the first sign-in asks for a new one)."""
    from radar.store.users import add_user

    app_state = state(ctx)
    user, password = add_user(app_state.store(), email, role.value, datetime.now(UTC))
    app_state.err.print(f"created {user.email} ({user.role}); the one-time password is:")
    typer.echo(password)


@users_app.command("token")
def token(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user the token acts for.")],
) -> None:
    """Print a new API token for the user (HTTP header `Authorization: Bearer TOKEN`)."""
    from radar.store.tokens import issue_token

    app_state = state(ctx)
    typer.echo(issue_token(app_state.store(), email, datetime.now(UTC)))
    app_state.err.print("keep it secret: it is shown once and reads everything the user can")


@users_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the web users with their roles and API tokens."""
    from rich.table import Table

    from radar.store.users import list_users

    app_state = state(ctx)
    table = Table("email", "role", "created", "tokens", "password", box=None)
    for user in list_users(app_state.store()):
        table.add_row(
            user.email,
            user.role,
            user.created_at.strftime("%Y-%m-%d"),
            str(user.tokens),
            "one-time (not yet changed)" if user.must_change_password else "set by the user",
        )
    app_state.out.print(table)


@users_app.command("sign-out")
def sign_out(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user to sign out.")],
) -> None:
    """End every web session of the user (API tokens stay: `users revoke` ends those)."""
    from radar.store.users import end_sessions

    app_state = state(ctx)
    user = end_sessions(app_state.store(), email)
    app_state.err.print(f"signed {user.email} out of every session")
