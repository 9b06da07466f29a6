from __future__ import annotations

from pathlib import Path

import pytest

from radar.config.loader import load_config
from radar.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_example_config_is_valid():
    loaded = load_config(REPO / "radar" / "demo" / "sources.yaml")

    assert {s.kind for s in loaded.sources} == {"feed", "site", "sitemap", "page"}
    assert loaded.model.accounts and loaded.model.competitors


def test_every_problem_is_reported_with_file_line_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "settings:\n"
        "  request_timeout: soon\n"
        "accounts:\n"
        "  - id: acme\n"
        "    name: Acme\n"
        "    owner: jane@example.com\n"
        "    competitors: [nobody]\n"
        "    colour: red\n"
        "competitors: []\n"
        "sources:\n"
        "  - id: s1\n"
        "    url: https://example.com/feed.xml\n"
        "    kind: feed\n"
        "    about: acme\n"
        "    every: 5s\n",
        encoding="utf-8",
    )

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert caught.value.problems == [
        f"{path}:2: settings.request_timeout: 'soon' is not a duration; write a number and a unit: 30s, 5m, 6h, 1d",
        f"{path}:7: accounts[0].competitors[0]: no competitor has the id 'nobody'",
        f"{path}:8: accounts[0].colour: unknown key; check its spelling or remove it",
        f"{path}:15: sources[0].every: must be between 1m and 30d",
    ]


def test_a_missing_field_points_at_its_entry(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("accounts:\n  - id: acme\n    name: Acme\n", encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert caught.value.problems == [f"{path}:2: accounts[0].owner: Field required"]


def test_broken_yaml_names_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("accounts:\n  - id: [unclosed\n", encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert caught.value.problems[0].startswith(f"{path}:3: not valid YAML")


def test_a_preset_expands_to_its_url_and_kind(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(
        "competitors:\n  - id: starlink\n    name: Starlink\n"
        "sources:\n  - id: gn\n    preset: google-news\n    query: Starlink airline\n    about: starlink\n",
        encoding="utf-8",
    )

    (source,) = load_config(path).sources

    assert source.kind == "feed"
    assert source.url.startswith("https://news.google.com/rss/search?q=Starlink+airline")


def test_validate_reports_errors_on_stderr_and_exits_1(tmp_path, run_cli):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "accounts:\n  - id: Bad Id\n    name: X\n    owner: x@example.com\n", encoding="utf-8"
    )

    result = run_cli("--config", path, "validate")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2: accounts[0].id: String should match pattern")


def test_validate_on_a_good_config_says_what_it_holds(run_cli):
    result = run_cli("--config", REPO / "radar" / "demo" / "sources.yaml", "validate")

    assert result.exit_code == 0, result.stderr
    assert "valid: 3 accounts, 3 competitors, 7 sources" in result.stdout


def test_a_crawl_with_an_invalid_config_changes_nothing(tmp_path, run_cli, data_dir_path):
    path = tmp_path / "bad.yaml"
    path.write_text("settings:\n  timezone: Mars/Base\n", encoding="utf-8")

    result = run_cli("--config", path, "crawl")

    assert result.exit_code == 1
    assert "timezone" in result.stderr
    assert not data_dir_path.exists()


def test_an_unknown_command_option_is_a_usage_error(run_cli):
    assert run_cli("crawl", "--no-such-option").exit_code == 2


def test_a_notification_url_no_channel_understands_and_a_missing_template_folder_are_reported(
    tmp_path,
):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "settings:\n"
        "  templates: my-templates\n"
        "alerts:\n"
        "  notify:\n"
        "    - slack://T000/B000/XXXX\n"
        "    - not-a-channel\n",
        encoding="utf-8",
    )

    with pytest.raises(ConfigError) as caught:
        load_config(path)

    assert caught.value.problems == [
        f"{path}:2: settings.templates: {tmp_path / 'my-templates'} is not a folder",
        f"{path}:6: alerts.notify[1]: not a notification URL apprise knows "
        "(e.g. slack://, msteams://, discord://)",
    ]
