"""Render a digest as HTML (autoescaped, CSS inlined for mail clients) and as plain text."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import css_inline
from babel.numbers import format_compact_currency, format_compact_decimal
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from digest.portfolio import Portfolio
from digest.select import Digest, DigestEntry

# Threat levels as the templates colour them.
HIGH, MEDIUM = 70, 40


def environment(
    names: Mapping[str, str],
    template_dir: Path | None = None,
    source_names: Mapping[str, str] | None = None,
) -> Environment:
    """Templates from `template_dir` first (an operator's edits), then the shipped ones.

    `names` maps company ids to names and `source_names` source ids to the names readers see
    (a source without one is shown by its id).

    Sandboxed: a template reaches the values it is given, never Python's internals, so the
    folder an analyst names in the config cannot run code.
    """
    loaders = [FileSystemLoader(str(template_dir))] if template_dir else []
    env = SandboxedEnvironment(
        loader=ChoiceLoader([*loaders, PackageLoader("digest", "templates")]),
        autoescape=lambda name: name is not None and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["localdate"] = _localdate
    env.filters["company_name"] = lambda company_id: names.get(company_id, company_id)
    env.filters["host"] = _host
    shown = dict(source_names or {})
    env.filters["source_name"] = lambda source_id: shown.get(source_id, source_id)
    env.filters["level"] = level
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.filters["money"] = money
    env.filters["link"] = safe_link
    env.globals["next_step"] = lambda digest, entry: next_step(env, digest, entry)
    env.globals["bar"] = html_bar
    env.globals["text_bar"] = text_bar
    return env


def render_html(env: Environment, digest: Digest) -> str:
    html = env.get_template("digest.html.j2").render(digest=digest)
    return inline_css(html)


def render_text(env: Environment, digest: Digest) -> str:
    return env.get_template("digest.txt.j2").render(digest=digest)


def render_portfolio_html(env: Environment, portfolio: Portfolio) -> str:
    return inline_css(env.get_template("portfolio.html.j2").render(portfolio=portfolio))


def render_portfolio_text(env: Environment, portfolio: Portfolio) -> str:
    return env.get_template("portfolio.txt.j2").render(portfolio=portfolio)


def next_step(env: Environment, digest: Digest, entry: DigestEntry) -> str:
    """The suggested next step for one story, from the operator-editable next_step template."""
    text = env.get_template("next_step.txt.j2").render(
        story=entry.story,
        competitors=entry.competitors,
        account_name=digest.account_name,
        days_to_renewal=digest.days_to_renewal,
    )
    return " ".join(text.split())


def inline_css(html: str) -> str:
    """Style attributes instead of a style sheet: what mail clients keep."""
    return str(css_inline.inline(html))


def html_bar(value: float, most: float, colour: str) -> Markup:
    """A horizontal bar as two table cells: no image, no CSS that mail clients drop."""
    percent = max(1, min(100, round(100 * value / most))) if most > 0 and value > 0 else 0
    if not percent:
        return Markup("")
    rest = f'<td width="{100 - percent}%"></td>' if percent < 100 else ""
    return Markup(
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f'<tr><td width="{percent}%" height="12" bgcolor="{colour}" '
        f'style="background:{colour};height:12px;font-size:0;line-height:0;">&nbsp;</td>{rest}</tr></table>'
    )


def text_bar(value: float, most: float, width: int = 20) -> str:
    filled = max(1, round(width * value / most)) if most > 0 and value > 0 else 0
    return ("#" * filled).ljust(width)


def money(amount: float, currency: str | None = None) -> str:
    """The size of a sum, with its currency when known: 1234567 EUR -> '€1.2M' (CLDR, English)."""
    if currency is None:
        return str(format_compact_decimal(amount, locale="en", fraction_digits=1))
    return str(format_compact_currency(amount, currency, locale="en", fraction_digits=1))


def level(score: int) -> str:
    return "high" if score >= HIGH else ("medium" if score >= MEDIUM else "low")


def _localdate(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%a %d %b %Y")


def safe_link(url: str) -> str:
    """The URL when it is a web address; a crawled `javascript:` or `data:` link becomes inert."""
    return url if urlsplit(url).scheme in ("http", "https") else "#"


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
