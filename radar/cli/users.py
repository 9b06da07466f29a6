"""`users ...`: who may use the web app and the JSON API, their sessions and tokens."""

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
    expires: Annotated[
        str,
        typer.Option(
            "--expires", metavar="DURATION", help="How long the token works: 30d, 12h, 365d."
        ),
    ] = "90d",
) -> None:
    """Print a new API token for the user (HTTP header `Authorization: Bearer TOKEN`)."""
    from radar.config.schema import parse_duration
    from radar.store.tokens import issue_token

    try:
        lifetime = parse_duration(expires)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--expires") from err
    if lifetime.total_seconds() <= 0:
        raise typer.BadParameter("a token must work for some time", param_hint="--expires")
    app_state = state(ctx)
    now = datetime.now(UTC)
    typer.echo(issue_token(app_state.store(), email, now, lifetime))
    app_state.err.print(
        f"keep it secret: it is shown once, reads everything the user can, and works until "
        f"{(now + lifetime):%Y-%m-%d %H:%M} UTC"
    )


@users_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the web users with their roles, API tokens and when each last signed in or used one."""
    from rich.table import Table

    from radar.store.users import list_users

    app_state = state(ctx)
    table = Table("email", "role", "created", "last used", "tokens", "password", box=None)
    for user in list_users(app_state.store()):
        table.add_row(
            user.email + (" (disabled)" if user.is_disabled else ""),
            user.role,
            user.created_at.strftime("%Y-%m-%d"),
            user.last_used_at.strftime("%Y-%m-%d %H:%M") if user.last_used_at else "never",
            str(user.tokens),
            "one-time" if user.must_change_password else "chosen",
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


@users_app.command("disable")
def disable(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user to lock out.")],
) -> None:
    """Lock the user out: sessions end, sign-in and API tokens are refused until `users enable`."""
    from radar.store.users import set_disabled

    app_state = state(ctx)
    user = set_disabled(app_state.store(), email, is_disabled=True)
    app_state.err.print(f"disabled {user.email}; `users enable {user.email}` lets them back")


@users_app.command("enable")
def enable(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The disabled user to let back in.")],
) -> None:
    """Let a disabled user sign in and use their tokens again."""
    from radar.store.users import set_disabled

    app_state = state(ctx)
    user = set_disabled(app_state.store(), email, is_disabled=False)
    app_state.err.print(f"enabled {user.email}")


@users_app.command("reset")
def reset(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user who lost their password.")],
) -> None:
    """Print a new one-time password for the user; their sessions end and the old password stops."""
    from radar.store.users import reset_password

    app_state = state(ctx)
    user, password = reset_password(app_state.store(), email)
    app_state.err.print(f"reset {user.email}; the one-time password is:")
    typer.echo(password)


@users_app.command("revoke")
def revoke(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user whose API tokens stop working.")],
) -> None:
    """Revoke every API token of the user (`users token` makes a new one)."""
    from radar.store.tokens import revoke_tokens

    app_state = state(ctx)
    count = revoke_tokens(app_state.store(), email)
    app_state.err.print(f"revoked {count} token{'s' * (count != 1)}")


@users_app.command("remove")
def remove(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The user to remove.")],
) -> None:
    """Remove the user and their API tokens; their sessions end."""
    from radar.store.users import remove_user

    app_state = state(ctx)
    user = remove_user(app_state.store(), email)
    app_state.err.print(f"removed {user.email}")
