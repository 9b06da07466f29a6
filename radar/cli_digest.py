"""`digest build` and `digest send`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from digest.week import parse_week
from radar.cli_state import state
from radar.digests import SmtpCredentials, build_digests, deliver_week, write_outbox
from radar.errors import RadarError
from radar.ingest import utc_now

digest_app = typer.Typer(help="Weekly digests per account.", no_args_is_help=True)

WeekOption = Annotated[str, typer.Option("--week", help="The ISO week, YYYY-Www (e.g. 2026-W47).")]
AccountOption = Annotated[
    list[str] | None, typer.Option("--account", "-a", help="Only this account (repeatable).")
]


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest")


def _week(value: str) -> str:
    try:
        year, number = parse_week(value)
    except ValueError as err:
        raise RadarError(str(err)) from err
    return f"{year}-W{number:02d}"


@digest_app.command("build")
def build(
    ctx: typer.Context,
    week: WeekOption,
    account: AccountOption = None,
    outbox: Annotated[
        Path, typer.Option("--outbox", help="Write DIR/YYYY-Www/<account-id>.{html,txt,eml}.")
    ] = Path("outbox"),
) -> None:
    """Render each account's digest for the week into the outbox."""
    app_state = state(ctx)
    built = build_digests(
        app_state.config(), app_state.store(), _week(week), account or [], utc_now()
    )
    for path in write_outbox(built, outbox):
        typer.echo(path)


@digest_app.command("send")
def send(ctx: typer.Context, week: WeekOption, account: AccountOption = None) -> None:
    """Deliver the week's digests by SMTP, exactly once per account and week."""
    app_state = state(ctx)
    config = app_state.config()
    if config.model.settings.smtp is None:
        app_state.err.print("no settings.smtp in the config: digests go to the outbox, not by mail")
    username, password = app_state.smtp_credentials()
    outcomes = deliver_week(
        config,
        app_state.store(),
        _week(week),
        account or [],
        SmtpCredentials(username, password),
        app_state.data_dir / "outbox",
        utc_now(),
    )
    for account_id, outcome in outcomes:
        typer.echo(f"{account_id}: {outcome}")
