"""Sessions end: on sign-out and password change (every copy of the cookie), by the operator,
after idling and after their lifetime."""

from __future__ import annotations

from datetime import timedelta

from radar.store.tokens import issue_token
from radar.store.users import end_sessions, set_disabled
from tests.radar.web.conftest import NOW, PASSWORD

COOKIE = "rivalradar_session"


def saved_cookie(web) -> str:
    cookie = web.client.cookies.get(COOKIE)
    assert cookie
    return cookie


def with_cookie(web, cookie: str, path: str = "/"):
    web.client.cookies.clear()
    return web.client.get(path, headers={"Cookie": f"{COOKIE}={cookie}"}, follow_redirects=False)


def csrf_of(web, path: str) -> str:
    page = web.client.get(path)
    return page.text.split('name="csrf" value="')[1].split('"')[0]


def test_a_cookie_saved_before_sign_out_no_longer_signs_in(web):
    web.sign_in("max@example.com")
    saved = saved_cookie(web)
    assert with_cookie(web, saved).status_code == 200

    web.client.post("/logout", data={"csrf": csrf_of(web, "/")}, follow_redirects=False)

    assert with_cookie(web, saved).headers["location"] == "/login?next=/"


def test_signing_out_ends_the_user_s_other_sessions_too(web):
    web.sign_in("max@example.com")
    other_browser = saved_cookie(web)
    web.client.cookies.clear()
    web.sign_in("max@example.com")

    web.client.post("/logout", data={"csrf": csrf_of(web, "/")}, follow_redirects=False)

    assert with_cookie(web, other_browser).status_code == 303


def test_a_cookie_saved_before_a_password_change_no_longer_signs_in(web):
    web.sign_in("max@example.com")
    saved = saved_cookie(web)
    new = "a brand new passphrase"

    changed = web.client.post(
        "/password",
        data={"current": PASSWORD, "new": new, "again": new, "csrf": csrf_of(web, "/password")},
    )

    assert changed.status_code == 200 and "Key accounts" in changed.text  # still signed in here
    assert with_cookie(web, saved).status_code == 303


def test_the_operator_signs_a_user_out_of_every_session(web):
    web.sign_in("max@example.com")
    saved = saved_cookie(web)

    end_sessions(web.store, "max@example.com")

    assert with_cookie(web, saved).status_code == 303


def test_users_sign_out_on_the_command_line(web, run_cli):
    web.sign_in("max@example.com")
    saved = saved_cookie(web)

    result = run_cli(
        "--config", web.config, "--db", web.store.url, "users", "sign-out", "max@example.com"
    )

    assert result.exit_code == 0, result.stderr
    assert "signed max@example.com out of every session" in result.stderr
    assert with_cookie(web, saved).status_code == 303


def test_a_session_idle_longer_than_the_setting_ends(web):
    web.sign_in("max@example.com")
    ctx = web.client.app.state.ctx
    ctx.clock = lambda: NOW + timedelta(hours=7, minutes=59)
    assert web.client.get("/", follow_redirects=False).status_code == 200

    ctx.clock = lambda: NOW + timedelta(hours=15, minutes=59)
    assert web.client.get("/", follow_redirects=False).status_code == 200
    ctx.clock = lambda: NOW + timedelta(hours=24)

    assert web.client.get("/", follow_redirects=False).status_code == 303


def test_a_session_in_use_still_ends_after_its_lifetime(web):
    web.sign_in("max@example.com")
    ctx = web.client.app.state.ctx
    for hours in range(6, 7 * 24, 6):
        ctx.clock = lambda hours=hours: NOW + timedelta(hours=hours)
        assert web.client.get("/", follow_redirects=False).status_code == 200, hours

    ctx.clock = lambda: NOW + timedelta(days=7, minutes=1)

    assert web.client.get("/", follow_redirects=False).status_code == 303


def test_disabling_a_user_ends_their_sessions(web):
    web.sign_in("max@example.com")
    saved = saved_cookie(web)

    set_disabled(web.store, "max@example.com", is_disabled=True)

    assert with_cookie(web, saved).status_code == 303


def test_an_expired_token_is_refused_by_the_api(web):
    token = issue_token(web.store, "max@example.com", NOW - timedelta(days=2), timedelta(days=1))

    answer = web.client.get("/api/accounts", headers={"Authorization": f"Bearer {token}"})

    assert answer.status_code == 401
