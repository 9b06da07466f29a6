"""`crawl`, `sources` and `sources check`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from crawler.context import SourceReport
from radar.cli_alerts import alert_after_crawl
from radar.cli_state import AppState, state
from radar.errors import UnknownIdError
from radar.ingest import check_source, crawl_sources, utc_now
from radar.queries import source_health
from radar.records import SourceSpec

sources_app = typer.Typer(help="Source health, and trying one source out.", no_args_is_help=False)


def register(app: typer.Typer) -> None:
    app.command()(crawl)
    app.add_typer(sources_app, name="sources")


def crawl(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Crawl this source now, due or not (repeatable)."),
    ] = None,
) -> None:
    """Crawl the due (or the named) sources once: fetch, extract, classify, link, store."""
    app_state = state(ctx)
    config = app_state.config()
    store = app_state.store()
    if source:
        chosen = [_spec(app_state, sid) for sid in source]
    else:
        store.sync_config(config, utc_now())
        due = store.due_source_ids(utc_now())
        chosen = [s for s in config.sources if s.id in due]
    if not chosen:
        app_state.err.print("no source is due; name one with --source to crawl it now")
        return
    classifier = app_state.classifier()
    app_state.err.print(f"crawling {len(chosen)} source(s)…")
    reports = crawl_sources(
        config, store, classifier, chosen, on_progress=lambda r: _progress(app_state, r)
    )
    _summary(app_state, reports)
    alert_after_crawl(app_state)


def _spec(app_state: AppState, source_id: str) -> SourceSpec:
    spec = app_state.config().source(source_id)
    if spec is None:
        known = ", ".join(s.id for s in app_state.config().sources)
        raise UnknownIdError(f"unknown source {source_id!r}; the config has: {known}")
    return spec


def _progress(app_state: AppState, report: SourceReport) -> None:
    mark = "[green]ok[/]" if report.ok else "[red]failed[/]"
    detail = f" — {report.error}" if report.error else ""
    app_state.err.print(
        f"  {mark} {report.source_id}: {report.new} new, {report.unchanged} unchanged{detail}",
        markup=True,
        highlight=False,
    )


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
    """Source health as a table: last success, last error, documents."""
    if ctx.invoked_subcommand is not None:
        return
    app_state = state(ctx)
    store = app_state.store()
    store.sync_config(app_state.config(), utc_now())
    with store.session() as session:
        rows = source_health(session)
    configured = {s.id for s in app_state.config().sources}
    table = Table(
        "source", "kind", "last success", "failures", "last error", "docs (last/total)", box=None
    )
    for row in rows:
        if row.source_id not in configured:
            continue
        error = f"{row.diagnosis}: {row.last_error}" if row.last_error else ""
        table.add_row(
            row.source_id,
            row.kind,
            _when(row.last_success_at),
            str(row.consecutive_failures),
            error,
            f"{row.documents_last}/{row.documents_total}",
        )
    app_state.out.print(table)


@sources_app.command("check")
def check(
    ctx: typer.Context,
    source_id: Annotated[str, typer.Argument(help="The source's id in the config.")],
) -> None:
    """Fetch one source now and show what it would yield; store nothing."""
    app_state = state(ctx)
    spec = _spec(app_state, source_id)
    report = check_source(app_state.config(), app_state.classifier(), spec)
    table = Table("date", "category", "title", "accounts", box=None)
    for doc, result in report.found:
        accounts = ", ".join(f"{link.account_id} ({link.score})" for link in result.links)
        table.add_row(_when(doc.published_at), result.category, doc.title, accounts)
    app_state.out.print(table)
    status = "ok" if report.ok else f"failed: {report.error}"
    typer.echo(
        f"{source_id}: {status}; {len(report.found)} item(s), {report.failed_pages} page(s) failed"
    )


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"
