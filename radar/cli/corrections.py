"""`corrections list` and `corrections export`: what analysts corrected, to read and to share back."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from radar.cli.state import command_group, state

if TYPE_CHECKING:
    from radar.store.correction_export import CorrectedItem

corrections_app = command_group("Analysts' corrections of stories, links and labels.")


class Labels(StrEnum):
    all = "all"
    category = "category"
    companies = "companies"


def register(app: typer.Typer) -> None:
    app.add_typer(corrections_app, name="corrections")


@corrections_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List every correction, oldest first, one per line, tab-separated: when, who, story, kind,
    value, account, document ('-' for none)."""
    from radar.store.corrections import list_corrections

    app_state = state(ctx)
    for c in list_corrections(app_state.store()):
        fields = [
            c.created_at.isoformat(timespec="seconds"),
            c.user_email,
            c.story_id,
            c.kind,
            c.value or "-",
            c.account_id or "-",
            c.document_url or "-",
        ]
        typer.echo("\t".join(fields))


@corrections_app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="JSONL out; '-' (the default) for stdout.")
    ] = Path("-"),
    labels: Annotated[
        Labels,
        typer.Option(
            "--labels",
            help="all: classify's shape with title and text; category: id, title, text, category "
            "(a set `classifier evaluate --data` scores categories on); companies: id, title, "
            "text, companies (a linking set).",
        ),
    ] = Labels.all,
) -> None:
    """Write the corrected items as JSONL, with their corrected category and companies."""
    from radar.cli.classify import write_lines
    from radar.store.correction_export import corrected_items

    app_state = state(ctx)
    items = corrected_items(app_state.store())
    write_lines(output, [json.dumps(_line(i, labels), ensure_ascii=False) for i in items])
    app_state.err.print(f"exported {len(items)} corrected item(s)")


def _line(item: CorrectedItem, labels: Labels) -> dict[str, Any]:
    line: dict[str, Any] = {"id": item.url, "title": item.title, "text": item.text}
    if labels is not Labels.companies:
        line["category"] = item.category
    if labels is Labels.all:
        line["scores"] = item.scores
    if labels is not Labels.category:
        line["companies"] = item.companies
    if labels is Labels.all:
        line["accounts"] = item.accounts
        line["story"] = item.story_id
    return line
