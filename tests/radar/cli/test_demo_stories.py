from __future__ import annotations

from collections import defaultdict

from ruamel.yaml import YAML

from tests.conftest import REPO

KEY = YAML(typ="safe").load((REPO / "radar" / "demo" / "expected.yaml").read_text(encoding="utf-8"))


def test_demo_digest_shows_each_story_once_with_all_its_sources_and_the_price_change(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # any directory: the demo brings its own config

    result = run_cli("demo", "--output", tmp_path / "demo")

    assert result.exit_code == 0, result.stderr
    body = next((tmp_path / "demo" / "outbox").glob("*/meridian-airways.txt")).read_text("utf-8")
    stories = defaultdict(list)
    for item in KEY["items"]:
        if item.get("story") and "meridian-airways" in item["links"]:
            stories[item["story"]].append(item)
    assert stories, "the answer key names no story for the account"
    for items in stories.values():
        headlines = [i["title"] for i in items if f"] {i['title']}\n" in body]
        assert len(headlines) == 1, headlines
        for item in items:
            assert KEY["base_url"] not in item["path"] and item["path"] in body
    (page_change,) = [i for i in KEY["items"] if i.get("change")]
    for line in page_change["change"]["meaningful"]:
        assert line in body
