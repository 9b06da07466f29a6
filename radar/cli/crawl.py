"""`crawl`, `sources` and `sources check`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from radar.cli.alerts import alert_after_crawl
from radar.cli.state import AppState, command_group, state
from radar.errors import CrawlStopped, UnknownIdError

if TYPE_CHECKING:
    from crawler.context import SourceReport
    from radar.records import SourceSpec
    from radar.store.queries import SourceHealth

WIDE = 400  # columns for the table when stdout is not a terminal: no cell is cut
sources_app = command_group("Source health, and trying one source out.", no_args_is_help=False)


def register(app: typer.Typer) -> None:
    app.command()(crawl)
    app.add_typer(sources_app, name="sources")


def crawl(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", "-s", metavar="ID", help="Crawl this source now, due or not (repeatable)."
        ),
    ] = None,
) -> None:
    """Crawl the due (or the named) sources once: fetch, extract, classify, link, store.

    SIGTERM or Ctrl-C stops it: no new page is fetched, what was fetched is stored (within
    settings.stop_timeout), and the sources it cut short stay due for the next crawl; a second
    signal stops it at once. Exit code 0 when done, 143 after SIGTERM, 130 after Ctrl-C.
    """
    from crawler.stopping import Stop
    from radar.cli.progress import CrawlProgress
    from radar.cli.stopping import StopOnSignal
    from radar.jobs.ingest import crawl_sources

    app_state = state(ctx)
    config = app_state.config()
    store = app_state.store()
    if source:
        chosen = [_spec(app_state, sid) for sid in source]
    else:
        store.sync_config(config, datetime.now(UTC))
        due = store.due_source_ids(datetime.now(UTC))
        chosen = [s for s in config.sources if s.id in due]
    if not chosen:
        app_state.err.print("no source is due; name one with --source to crawl it now")
        return
    recipe = app_state.classifier_recipe()
    app_state.err.print(f"crawling {len(chosen)} source(s)…")
    stop = Stop()
    within_s = config.model.settings.stop_timeout.total_seconds()
    with (
        CrawlProgress(app_state.err) as progress,
        StopOnSignal(stop, within_s, app_state.err) as sig,
    ):
        try:
            reports = crawl_sources(
                config, store, recipe, chosen, on_progress=progress.update, stop=stop
            )
        except CrawlStopped:
            app_state.err.print(
                f"stopped at once on {sig.name}: what was stored stays; "
                "the next crawl takes up the sources this one did not finish"
            )
            raise typer.Exit(sig.exit_code) from None
    _summary(app_state, reports)
    if sig.signum is not None:
        unfinished = sum(r.stopped for r in reports)
        app_state.err.print(
            f"stopped on {sig.name}: {unfinished} source(s) not finished; "
            "the next crawl takes them up"
        )
        raise typer.Exit(sig.exit_code)
    alert_after_crawl(app_state)


def _spec(app_state: AppState, source_id: str) -> SourceSpec:
    spec = app_state.config().source(source_id)
    if spec is None:
        known = ", ".join(s.id for s in app_state.config().sources)
        raise UnknownIdError(f"unknown source {source_id!r}; the config has: {known}")
    return spec


def _summary(app_state: AppState, reports: list[SourceReport]) -> None:
    failed = [r for r in reports if not r.ok]
    totals = (
        sum(r.fetched for r in reports),
        sum(r.new for r in reports),
        sum(r.unchanged for r in reports),
    )
    typer.echo(
        f"crawled {len(reports)} source(s): fetched {totals[0]}, new {totals[1]}, "
        f"unchanged {totals[2]}, failed {len(failed)}"
    )
    for report in failed:
        typer.echo(f"  failed {report.source_id}: {report.error}")


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context) -> None:
    """Source health as a table: last success, failures, last error and its diagnosis, documents."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.table import Table

    from radar.store.queries import source_health

    app_state = state(ctx)
    store = app_state.store()
    store.sync_config(app_state.config(), datetime.now(UTC))
    with store.session() as session:
        rows = source_health(session)
    configured = {s.id: s for s in app_state.config().sources}
    table = Table(
        "source",
        "kind",
        "status",
        "last success",
        "last error",
        "docs last/total",
        "next crawl",
        box=None,
    )
    for row in rows:
        if row.source_id not in configured:
            continue
        table.add_row(
            row.source_id,
            _kind(row.kind, configured[row.source_id]),
            _status(row),
            _when(row.last_success_at),
            f"{row.diagnosis}: {row.last_error}" if row.last_error else "",
            f"{row.documents_last}/{row.documents_total}",
            _when(row.next_due_at) if row.last_attempt_at else "now",
        )
    out = app_state.out if app_state.out.is_terminal else Console(width=WIDE, highlight=False)
    out.print(table)


def _kind(kind: str, spec: SourceSpec) -> str:
    """The source's kind, and a warning when its certificate is taken unverified."""
    unverified = getattr(spec.options, "tls_verify", True) is False
    return f"{kind} (TLS unverified)" if unverified else kind


def _status(row: SourceHealth) -> str:
    if row.last_attempt_at is None:
        return "never crawled"
    if row.consecutive_failures:
        return f"failing ({row.consecutive_failures} in a row)"
    return "ok"


@sources_app.command("check")
def check(
    ctx: typer.Context,
    source_id: Annotated[str, typer.Argument(help="The source's id in the config.")],
) -> None:
    """Fetch one source now and show what it would yield; store nothing."""
    from radar.cli.progress import skipped
    from radar.jobs.ingest import check_source

    app_state = state(ctx)
    spec = _spec(app_state, source_id)
    report, found = check_source(app_state.config(), app_state.classifier(), spec)
    for doc, result in sorted(found, key=lambda pair: pair[0].dated_at, reverse=True):
        score = result.scores.get(result.category, 0.0)
        typer.echo(f"{_when(doc.published_at)}  {result.category} ({score:.2f})  {doc.title}")
        typer.echo(f"    {doc.url}")
        if result.companies:
            typer.echo(f"    companies: {', '.join(result.companies)}")
        for link in result.links:
            typer.echo(f"    threatens {link.account_id} ({link.score}): {'; '.join(link.reasons)}")
    status = "ok" if report.ok else f"failed ({report.diagnosis}): {report.error}"
    typer.echo(
        f"{source_id}: {status}; fetched {report.fetched}, {len(found)} item(s)"
        f"{skipped(report)}, {report.failed_pages} page(s) failed; nothing was stored"
    )
    for advice in report.notes:
        typer.echo(f"{source_id}: {advice}")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"
