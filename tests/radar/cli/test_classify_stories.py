from __future__ import annotations

import json

from tests.extractors.story_items import PAIRS


def pair(name):
    return next(p for p in PAIRS if p["name"].startswith(name))


def test_classify_gives_items_that_report_one_event_the_same_story(tmp_path, write_config, run_cli):
    rise, retail, cuts = (
        pair("standard plan price rise"),
        pair("retail connectivity"),
        pair("two regional price cuts"),
    )
    items = [
        {"id": "rise-release", **rise["a"]},
        {"id": "cut-europe", **cuts["a"]},
        {"id": "retail-1", **retail["a"]},
        {"id": "rise-news", **rise["b"]},
        {"id": "cut-australia", **cuts["b"]},
        {"id": "retail-2", **retail["b"]},
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    config = write_config()

    result = run_cli("--config", config, "classify", "--input", source, "--output", "-")

    assert result.exit_code == 0, result.stderr
    story = {line["id"]: line["story"] for line in map(json.loads, result.stdout.splitlines())}
    assert story["rise-release"] == story["rise-news"]
    assert story["retail-1"] == story["retail-2"]
    assert story["cut-europe"] != story["cut-australia"]
    assert len(set(story.values())) == 4
