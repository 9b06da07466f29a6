"""`users add`, `users token`, `users list`: web users in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radar.store.tokens import user_for_token
from radar.store.users import authenticate
from tests.radar.web.conftest import NOW


def test_users_add_prints_a_one_time_password_that_signs_in(write_config, run_cli, store):
    config = write_config()

    result = run_cli("--config", config, "users", "add", "Ana@Example.com", "--role", "analyst")

    assert result.exit_code == 0, result.stderr
    user = authenticate(store, "ana@example.com", result.stdout.strip(), NOW)
    assert user is not None and user.role == "analyst" and user.must_change_password


def test_a_user_is_added_once(write_config, run_cli):
    config = write_config()
    run_cli("--config", config, "users", "add", "ana@example.com", "--role", "manager")

    again = run_cli("--config", config, "users", "add", "ana@example.com", "--role", "analyst")

    assert again.exit_code == 1
    assert "a user ana@example.com exists already" in again.stderr


def test_an_unknown_role_is_a_usage_error(write_config, run_cli):
    result = run_cli(
        "--config", write_config(), "users", "add", "ana@example.com", "--role", "boss"
    )

    assert result.exit_code == 2


def test_users_token_prints_a_token_that_identifies_the_user(write_config, run_cli, store):
    config = write_config()
    run_cli("--config", config, "users", "add", "max@example.com", "--role", "manager")

    result = run_cli("--config", config, "users", "token", "max@example.com")

    assert result.exit_code == 0
    user = user_for_token(store, result.stdout.strip(), NOW)
    assert user is not None and user.email == "max@example.com"
    missing = run_cli("--config", config, "users", "token", "nobody@example.com")
    assert missing.exit_code == 1 and "no user nobody@example.com" in missing.stderr


def test_users_list_shows_roles_and_tokens(write_config, run_cli):
    config = write_config()
    run_cli("--config", config, "users", "add", "max@example.com", "--role", "manager")
    run_cli("--config", config, "users", "token", "max@example.com")

    listing = run_cli("--config", config, "users", "list").stdout

    assert "max@example.com" in listing and "manager" in listing
    assert "one-time" in listing


def add_with_token(run_cli, config, *token_args: str) -> tuple[str, str]:
    one_time = run_cli(
        "--config", config, "users", "add", "max@example.com", "--role", "manager"
    ).stdout.strip()
    token = run_cli("--config", config, "users", "token", "max@example.com", *token_args)
    assert token.exit_code == 0, token.stderr
    return one_time, token.stdout.strip()


def test_a_token_stops_working_when_it_expires(write_config, run_cli, store):
    _, token = add_with_token(run_cli, write_config(), "--expires", "1d")
    now = datetime.now(UTC)

    assert user_for_token(store, token, now + timedelta(hours=23)) is not None
    assert user_for_token(store, token, now + timedelta(days=1, minutes=1)) is None


def test_a_token_lasts_90_days_by_default(write_config, run_cli, store):
    _, token = add_with_token(run_cli, write_config())
    now = datetime.now(UTC)

    assert user_for_token(store, token, now + timedelta(days=89)) is not None
    assert user_for_token(store, token, now + timedelta(days=90, minutes=1)) is None


def test_a_token_lifetime_that_is_not_a_duration_is_a_usage_error(write_config, run_cli):
    config = write_config()
    run_cli("--config", config, "users", "add", "max@example.com", "--role", "manager")

    result = run_cli("--config", config, "users", "token", "max@example.com", "--expires", "soon")

    assert result.exit_code == 2 and "not a duration" in result.stderr


def test_users_revoke_ends_every_token_of_the_user(write_config, run_cli, store):
    config = write_config()
    _, token = add_with_token(run_cli, config)

    result = run_cli("--config", config, "users", "revoke", "max@example.com")

    assert result.exit_code == 0 and "revoked 1 token" in result.stderr
    assert user_for_token(store, token, NOW) is None


def test_a_disabled_user_cannot_sign_in_or_use_a_token_until_enabled(write_config, run_cli, store):
    config = write_config()
    one_time, token = add_with_token(run_cli, config)

    assert run_cli("--config", config, "users", "disable", "max@example.com").exit_code == 0

    assert authenticate(store, "max@example.com", one_time, NOW) is None
    assert user_for_token(store, token, NOW) is None
    assert "max@example.com (disabled)" in run_cli("--config", config, "users", "list").stdout
    assert run_cli("--config", config, "users", "enable", "max@example.com").exit_code == 0
    assert authenticate(store, "max@example.com", one_time, NOW) is not None
    assert user_for_token(store, token, NOW) is not None


def test_users_reset_prints_a_new_one_time_password_and_the_old_one_stops(
    write_config, run_cli, store
):
    config = write_config()
    old, _ = add_with_token(run_cli, config)

    result = run_cli("--config", config, "users", "reset", "max@example.com")

    assert result.exit_code == 0, result.stderr
    assert authenticate(store, "max@example.com", old, NOW) is None
    user = authenticate(store, "max@example.com", result.stdout.strip(), NOW)
    assert user is not None and user.must_change_password


def test_users_remove_removes_the_user_and_their_tokens(write_config, run_cli, store):
    config = write_config()
    one_time, token = add_with_token(run_cli, config)

    result = run_cli("--config", config, "users", "remove", "max@example.com")

    assert result.exit_code == 0 and "removed max@example.com" in result.stderr
    assert user_for_token(store, token, NOW) is None
    assert authenticate(store, "max@example.com", one_time, NOW) is None
    assert "max@example.com" not in run_cli("--config", config, "users", "list").stdout
    again = run_cli("--config", config, "users", "remove", "max@example.com")
    assert again.exit_code == 1 and "no user max@example.com" in again.stderr


def test_users_list_shows_when_each_user_was_last_used(write_config, run_cli, store):
    config = write_config()
    _, token = add_with_token(run_cli, config)
    run_cli("--config", config, "users", "add", "ana@example.com", "--role", "analyst")
    user_for_token(store, token, NOW)

    listing = run_cli("--config", config, "users", "list").stdout.splitlines()

    assert "last used" in listing[0]
    (max_line,) = [line for line in listing if "max@example.com" in line]
    (ana_line,) = [line for line in listing if "ana@example.com" in line]
    assert "2026-11-18 12:00" in max_line and "never" in ana_line
