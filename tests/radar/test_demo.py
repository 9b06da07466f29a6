from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]


def test_demo_builds_each_accounts_digest_with_its_items_grouped_by_category(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.chdir(REPO)
    output = tmp_path / "demo"

    result = run_cli("demo", "--output", output)

    assert result.exit_code == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert {p.stem for p in paths} == {"meridian-airways", "coastline-cruises", "pinewood-rail"}
    html = next(p for p in paths if p.stem == "meridian-airways").read_text(encoding="utf-8")
    assert "OrbitNet to power in-flight Wi-Fi for Meridian Airways" in html
    assert "Pricing moves" in html and "$49" in html and "$59" in html
    for suffix in (".txt", ".eml"):
        assert paths[0].with_suffix(suffix).exists()


def test_demo_never_fetches_what_robots_txt_forbids_and_links_the_answer_keys_strongest_threat(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.chdir(REPO)
    key = YAML(typ="safe").load(
        (REPO / "radar" / "demo" / "expected.yaml").read_text(encoding="utf-8")
    )

    result = run_cli("demo", "--output", tmp_path / "demo")

    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "demo" / "outbox").glob("*/meridian-airways.txt")
    body = next(text).read_text(encoding="utf-8")
    assert "EMBARGOED" not in body
    stakeholder_items = [
        i
        for i in key["items"]
        if "stakeholder move" in (i.get("links") or {}).get("meridian-airways", [])
    ]
    assert stakeholder_items and stakeholder_items[0]["title"] in body
