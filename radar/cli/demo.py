"""`demo`: the whole pipeline offline, on the bundled corpus served on loopback.

Its results are the digests it writes: their paths go to stdout, one absolute path a line (each
account's HTML digest, then the portfolio digest). Progress and context go to stderr.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radar.cli.state import AppState, state
from radar.errors import RadarError

if TYPE_CHECKING:
    from radar.config.loader import LoadedConfig
    from radar.demo import DemoServer

# What a demo run leaves in its output folder; the next run starts afresh only where that is all.
_DEMO_OUTPUT = frozenset(
    {"rivalradar.db", "rivalradar.db-journal", "rivalradar.db-wal", "rivalradar.db-shm", "outbox"}
)


def register(app: typer.Typer) -> None:
    app.command()(demo)


def demo(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", help="Where the demo's database and outbox go.")
    ] = Path("demo-output"),
) -> None:
    """Run the whole pipeline offline on a bundled corpus: serve, crawl twice, build the digests.

    Uses the demo's own config, shipped with rivalradar, unless --config comes before `demo`.

    Prints the path of each digest it writes: each account's, then the portfolio's.
    """
    from digest.week import week_of
    from radar.cli.paths import sqlite_url
    from radar.demo import week_start
    from radar.jobs.ingest import utc_now

    app_state = state(ctx)
    output = output.resolve()  # so that every path printed is absolute
    _choose_config(ctx, app_state)
    app_state.config()  # a bad config stops the demo here, before it removes or writes anything
    if app_state.db_url is None:
        _start_afresh(output)
        app_state.db_url = sqlite_url(output)
    anchor = week_start(utc_now())
    config = _crawl(app_state, anchor)
    week = week_of(anchor + timedelta(days=3), "UTC")
    _write_digests(app_state, config, week, output / "outbox")
    app_state.err.print(f"digests for {week} written; each .html has its .txt and .eml beside it")


def _choose_config(ctx: typer.Context, app_state: AppState) -> None:
    """The demo's config unless `--config` was given: never $RIVALRADAR_CONFIG or
    ./config/sources.yaml, which name the user's own sources, out on the web."""
    from radar.demo import config_path

    if ctx.find_root().params.get("config") is None:
        app_state.config_path = config_path()
    app_state.err.print(f"config: {app_state.config_path.resolve()}", markup=False)


def _start_afresh(output: Path) -> None:
    """An empty `output` folder; refuse one that holds anything a demo run did not write."""
    if output.exists():
        if not output.is_dir():
            raise RadarError(f"--output {output}: not a folder; give a new or empty folder")
        others = sorted(p.name for p in output.iterdir() if p.name not in _DEMO_OUTPUT)
        if others:
            raise RadarError(
                f"--output {output}: holds {others[0]!r}, which the demo did not write; "
                "the demo starts afresh each time, so give it a new or empty folder"
            )
        shutil.rmtree(output)
    output.mkdir(parents=True)


def _crawl(app_state: AppState, anchor: datetime) -> LoadedConfig:
    """Serve the corpus and crawl it twice, to replay the week: once mid-week, once on its last
    day. Returns the config as crawled: its sources on the server's address."""
    from radar.jobs.ingest import crawl_sources

    loaded = app_state.config()
    store = app_state.store()
    recipe = app_state.classifier_recipe()
    server = _server(anchor)
    config = _demo_config(loaded, server.base_url)
    app_state.err.print(f"serving the demo corpus at {server.base_url}")
    with server.running():
        for phase, day in ((1, 4), (2, 6)):
            server.phase = phase
            app_state.err.print(f"crawl {phase} of 2…")
            moment = anchor + timedelta(days=day, hours=12)
            reports = crawl_sources(config, store, recipe, config.sources, clock=_fixed(moment))
            for r in reports:
                status = "ok" if r.ok else f"FAILED ({r.error})"
                app_state.err.print(
                    f"  {r.source_id}: {r.new} new, {r.unchanged} unchanged, {status}",
                    markup=False,
                )
    return config


def _write_digests(app_state: AppState, config: LoadedConfig, week: str, outbox: Path) -> None:
    """Each account's digest, then the portfolio digest, into the outbox; each HTML file's
    absolute path on stdout."""
    from digest.channels.outbox import OutboxChannel
    from radar.cli.digest import NO_LEADERSHIP
    from radar.jobs.digests import build_digests, outgoing, write_outbox
    from radar.jobs.portfolio import PORTFOLIO_KEY, build_portfolio_digest

    store = app_state.store()
    built = build_digests(config, store, week, [])
    for item, path in zip(built, write_outbox(built, outbox), strict=True):
        digest = item.digest
        app_state.err.print(f"  {digest.account_name}: {digest.story_count} stories", markup=False)
        typer.echo(path)
    portfolio = build_portfolio_digest(config, store, week)
    key = f"{week}/{PORTFOLIO_KEY}"
    path = OutboxChannel(outbox).write(
        outgoing(key, portfolio.html, portfolio.text, portfolio.message)
    )
    app_state.err.print("  portfolio digest for leadership")
    if not config.model.settings.leadership:
        app_state.err.print(f"  {NO_LEADERSHIP}")
    typer.echo(path)


def _fixed(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def _server(anchor: datetime) -> DemoServer:
    """The corpus on its usual port, or on a free one when that is taken."""
    from radar.demo import DEMO_PORT, DemoServer, corpus_dir

    try:
        return DemoServer(corpus_dir(), anchor, DEMO_PORT)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise RadarError(f"cannot serve the demo corpus: {err}") from err
        return DemoServer(corpus_dir(), anchor, 0)


def _demo_config(config: LoadedConfig, base_url: str) -> LoadedConfig:
    """The config's sources pointed at the running server, without politeness delays on loopback."""
    from radar.config.schema import Politeness
    from radar.demo import CORPUS_BASE

    sources = tuple(replace(s, url=s.url.replace(CORPUS_BASE, base_url)) for s in config.sources)
    settings = config.model.settings.model_copy(
        update={"politeness": Politeness(concurrency=4, delay=timedelta(0))}
    )
    model = config.model.model_copy(update={"settings": settings})
    return replace(config, model=model, sources=sources)
