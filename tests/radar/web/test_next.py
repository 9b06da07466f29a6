"""After signing in, the page asked for; through the first password change too; never elsewhere."""

from __future__ import annotations

import pytest

from radar.store.users import add_user
from radar.web.security import safe_next
from tests.radar.web.conftest import NOW, PASSWORD


def form_token(page) -> str:
    return page.text.split('name="csrf" value="')[1].split('"')[0]


def form_next(page) -> str:
    return page.text.split('name="next" value="')[1].split('"')[0].replace("&amp;", "&")


def test_the_page_asked_for_survives_the_first_password_change(web):
    _, one_time = add_user(web.store, "new@example.com", "manager", NOW)
    asked = "/accounts/meridian-airways?week=2026-W47"
    to_sign_in = web.client.get(asked, follow_redirects=False).headers["location"]
    page = web.client.get(to_sign_in)
    assert 'name="next" value="/accounts/meridian-airways?week=2026-W47"' in page.text

    signed_in = web.client.post(
        "/login",
        data={
            "email": "new@example.com",
            "password": one_time,
            "csrf": form_token(page),
            "next": asked,
        },
        follow_redirects=False,
    )
    assert (
        signed_in.headers["location"]
        == "/password?next=/accounts/meridian-airways%3Fweek%3D2026-W47"
    )
    page = web.client.get(signed_in.headers["location"])
    chosen = web.client.post(
        "/password",
        data={
            "current": one_time,
            "new": PASSWORD,
            "again": PASSWORD,
            "csrf": form_token(page),
            "next": form_next(page),
        },
        follow_redirects=False,
    )

    assert chosen.headers["location"] == asked


def test_a_page_visited_before_the_password_change_is_kept_for_after_it(web):
    _, one_time = add_user(web.store, "new@example.com", "manager", NOW)
    web.sign_in("new@example.com", one_time)

    answer = web.client.get("/portfolio?week=2026-W46", follow_redirects=False)

    assert answer.headers["location"] == "/password?next=/portfolio%3Fweek%3D2026-W46"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        "/\n/evil.example/",
        "javascript:alert(1)",
        "accounts",
        "",
    ],
)
def test_next_never_leads_off_the_site(target):
    assert safe_next(target) == "/"


def test_next_after_sign_in_is_a_path_of_the_site(web):
    page = web.client.get("/login")

    answer = web.client.post(
        "/login",
        data={
            "email": "max@example.com",
            "password": PASSWORD,
            "csrf": form_token(page),
            "next": "/\t/evil.example/",
        },
        follow_redirects=False,
    )

    assert answer.headers["location"] == "/"
