"""`rivalradar feed ACCOUNT`: Atom that feedparser reads cleanly, JSON Feed, stable ids."""

from __future__ import annotations

import json

import feedparser
import pytest

from tests.atom_rfc import problems
from tests.digest.stories import add_story


def fill(store):
    add_story(
        store,
        "https://starlink.example/plans",
        "Starlink raises <Standard> & Pro prices",
        summary="The Standard plan now costs $120. It was $110.",
        links={"delta-air-lines": 85},
        rules=("watched competitor",),
    )
    add_story(
        store,
        "https://starlink.example/air",
        "Starlink adds an airline plan",
        category="launch",
        links={"delta-air-lines": 60, "northwind-retail": 40},
    )


SELF = "https://radar.example.com/feeds/delta-air-lines.atom"


@pytest.fixture
def run_feed(write_config, run_cli):
    """Run `rivalradar feed ARGS` with the test config."""
    config = write_config()
    return lambda *args: run_cli("--config", config, "feed", *args)


def test_the_atom_feed_is_valid_and_its_ids_are_stable_across_runs(store, run_feed):
    fill(store)

    first = run_feed("delta-air-lines", "--self-url", SELF)
    second = run_feed("delta-air-lines", "--format", "atom", "--self-url", SELF)

    assert first.exit_code == 0, first.stderr
    assert problems(first.stdout.encode()) == []
    parsed = feedparser.parse(first.stdout.encode())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [
        "Starlink raises <Standard> & Pro prices",
        "Starlink adds an airline plan",
    ]
    top = parsed.entries[0]
    assert top.tags[0].term == "pricing"
    assert top.link == "https://starlink.example/plans"
    assert "Threat 85" in top.summary
    assert first.stdout == second.stdout


def test_the_json_feed_carries_score_reasons_and_every_source_of_a_story(store, run_feed):
    fill(store)
    add_story(
        store,
        "https://wire.example/starlink-plans",
        "Starlink lifts prices (wire copy)",
        summary="Starlink's Standard plan goes to $120 a month, up from $110.",
        links={"delta-air-lines": 70},
        source_id="wire",
        about="news",
    )

    result = run_feed("delta-air-lines", "--format", "json")

    feed = json.loads(result.stdout)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    top = feed["items"][0]
    assert top["_rivalradar"]["score"] == 85
    assert top["_rivalradar"]["reasons"] == ["it concerns delta-air-lines"]
    # The wire's rewrite of the price rise is the same story: one entry, both sources.
    assert top["_rivalradar"]["sources"] == [
        {"source": "starlink-news", "url": "https://starlink.example/plans"},
        {"source": "wire", "url": "https://wire.example/starlink-plans"},
    ]
    assert len({i["id"] for i in feed["items"]}) == 2


def test_an_unknown_account_is_one_clear_line(store, run_feed):
    result = run_feed("nobody")

    assert result.exit_code == 1
    assert "unknown account 'nobody'" in result.stderr


def test_an_account_with_no_story_gets_a_valid_empty_feed_updated_now(store, run_feed):
    from datetime import UTC, datetime, timedelta

    result = run_feed("northwind-retail", "--self-url", SELF)

    parsed = feedparser.parse(result.stdout.encode())
    assert not parsed.bozo and parsed.entries == []
    assert problems(result.stdout.encode()) == []
    updated = datetime.fromisoformat(parsed.feed.updated)
    assert datetime.now(UTC) - updated < timedelta(days=1)  # not a made-up date in 2000
    assert parsed.feed.links[0] == {"href": SELF, "rel": "self", "type": "application/atom+xml"}


def test_the_rfc_checks_catch_the_faults_feeds_had():
    bad = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:rivalradar,2026:account/x</id>'
        b"<title>t</title><updated>2000-01-01T00:00:00Z</updated><author><name>r</name></author>"
        b"<entry><title>e</title><updated>2026-11-18t12:00:00z</updated></entry></feed>"
    )

    found = problems(bad)

    assert any('rel="self"' in p for p in found)
    assert any("tag URI" in p for p in found)
    assert any("entry 0: 4.1: the entry has 0 atom:id" in p for p in found)
    assert any("RFC 3339" in p for p in found)
    assert any("alternate link" in p for p in found)
