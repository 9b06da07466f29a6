"""The command line: `rivalradar [--config PATH] [--db URL] COMMAND` (SPEC.md is the contract)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from radar import __version__
from radar.cli.logs import configure_logging
from radar.cli.state import AppState, state
from radar.errors import ConfigError, RadarError


class RadarGroup(TyperGroup):
    """Turns every expected error into one line on stderr and exit 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RadarError as err:
            if isinstance(err, ConfigError):
                for problem in err.problems:
                    typer.echo(problem, err=True)
            else:
                typer.echo(f"rivalradar: {err}", err=True)
            raise typer.Exit(1) from err


app = typer.Typer(
    cls=RadarGroup,
    help="Open competitive intelligence: crawl rivals, label what moved, tell each key-account owner.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    # Help as plain text: typer's rich panels label every flag `<bool>`; plain help is clearer.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rivalradar {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The config file. Default: $RIVALRADAR_CONFIG, then ./config/sources.yaml.",
            show_default=False,
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="A SQLAlchemy database URL. Default: $RIVALRADAR_DATABASE_URL, then SQLite in the data directory.",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log lines on stderr (-v, -vv).")
    ] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """rivalradar: competitive intelligence for key accounts."""
    configure_logging(verbose)
    ctx.obj = AppState.from_options(config, db)
    ctx.call_on_close(ctx.obj.close)


@app.command()
def init(ctx: typer.Context) -> None:
    """Create or migrate the database."""
    app_state = state(ctx)
    revision = app_state.store().migrate()
    app_state.err.print(f"database ready at schema revision {revision}")


@app.command()
def validate(ctx: typer.Context) -> None:
    """Check the config; each problem as FILE:LINE: field: message, exit 1 if any."""
    app_state = state(ctx)
    loaded = app_state.config()
    model = loaded.model
    typer.echo(
        f"{loaded.path}: valid: {len(model.accounts)} accounts, {len(model.competitors)} competitors, "
        f"{len(loaded.sources)} sources"
    )


def _register() -> None:
    from radar.cli import (
        accounts,
        alerts,
        classify,
        corrections,
        crawl,
        demo,
        digest,
        evaluate,
        feed,
        run,
        serve,
        users,
        worker,
    )

    for command in (
        crawl,
        classify,
        evaluate,
        digest,
        feed,
        alerts,
        demo,
        accounts,
        users,
        serve,
        run,
        corrections,
        worker,
    ):
        command.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """The console script; exit 0 done, 1 expected error, 2 usage error, 128 + N when signal N
    stopped a crawl before it finished (143 for SIGTERM, 130 for Ctrl-C)."""
    try:
        app(args=argv, prog_name="rivalradar")
    except KeyboardInterrupt:
        sys.exit(130)
