"""Corrections and the crawl: they survive a re-crawl; `corrections list | export` show and share them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from radar.store import models
from radar.store.corrections import Known, NewCorrection, record_correction
from tests.conftest import ACCOUNTS, COMPETITORS, site
from tests.crawler.newsroom import serve_newsroom

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
ACCOUNT_IDS = {a["id"] for a in ACCOUNTS}
KNOWN = Known(ACCOUNT_IDS, ACCOUNT_IDS | {c["id"] for c in COMPETITORS})


def crawl_newsroom(httpserver, write_config, run_cli):
    url = serve_newsroom(httpserver, ["Starlink adds an airline plan"])
    config = write_config(sources=[site("newsroom", url, depth=1)])
    assert run_cli("--config", config, "crawl").exit_code == 0
    return config


def only_story(store) -> tuple[str, str]:
    with store.session() as session:
        (row,) = session.execute(select(models.Document.story_id, models.Document.url)).all()
    return row.story_id, row.url


def correct(store, story_id: str, kind: str, **fields) -> None:
    new = NewCorrection(story_id, kind, **fields)
    record_correction(store, "ana@example.com", new, KNOWN, NOW)


def test_corrections_survive_a_recrawl_of_the_same_source(httpserver, write_config, run_cli, store):
    config = crawl_newsroom(httpserver, write_config, run_cli)
    story_id, _ = only_story(store)
    with store.session() as session:
        linked = set(session.scalars(select(models.AccountLink.account_id)))
    assert "delta-air-lines" in linked
    correct(store, story_id, "not_threat", account_id="delta-air-lines")
    correct(store, story_id, "category", value="other")

    again = run_cli("--config", config, "crawl", "--source", "newsroom")

    assert again.exit_code == 0, again.stderr
    with store.session() as session:
        assert session.scalars(select(models.Item.category)).all() == ["other"]
        accounts = set(session.scalars(select(models.AccountLink.account_id)))
    assert accounts == linked - {"delta-air-lines"}
    assert store.count(models.Document) == 1


def test_corrections_list_shows_who_corrected_what(httpserver, write_config, run_cli, store):
    config = crawl_newsroom(httpserver, write_config, run_cli)
    story_id, _ = only_story(store)
    correct(store, story_id, "not_threat", account_id="delta-air-lines")

    listed = run_cli("--config", config, "corrections", "list")

    assert listed.exit_code == 0, listed.stderr
    (line,) = listed.stdout.splitlines()
    assert line.split("\t")[1:] == [
        "ana@example.com",
        story_id,
        "not_threat",
        "-",
        "delta-air-lines",
        "-",
    ]


def test_export_writes_corrected_items_that_classifier_evaluate_reads(
    httpserver, write_config, run_cli, store, tmp_path
):
    config = crawl_newsroom(httpserver, write_config, run_cli)
    story_id, url = only_story(store)
    correct(store, story_id, "category", value="pricing")
    correct(store, story_id, "company", value="+amazon-leo", document_url=url)
    shared, labels = tmp_path / "shared.jsonl", tmp_path / "labels.jsonl"

    exported = run_cli("--config", config, "corrections", "export", "--output", shared)
    categories = run_cli(
        "--config", config, "corrections", "export", "--labels", "category", "-o", labels
    )
    evaluated = run_cli("--config", config, "classifier", "evaluate", "--data", labels)

    assert exported.exit_code == 0 and categories.exit_code == 0, exported.stderr
    (line,) = [json.loads(row) for row in shared.read_text("utf-8").splitlines()]
    assert line["id"] == url and line["category"] == "pricing" and line["story"] == story_id
    assert "amazon-leo" in line["companies"] and line["title"] == "Starlink adds an airline plan"
    assert set(line) == {
        "id", "title", "text", "category", "scores", "companies", "accounts", "story"
    }  # fmt: skip
    (label,) = [json.loads(row) for row in labels.read_text("utf-8").splitlines()]
    assert set(label) == {"id", "title", "text", "category"} and label["category"] == "pricing"
    assert evaluated.exit_code == 0, evaluated.stderr
    assert "pricing" in evaluated.stdout
