"""`digest build` and `digest send`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from digest.week import parse_week
from radar.cli.state import command_group, state
from radar.errors import DeliveryError, RadarError

digest_app = command_group("Weekly digests per account.")
NO_LEADERSHIP = (
    "no settings.leadership in the config: the portfolio digest is written as .html and .txt, "
    "without an .eml (it has no one to go to)"
)

WeekOption = Annotated[
    str, typer.Option("--week", metavar="YYYY-Www", help="The ISO week, YYYY-Www (e.g. 2026-W47).")
]
AccountOption = Annotated[
    list[str] | None,
    typer.Option("--account", "-a", metavar="ID", help="Only this account (repeatable)."),
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
    """Render each account's digest for the week into the outbox, and the portfolio digest."""
    from digest.channels.outbox import OutboxChannel
    from radar.jobs.digests import build_digests, is_skipped, outgoing, write_outbox
    from radar.jobs.portfolio import PORTFOLIO_KEY, build_portfolio_digest

    app_state = state(ctx)
    config, store = app_state.config(), app_state.store()
    week = _week(week)
    built = build_digests(config, store, week, account or [])
    chosen = [b for b in built if not is_skipped(config, b)]
    for skipped in (b for b in built if is_skipped(config, b)):
        app_state.err.print(
            f"{skipped.digest.account_id}: a quiet week, no digest (quiet_week: skip)"
        )
    for path in write_outbox(chosen, outbox):
        typer.echo(path)
    if not account:
        portfolio = build_portfolio_digest(config, store, week)
        if not config.model.settings.leadership:
            app_state.err.print(NO_LEADERSHIP)
        item = outgoing(
            f"{week}/{PORTFOLIO_KEY}", portfolio.html, portfolio.text, portfolio.message
        )
        typer.echo(OutboxChannel(outbox).write(item))


@digest_app.command("send")
def send(ctx: typer.Context, week: WeekOption, account: AccountOption = None) -> None:
    """Deliver the week's digests by SMTP, exactly once per account and week.

    Without settings.smtp the digests go to the outbox in the data directory. The portfolio
    digest goes to settings.leadership when no --account is given.
    """
    from radar.jobs.digests import SmtpCredentials, deliver_week
    from radar.jobs.portfolio import deliver_portfolio

    app_state = state(ctx)
    config, store, now = app_state.config(), app_state.store(), datetime.now(UTC)
    week = _week(week)
    if config.model.settings.smtp is None:
        app_state.err.print("no settings.smtp in the config: digests go to the outbox, not by mail")
    credentials = SmtpCredentials(*app_state.smtp_credentials())
    outbox = app_state.data_dir / "outbox"

    def show(key: str, outcome: str) -> None:
        typer.echo(f"{key}: {outcome}")

    failure: DeliveryError | None = None
    try:
        deliver_week(config, store, week, account or [], credentials, outbox, now, show)
    except DeliveryError as err:
        failure = err  # the portfolio still goes out; the failure is reported at the end
    if not account:
        deliver_portfolio(config, store, week, credentials, outbox, now, show)
    if failure is not None:
        raise failure
