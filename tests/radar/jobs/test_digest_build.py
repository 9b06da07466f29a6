"""`digest build`: files per account and the portfolio, the operator's templates."""

from __future__ import annotations

import email
from email import policy

from tests.digest.stories import WEEK, add_story


def add_price_rise(store) -> None:
    """One story for WEEK, linked to Delta Air Lines only."""
    add_story(
        store,
        "https://starlink.example/plans",
        "Starlink raises prices",
        links={"delta-air-lines": 80},
    )


def test_build_writes_each_account_and_the_portfolio(store, write_config, run_cli, tmp_path):
    add_price_rise(store)
    outbox = tmp_path / "out"

    result = run_cli(
        "--config", write_config(), "digest", "build", "--week", WEEK, "--outbox", outbox
    )

    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (outbox / WEEK).iterdir())
    assert names == [
        "_portfolio.html",
        "_portfolio.txt",
        "delta-air-lines.eml",
        "delta-air-lines.html",
        "delta-air-lines.txt",
        "northwind-retail.eml",
        "northwind-retail.html",
        "northwind-retail.txt",
    ]
    message = email.message_from_bytes(
        (outbox / WEEK / "delta-air-lines.eml").read_bytes(), policy=policy.default
    )
    assert "Starlink raises prices" in message.get_body(("plain",)).get_content()


def test_a_portfolio_without_leadership_has_no_eml_and_the_command_says_why(
    store, write_config, run_cli, tmp_path
):
    add_price_rise(store)
    outbox = tmp_path / "out"
    build = ("digest", "build", "--week", WEEK, "--outbox", outbox)
    with_leaders = write_config(settings={"leadership": ["cro@example.com"]})

    sent = run_cli("--config", with_leaders, *build)
    message = email.message_from_bytes(
        (outbox / WEEK / "_portfolio.eml").read_bytes(), policy=policy.default
    )
    unsent = run_cli("--config", write_config(), *build)

    assert sent.exit_code == 0 and "leadership" not in sent.stderr
    assert message["To"] == "cro@example.com"
    assert unsent.exit_code == 0, unsent.stderr
    assert "no settings.leadership" in unsent.stderr
    assert (outbox / WEEK / "_portfolio.html").exists()
    assert not (outbox / WEEK / "_portfolio.eml").exists()


def test_building_a_week_twice_writes_the_same_bytes(store, write_config, run_cli, tmp_path):
    add_price_rise(store)
    config = write_config(settings={"leadership": ["cro@example.com"]})
    first, second = tmp_path / "first", tmp_path / "second"

    for outbox in (first, second):
        result = run_cli("--config", config, "digest", "build", "--week", WEEK, "--outbox", outbox)
        assert result.exit_code == 0, result.stderr

    files = sorted(p.name for p in (first / WEEK).iterdir())
    assert "delta-air-lines.eml" in files and "_portfolio.eml" in files
    for name in files:
        assert (first / WEEK / name).read_bytes() == (second / WEEK / name).read_bytes(), name


def test_operator_templates_replace_the_shipped_ones(store, write_config, run_cli, tmp_path):
    add_price_rise(store)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "next_step.txt.j2").write_text("Tell the pricing desk about {{ account_name }}.")
    config = write_config(settings={"templates": "templates", "quiet_week": "skip"})

    result = run_cli(
        "--config",
        config,
        "digest",
        "build",
        "--week",
        WEEK,
        "--outbox",
        tmp_path / "out",
        "--account",
        "delta-air-lines",
        "-a",
        "northwind-retail",
    )

    text = (tmp_path / "out" / WEEK / "delta-air-lines.txt").read_text()
    assert "Next step: Tell the pricing desk about Delta Air Lines." in text
    assert not (tmp_path / "out" / WEEK / "northwind-retail.txt").exists()
    assert "northwind-retail: a quiet week" in result.stderr


def test_a_missing_template_folder_is_one_clear_line(store, write_config, run_cli, tmp_path):
    config = write_config(settings={"templates": "nowhere"})

    result = run_cli("--config", config, "digest", "build", "--week", WEEK)

    assert result.exit_code == 1
    assert "settings.templates" in result.stderr and "nowhere" in result.stderr
