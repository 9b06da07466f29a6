"""Jinja2 templates of the pages; crawled text is escaped everywhere (autoescape)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.numbers import format_currency, format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from digest.week import parse_week
from radar.errors import ConfigError
from radar.web.security import context, csrf_token, session_user

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(moment: datetime | date | None) -> str:
    if moment is None:
        return "never"
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.isoformat()


def _week_dates(week: str) -> str:
    """'2026-W49' -> 'Mon 30 Nov to Sun 6 Dec 2026': the days an ISO week covers."""
    year, number = parse_week(week)
    monday = date.fromisocalendar(year, number, 1)
    sunday = monday + timedelta(days=6)
    return f"Mon {monday.day} {monday:%b} to Sun {sunday.day} {sunday:%b %Y}"


def _money(amount: float | None, currency: str | None = None) -> str:
    """A yearly value in whole units of its currency: '£2,400,000' (CLDR, English)."""
    if amount is None:
        return ""
    if currency is None:
        return str(format_decimal(amount, "#,##0", locale="en"))
    return str(format_currency(amount, currency, "¤#,##0", locale="en", currency_digits=False))


def _link(url: str) -> str:
    """A crawled URL as a link target: web addresses only, never `javascript:` and the like."""
    return url if urlsplit(url).scheme in ("http", "https") else "#"


@pass_context
def _named(ctx: Context, ids: list[str]) -> str:
    """Company ids as their names, comma-separated."""
    names = ctx.get("names") or {}
    return ", ".join(names.get(i, i) for i in ids)


_env.filters["when"] = _when
_env.filters["named"] = _named
_env.filters["money"] = _money
_env.filters["week_dates"] = _week_dates
_env.filters["link"] = _link
templates = Jinja2Templates(env=_env)


def render(
    request: Request, template: str, values: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    user = session_user(request)
    try:
        config = context(request).config()
        names, source_names = config.company_names(), config.source_names()
        currencies = config.currencies()
    except ConfigError:  # no good config yet: ids stand for names
        names, source_names, currencies = {}, {}, {}
    shared = {"user": user, "csrf": csrf_token(request), "names": names}
    return templates.TemplateResponse(
        request,
        template,
        {**shared, "source_names": source_names, "currencies": currencies, **values},
        status_code=status_code,
    )
