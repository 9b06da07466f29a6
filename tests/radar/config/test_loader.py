from __future__ import annotations

from pathlib import Path

import pytest

from radar.config.loader import load_config
from radar.errors import ConfigError
from tests.conftest import SHIPPED_CONFIG


@pytest.fixture
def config_file(tmp_path):
    """Write YAML text to a config file of the test's own: its path."""

    def write(text: str, name: str = "bad.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def problems(path: Path) -> list[str]:
    """What loading the config refused, as it reports it."""
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


def test_the_shipped_example_config_is_valid():
    loaded = load_config(SHIPPED_CONFIG)

    assert {s.kind for s in loaded.sources} == {"feed", "site", "sitemap", "page"}
    assert loaded.model.accounts and loaded.model.competitors


def test_every_problem_is_reported_with_file_line_and_field(config_file):
    path = config_file(
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
        "    every: 5s\n"
    )

    assert problems(path) == [
        f"{path}:2: settings.request_timeout: 'soon' is not a duration; write a number and a unit: 30s, 5m, 6h, 1d",
        f"{path}:7: accounts[0].competitors[0]: no competitor has the id 'nobody'",
        f"{path}:8: accounts[0].colour: unknown key; check its spelling or remove it",
        f"{path}:15: sources[0].every: must be between 1m and 30d",
    ]


def test_a_missing_field_points_at_its_entry(config_file):
    path = config_file("accounts:\n  - id: acme\n    name: Acme\n")

    assert problems(path) == [f"{path}:2: accounts[0].owner: Field required"]


def test_broken_yaml_names_its_line(config_file):
    path = config_file("accounts:\n  - id: [unclosed\n")

    assert problems(path)[0].startswith(f"{path}:3: not valid YAML")


def test_a_preset_expands_to_its_url_and_kind(config_file):
    path = config_file(
        "competitors:\n  - id: starlink\n    name: Starlink\n"
        "sources:\n  - id: gn\n    preset: google-news\n    query: Starlink airline\n    about: starlink\n",
        "ok.yaml",
    )

    (source,) = load_config(path).sources

    assert source.kind == "feed"
    assert source.url.startswith("https://news.google.com/rss/search?q=Starlink+airline")


def test_validate_reports_errors_on_stderr_and_exits_1(config_file, run_cli):
    path = config_file("accounts:\n  - id: Bad Id\n    name: X\n    owner: x@example.com\n")

    result = run_cli("--config", path, "validate")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2: accounts[0].id: String should match pattern")


def test_validate_on_a_good_config_says_what_it_holds(run_cli):
    result = run_cli("--config", SHIPPED_CONFIG, "validate")

    assert result.exit_code == 0, result.stderr
    assert "valid: 3 accounts, 3 competitors, 7 sources" in result.stdout


def test_a_crawl_with_an_invalid_config_changes_nothing(config_file, run_cli, data_dir_path):
    path = config_file("settings:\n  timezone: Mars/Base\n")

    result = run_cli("--config", path, "crawl")

    assert result.exit_code == 1
    assert "timezone" in result.stderr
    assert not data_dir_path.exists()


def test_an_unknown_command_option_is_a_usage_error(run_cli):
    assert run_cli("crawl", "--no-such-option").exit_code == 2


def test_a_notification_url_no_channel_understands_and_a_missing_template_folder_are_reported(
    config_file, tmp_path
):
    path = config_file(
        "settings:\n"
        "  templates: my-templates\n"
        "alerts:\n"
        "  notify:\n"
        "    - slack://T000/B000/XXXX\n"
        "    - not-a-channel\n"
    )

    assert problems(path) == [
        f"{path}:2: settings.templates: {tmp_path / 'my-templates'} is not a folder",
        f"{path}:6: alerts.notify[1]: not a notification URL apprise knows "
        "(e.g. slack://, msteams://, discord://)",
    ]


def test_validate_refuses_a_mail_server_and_notify_urls_written_as_private_addresses(
    config_file, run_cli
):
    text = (
        "settings:\n"
        "  smtp:\n"
        "    host: 127.0.0.1\n"
        '    sender: "Rival Radar <radar@example.com>"\n'
        "alerts:\n"
        "  notify:\n"
        "    - json://169.254.169.254/latest/meta-data\n"
        "    - slack://T000/B000/XXXX\n"
        "    - form://0x7f000001:8080/hook\n"
        "    - mailto://radar:secret@example.com?smtp=10.0.0.5\n"
        "    - json://hooks.example.com/alerts\n"
    )
    path = config_file(text)
    opt_in = text.replace("settings:\n", "settings:\n  allow_private_networks: true\n")
    allowed = config_file(opt_in, "allowed.yaml")

    result = run_cli("--config", path, "validate")

    unless = "private networks are not reached unless settings.allow_private_networks is true"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:3: settings.smtp.host: refused: 127.0.0.1 is a loopback address; {unless}",
        f"{path}:7: alerts.notify[0]: refused: 169.254.169.254 is a private address; {unless}",
        f"{path}:9: alerts.notify[2]: refused: 0x7f000001 (127.0.0.1) is a loopback address; "
        + unless,
        f"{path}:10: alerts.notify[3]: refused: 10.0.0.5 is a private address; {unless}",
    ]
    assert "secret" not in result.stderr
    assert run_cli("--config", allowed, "validate").exit_code == 0


def test_a_currency_comes_from_the_account_then_the_settings_then_the_time_zone(config_file):
    accounts = (
        "accounts:\n"
        "  - {id: a, name: A, owner: a@example.com, value: 10, currency: chf}\n"
        "  - {id: b, name: B, owner: b@example.com, value: 10}\n"
    )
    named = load_config(config_file("settings: {currency: EUR}\n" + accounts, "named.yaml"))
    zoned = load_config(
        config_file("settings: {timezone: America/New_York}\n" + accounts, "z.yaml")
    )
    utc = load_config(config_file("settings: {timezone: UTC}\n" + accounts, "utc.yaml"))

    assert named.currencies() == {"a": "CHF", "b": "EUR"}
    assert zoned.currencies() == {"a": "CHF", "b": "USD"}
    assert utc.currencies()["b"] == "USD"
    assert load_config(SHIPPED_CONFIG).currencies()["meridian-airways"] == "GBP"


def test_an_unknown_currency_is_named_with_its_line(config_file):
    path = config_file("settings:\n  currency: EURO\n")

    assert problems(path) == [
        f"{path}:2: settings.currency: 'EURO' is not a currency code; "
        "use an ISO 4217 code like EUR or USD"
    ]
