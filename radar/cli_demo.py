"""`demo`: the whole pipeline offline, on the bundled corpus served on loopback."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from digest.channels.outbox import OutboxChannel
from digest.week import week_of
from radar.cli_state import state
from radar.config import LoadedConfig
from radar.demo import DemoServer, corpus_dir, week_start
from radar.digests import build_digests, outgoing, write_outbox
from radar.errors import RadarError
from radar.ingest import crawl_sources, utc_now
from radar.paths import sqlite_url
from radar.portfolio import PORTFOLIO_KEY, build_portfolio_digest
from radar.schema import Politeness

DEMO_PORT = 8765
DEMO_BASE = f"http://127.0.0.1:{DEMO_PORT}"


def register(app: typer.Typer) -> None:
    app.command()(demo)


def demo(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", help="Where the demo's database and outbox go.")
    ] = Path("demo-output"),
) -> None:
    """Run the whole pipeline offline on a bundled corpus: serve, crawl twice, build the digests."""
    app_state = state(ctx)
    if app_state.db_url is None:
        shutil.rmtree(output, ignore_errors=True)
        output.mkdir(parents=True)
        app_state.db_url = sqlite_url(output.resolve())
    now = utc_now()
    anchor = week_start(now)
    server = _server(anchor)
    config = _demo_config(app_state.config(), server.base_url)
    app_state.err.print(f"serving the demo corpus at {server.base_url}")
    store = app_state.store()
    recipe = app_state.classifier_recipe()
    with server.running():
        # The two crawls replay the week: one mid-week, one on its last day.
        for phase, day in ((1, 4), (2, 6)):
            server.phase = phase
            app_state.err.print(f"crawl {phase} of 2…")
            moment = anchor + timedelta(days=day, hours=12)
            reports = crawl_sources(config, store, recipe, config.sources, clock=_fixed(moment))
            for r in reports:
                status = "ok" if r.ok else f"FAILED ({r.error})"
                app_state.err.print(
                    f"  {r.source_id}: {r.new} new, {r.unchanged} unchanged, {status}"
                )
    week = week_of(anchor + timedelta(days=3), "UTC")
    built = build_digests(config, store, week, [], utc_now())
    paths = write_outbox(built, output / "outbox")
    for item, path in zip(built, paths, strict=True):
        app_state.err.print(f"  {item.digest.account_name}: {item.digest.story_count} stories")
        typer.echo(path.resolve())
    portfolio = build_portfolio_digest(config, store, week, utc_now())
    portfolio_path = OutboxChannel(output / "outbox").write(
        outgoing(f"{week}/{PORTFOLIO_KEY}", portfolio.html, portfolio.text, portfolio.message)
    )
    app_state.err.print(f"  portfolio digest for leadership: {portfolio_path}")
    app_state.err.print(f"digests for {week} are in {(output / 'outbox' / week).resolve()}")


def _fixed(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def _server(anchor: datetime) -> DemoServer:
    try:
        return DemoServer(corpus_dir(), anchor, DEMO_PORT)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise RadarError(f"cannot serve the demo corpus: {err}") from err
        return DemoServer(corpus_dir(), anchor, 0)


def _demo_config(config: LoadedConfig, base_url: str) -> LoadedConfig:
    """The config's sources pointed at the running server, without politeness delays on loopback."""
    sources = tuple(replace(s, url=s.url.replace(DEMO_BASE, base_url)) for s in config.sources)
    settings = config.model.settings.model_copy(
        update={"politeness": Politeness(concurrency=4, delay=timedelta(0))}
    )
    model = config.model.model_copy(update={"settings": settings})
    return replace(config, model=model, sources=sources)
