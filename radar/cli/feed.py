"""`feed ACCOUNT`: the account's threat feed on stdout, as Atom or JSON Feed."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from radar.cli.state import state

if TYPE_CHECKING:
    from digest.select import DigestEntry
    from radar.config.loader import LoadedConfig
    from radar.store.store import Store


class FeedFormat(StrEnum):
    atom = "atom"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("feed")(feed)


def feed(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="The account's id in the config.")],
    format: Annotated[
        FeedFormat, typer.Option("--format", "-f", help="Atom 1.0 or JSON Feed 1.1.")
    ] = FeedFormat.atom,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1000, help="The newest stories to include.")
    ] = 50,
    self_url: Annotated[
        str | None,
        typer.Option(
            "--self-url",
            metavar="URL",
            help='Where the Atom feed is published: written as its rel="self" link.',
        ),
    ] = None,
) -> None:
    """The account's threat feed: its newest stories with category, threat score, reasons, sources."""
    from digest.feed import atom_feed, json_feed
    from radar.jobs.digests import pick_accounts, template_environment

    app_state = state(ctx)
    config = app_state.config()
    (chosen,) = pick_accounts(config, [account])
    entries = feed_entries(config, app_state.store(), chosen.id, limit)
    if format is FeedFormat.json:
        typer.echo(json_feed(chosen.id, chosen.name, entries), nl=False)
        return
    sys.stdout.buffer.write(
        atom_feed(
            template_environment(config),
            chosen.id,
            chosen.name,
            entries,
            datetime.now(UTC),
            self_url,
        )
    )
    sys.stdout.flush()


def feed_entries(
    config: LoadedConfig, store: Store, account_id: str, limit: int
) -> list[DigestEntry]:
    """The account's newest stories, newest first, as feed entries."""
    from digest.select import DigestEntry
    from digest.summary import first_sentence
    from radar.store.queries import recent_account_stories, story_rules

    competitors = {c.id: c.name for c in config.model.competitors}
    with store.session() as session:
        stories = recent_account_stories(session, account_id, limit)
        rules = story_rules(session, account_id, [s.story_id for s in stories])
    return [
        DigestEntry(
            replace(s, rules=rules.get(s.story_id, ())),
            first_sentence(s.summary),
            tuple(competitors[c] for c in s.companies if c in competitors),
        )
        for s in stories
    ]
