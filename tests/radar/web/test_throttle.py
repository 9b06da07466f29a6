"""Failed sign-ins and unknown tokens are throttled per account and per client address."""

from __future__ import annotations

import logging
from datetime import timedelta

from radar.store.tokens import issue_token
from radar.web.throttle import PER_ACCOUNT, PER_ADDRESS
from tests.radar.web.conftest import NOW, PASSWORD


def sign_in_form(web, email: str, password: str):
    page = web.client.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    return web.client.post(
        "/login",
        data={"email": email, "password": password, "csrf": token},
        follow_redirects=False,
    )


def test_after_too_many_wrong_passwords_even_the_right_one_waits(web, caplog):
    caplog.set_level(logging.WARNING, logger="radar.web.throttle")
    for _ in range(PER_ACCOUNT.amount):
        assert sign_in_form(web, "ana@example.com", "not it").status_code == 401

    locked = sign_in_form(web, "ana@example.com", PASSWORD)

    assert locked.status_code == 429
    assert "too many failed sign-ins; try again in 15 minutes" in locked.text
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert web.client.get("/", follow_redirects=False).status_code == 303
    (event,) = caplog.records
    assert "sign-in locked out" in event.getMessage() and event.account == "ana@example.com"


def test_a_locked_account_does_not_lock_another(web):
    for _ in range(PER_ACCOUNT.amount):
        sign_in_form(web, "ana@example.com", "not it")

    assert sign_in_form(web, "max@example.com", PASSWORD).status_code == 303


def test_one_address_trying_many_accounts_is_locked_out(web):
    for n in range(PER_ADDRESS.amount):
        sign_in_form(web, f"guess{n}@example.com", "not it")

    assert sign_in_form(web, "max@example.com", PASSWORD).status_code == 429


def test_a_right_password_under_the_limit_starts_the_count_again(web):
    for _ in range(PER_ACCOUNT.amount - 1):
        sign_in_form(web, "ana@example.com", "not it")
    assert sign_in_form(web, "ana@example.com", PASSWORD).status_code == 303
    web.client.cookies.clear()

    assert sign_in_form(web, "ana@example.com", "not it").status_code == 401
    assert sign_in_form(web, "ana@example.com", PASSWORD).status_code == 303


def test_the_api_answers_429_with_retry_after_to_an_address_guessing_tokens(web):
    good = {
        "Authorization": f"Bearer {issue_token(web.store, 'max@example.com', NOW, timedelta(days=1))}"
    }
    for n in range(PER_ADDRESS.amount):
        wrong = web.client.get("/api/accounts", headers={"Authorization": f"Bearer rr_{n}"})
        assert wrong.status_code == 401

    answer = web.client.get("/api/accounts", headers=good)

    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 0
    assert "too many unknown tokens" in answer.json()["detail"]
