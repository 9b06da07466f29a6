"""Changing a password asks for the current one (the one-time one on the first sign-in)."""

from __future__ import annotations

from radar.store.users import add_user, authenticate
from tests.radar.web.conftest import NOW, PASSWORD

NEW = "a brand new passphrase"


def change(web, current: str, new: str = NEW):
    page = web.client.get("/password")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    return web.client.post(
        "/password",
        data={"current": current, "new": new, "again": new, "csrf": token},
        follow_redirects=False,
    )


def test_a_password_is_not_changed_without_the_current_one(web):
    web.sign_in("max@example.com")

    answer = change(web, "not my password")

    assert answer.status_code == 422 and "the current password is not right" in answer.text
    assert authenticate(web.store, "max@example.com", PASSWORD, NOW) is not None
    assert authenticate(web.store, "max@example.com", NEW, NOW) is None


def test_the_current_password_changes_it(web):
    web.sign_in("max@example.com")

    assert change(web, PASSWORD).status_code == 303
    assert authenticate(web.store, "max@example.com", NEW, NOW) is not None


def test_the_first_change_asks_for_the_one_time_password(web):
    _, one_time = add_user(web.store, "new@example.com", "manager", NOW)
    web.sign_in("new@example.com", one_time)
    assert "One-time password" in web.client.get("/password").text

    assert change(web, "a guess at it").status_code == 422
    assert change(web, one_time).status_code == 303
    assert authenticate(web.store, "new@example.com", NEW, NOW) is not None


def test_the_navigation_links_to_the_password_page(web):
    web.sign_in("max@example.com")

    page = web.client.get("/")

    assert '<a href="/password">Password</a>' in page.text
