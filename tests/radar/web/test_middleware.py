"""Every answer carries the browser's security headers; the session cookie is Secure when asked
or over https."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from radar.web.middleware import SECURITY_HEADERS

PATHS = ["/login", "/", "/api/accounts", "/no-such-page", "/api/no-such-thing", "/health"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_has_the_security_headers(web, path):
    answer = web.client.get(path, follow_redirects=False)

    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert answer.headers[name] == SECURITY_HEADERS[name], name
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert "script-src 'self';" in answer.headers["Content-Security-Policy"]


def test_the_pages_need_no_inline_script(web):
    web.sign_in("ana@example.com")

    for path in (
        "/",
        "/portfolio",
        "/sources",
        "/editor",
        "/password",
        "/accounts/meridian-airways",
    ):
        assert "<script" not in web.client.get(path).text, path


def session_cookie_header(client: TestClient) -> str:
    page = client.get("/login")
    return page.headers["set-cookie"]


def test_the_session_cookie_is_secure_over_https(web):
    app = web.client.app
    with TestClient(app, base_url="https://testserver") as https:
        cookie = session_cookie_header(https)

    assert "rivalradar_session=" in cookie and "secure" in cookie.lower()
    assert "samesite=strict" in cookie.lower() and "httponly" in cookie.lower()


def test_the_session_cookie_is_not_marked_secure_over_plain_http_by_default(web):
    assert "secure" not in session_cookie_header(web.client).lower()


def test_secure_cookie_always_marks_it_over_plain_http_too(web):
    text = web.config.read_text(encoding="utf-8")
    web.config.write_text(
        text.replace("settings:\n", "settings:\n  web:\n    secure_cookie: always\n", 1),
        encoding="utf-8",
    )

    assert "secure" in session_cookie_header(web.client).lower()
