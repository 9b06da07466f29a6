"""`users add`, `users token`, `users list`: web users in the database."""

from __future__ import annotations

from radar.store.tokens import user_for_token
from radar.store.users import authenticate
from tests.radar.web.conftest import NOW


def test_users_add_prints_a_one_time_password_that_signs_in(write_config, run_cli, store):
    config = write_config()

    result = run_cli("--config", config, "users", "add", "Ana@Example.com", "--role", "analyst")

    assert result.exit_code == 0, result.stderr
    user = authenticate(store, "ana@example.com", result.stdout.strip())
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
    assert "one-time (not yet changed)" in listing
