"""Render a digest as HTML (autoescaped, CSS inlined for mail clients) and as plain text."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import css_inline
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from digest.select import Digest


def environment(names: Mapping[str, str], template_dir: Path | None = None) -> Environment:
    """Templates from `template_dir` first (an operator's edits), then the shipped ones."""
    loaders = [FileSystemLoader(str(template_dir))] if template_dir else []
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("digest", "templates")]),
        autoescape=lambda name: name is not None and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["localdate"] = _localdate
    env.filters["company_name"] = lambda company_id: names.get(company_id, company_id)
    return env


def render_html(env: Environment, digest: Digest) -> str:
    html = env.get_template("digest.html.j2").render(digest=digest)
    return str(css_inline.inline(html))


def render_text(env: Environment, digest: Digest) -> str:
    return env.get_template("digest.txt.j2").render(digest=digest)


def _localdate(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%a %d %b %Y")
