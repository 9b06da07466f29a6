"""`accounts import`: key accounts from a CRM export, merged into the config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from radar.cli.state import command_group, state
from radar.config.crm.columns import COLUMNS

accounts_app = command_group("Key accounts in the config.")


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")


@accounts_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A CSV export: Salesforce, HubSpot or a plain spreadsheet.")
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help=f"FIELD=COLUMN: read FIELD from this column (repeatable). Fields: {', '.join(COLUMNS)}.",
        ),
    ] = None,
    day_first: Annotated[
        bool,
        typer.Option("--day-first", help="Read dates like 03/04/2027 as 3 April, not 4 March."),
    ] = False,
) -> None:
    """Merge key accounts from a CRM export into the config; hand-made fields are kept."""
    from radar.config.crm.importer import MergeReport, merge_accounts, parse_mapping, read_accounts
    from radar.config.edit import ConfigFile

    app_state = state(ctx)
    result = read_accounts(file, parse_mapping(map_ or []), day_first=day_first)
    for field_name, column in result.columns.items():
        app_state.err.print(f"  {field_name} <- column {column!r}")
    for problem in result.skipped:
        app_state.err.print(f"  skipped {problem}")
    report = MergeReport()
    ConfigFile(app_state.config_path).update(merge_accounts(result.accounts, report))
    typer.echo(
        f"{app_state.config_path}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(result.skipped)} skipped"
    )
    for account_id in report.added:
        typer.echo(f"  added {account_id}")
    for account_id in report.updated:
        typer.echo(f"  updated {account_id}")
