"""`alerts`: the alerts sent between digests and the time to detect a threat; the crawl's hook."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from radar.cli.state import AppState, state
from radar.errors import RadarError


def register(app: typer.Typer) -> None:
    app.command("alerts")(alerts)


def alert_after_crawl(app_state: AppState) -> None:
    """Send the alerts a crawl's new links call for; a delivery fault never fails the crawl."""
    from radar.jobs.alerts import send_alerts
    from radar.jobs.digests import SmtpCredentials

    try:
        outcomes = send_alerts(
            app_state.config(),
            app_state.store(),
            SmtpCredentials(*app_state.smtp_credentials()),
            datetime.now(UTC),
        )
    except RadarError as err:
        app_state.err.print(f"alerts not sent: {err}")
        return
    for o in outcomes:
        where = ", ".join(o.delivered) or "no channel configured"
        problem = f"; failed: {o.error}" if o.error else ""
        app_state.err.print(f"  alert {o.account_id} ({o.score}): {where}{problem}", markup=False)


def alerts(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", min=1, help="Alerts of the last N days.")] = 30,
) -> None:
    """The alerts of the last days, and the time from each story's publication to its alert."""
    from rich.table import Table
    from sqlalchemy import select

    from radar.jobs.alerts import time_to_detect
    from radar.store import models

    app_state = state(ctx)
    since = datetime.now(UTC) - timedelta(days=days)
    with app_state.store().session() as session:
        rows = list(
            session.scalars(
                select(models.Alert)
                .where(models.Alert.alerted_at >= since)
                .order_by(models.Alert.alerted_at.desc())
            )
        )
    table = Table("alerted", "account", "story", "threat", "status", "time to detect", box=None)
    for r in rows:
        latency = _hours(r.latency_s) if r.latency_s is not None else "unknown"
        table.add_row(
            r.alerted_at.strftime("%Y-%m-%d %H:%M"),
            r.account_id,
            r.story_id,
            str(r.score),
            r.status,
            latency,
        )
    app_state.out.print(table)
    latencies = time_to_detect(rows)
    if latencies:
        p90 = statistics.quantiles(latencies, n=10)[-1] if len(latencies) > 1 else latencies[0]
        typer.echo(
            f"time to detect over {len(latencies)} alert(s): median {_hours(statistics.median(latencies))}, "
            f"90th percentile {_hours(p90)}"
        )
    else:
        typer.echo(f"no alert with a known publication date in the last {days} day(s)")


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h"
