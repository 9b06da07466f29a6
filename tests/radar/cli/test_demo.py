from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import REPO


def test_demo_builds_each_accounts_digest_with_its_items_grouped_by_category(
    tmp_path, run_cli, monkeypatch
):
    # Not the demo's config, here or in the environment: the demo uses its own all the same.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "sources.yaml").write_text("accounts: nobody\n", encoding="utf-8")
    monkeypatch.setenv("RIVALRADAR_CONFIG", str(tmp_path / "config" / "sources.yaml"))

    result = run_cli("demo", "--output", "demo")

    assert result.exit_code == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert all(p.is_absolute() and p.is_file() for p in paths), result.stdout
    assert all(p.is_relative_to(tmp_path.resolve() / "demo" / "outbox") for p in paths)
    stems = [p.stem for p in paths]
    assert stems[-1] == "_portfolio"  # the portfolio digest, for leadership, comes last
    assert set(stems[:-1]) == {"meridian-airways", "coastline-cruises", "pinewood-rail"}
    html = next(p for p in paths if p.stem == "meridian-airways").read_text(encoding="utf-8")
    assert "OrbitNet to power in-flight Wi-Fi for Meridian Airways" in html
    assert "Pricing moves" in html and "$49" in html and "$59" in html
    for suffix in (".txt", ".eml"):
        assert paths[0].with_suffix(suffix).exists()


def test_demo_never_fetches_what_robots_txt_forbids_and_links_the_answer_keys_strongest_threat(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.chdir(tmp_path)
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


def test_demo_uses_the_config_given_with_config_and_stops_on_its_errors_writing_nothing(
    tmp_path, run_cli
):
    config = tmp_path / "mine.yaml"
    config.write_text("settings:\n  timezone: Mars/Base\n", encoding="utf-8")

    result = run_cli("--config", config, "demo", "--output", tmp_path / "demo")

    assert result.exit_code == 1
    assert f"{config}:2: settings.timezone" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "demo").exists()


def test_demo_refuses_an_output_folder_holding_files_it_did_not_write_and_deletes_nothing(
    tmp_path, run_cli
):
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")

    result = run_cli("demo", "--output", tmp_path)

    assert result.exit_code == 1
    assert "'notes.txt', which the demo did not write" in result.stderr
    assert keep.read_text(encoding="utf-8") == "mine"
