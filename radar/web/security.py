"""Who is asking: a signed session cookie (pages) or a bearer token (API); analysts edit, managers read."""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlsplit

from fastapi import HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPBearer

from radar.store.tokens import user_for_token
from radar.store.users import WebUser, get_user
from radar.web.context import WebContext
from radar.web.middleware import SESSION_COOKIE
from radar.web.throttle import SignInThrottle

SESSION_USER, SESSION_CSRF = "user_id", "csrf"
# The user's session version when signing in, and when (seconds since the epoch) the session
# began and last made a request: a session ends when any of them is out of date.
SESSION_VERSION, SESSION_BEGAN, SESSION_SEEN = "version", "began_at", "seen_at"
CSRF_HEADER = "X-CSRF-Token"


class SignInRequired(Exception):
    """A page asked for without a session: the browser is sent to the sign-in form."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PasswordChangeRequired(Exception):
    """Signed in with a one-time password: a new one comes first, then the page asked for."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def context(request: Request) -> WebContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, WebContext)
    return ctx


def throttle(request: Request) -> SignInThrottle:
    limiter = request.app.state.throttle
    assert isinstance(limiter, SignInThrottle)
    return limiter


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def csrf_token(request: Request) -> str:
    """The session's token that every form posts back; a page of another site cannot know it."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = request.session[SESSION_CSRF] = secrets.token_urlsafe(24)
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get(SESSION_CSRF)
    if not (
        isinstance(expected, str) and submitted and secrets.compare_digest(expected, submitted)
    ):
        raise HTTPException(403, "the form expired or came from another site; reload and try again")


def start_session(request: Request, user: WebUser) -> None:
    """A new session on sign-in: nothing chosen before it carries over."""
    now = int(context(request).clock().timestamp())
    request.session.clear()
    request.session.update(
        {
            SESSION_USER: user.id,
            SESSION_VERSION: user.session_version,
            SESSION_BEGAN: now,
            SESSION_SEEN: now,
        }
    )


def session_user(request: Request) -> WebUser | None:
    """The session's user while the session lasts: same version, neither idle nor too old."""
    user_id = request.session.get(SESSION_USER)
    if not isinstance(user_id, int):
        return None
    ctx = context(request)
    user = get_user(ctx.store, user_id)
    now = ctx.clock().timestamp()
    limits = ctx.config().model.settings.web
    began, seen = request.session.get(SESSION_BEGAN, 0), request.session.get(SESSION_SEEN, 0)
    if (
        user is None
        or user.is_disabled
        or request.session.get(SESSION_VERSION) != user.session_version
        or now - began > limits.session_lifetime.total_seconds()
        or now - seen > limits.session_idle.total_seconds()
    ):
        request.session.clear()
        return None
    request.session[SESSION_SEEN] = int(now)
    return user


def page_reader(request: Request) -> WebUser:
    """A signed-in user, for the pages."""
    user = session_user(request)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if user is None:
        raise SignInRequired(target)
    if user.must_change_password:
        raise PasswordChangeRequired(target)
    return user


def page_analyst(request: Request) -> WebUser:
    user = page_reader(request)
    if not user.is_analyst:
        raise HTTPException(403, "only analysts edit the config; managers read")
    return user


# Declared for the OpenAPI schema (and its readers); api_reader does the checking.
BEARER = HTTPBearer(
    scheme_name="token",
    description="A token of `rivalradar users token EMAIL`: `Authorization: Bearer TOKEN`.",
    auto_error=False,
)
SESSION = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="session",
    description="The web app's sign-in cookie; its writes also need the X-CSRF-Token header.",
    auto_error=False,
)


def api_reader(request: Request) -> WebUser:
    """A user by bearer token, or by session cookie (the pages' own scripts).

    Any Authorization header, an empty one too, means a token: it is checked, never skipped for
    the cookie, so that a cookie's writes always need the CSRF header."""
    header = request.headers.get("Authorization")
    request.state.by_token = header is not None
    if header is not None:
        return _token_user(request, header)
    user = session_user(request)
    if user is None:
        raise _unauthorised("sign in, or send `Authorization: Bearer TOKEN`")
    if user.must_change_password:
        raise HTTPException(403, "choose a new password first: sign in on the web page")
    return user


def api_analyst(request: Request) -> WebUser:
    user = api_reader(request)
    if not user.is_analyst:
        raise HTTPException(403, "only analysts edit the config; managers read")
    if not request.state.by_token:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return user


def _token_user(request: Request, header: str) -> WebUser:
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorised("send the token as `Authorization: Bearer TOKEN`")
    address = client_address(request)
    wait_s = throttle(request).wait_s("", address)
    if wait_s:
        raise HTTPException(
            429, "too many unknown tokens from this address", {"Retry-After": str(wait_s)}
        )
    ctx = context(request)
    user = user_for_token(ctx.store, token.strip(), ctx.clock())
    if user is None:
        throttle(request).failed("", address)
        raise _unauthorised("unknown token; `rivalradar users token EMAIL` makes one")
    return user


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path of this site only, never another site's address.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so a path with
    one of them between its first slashes would leave the site: any of them gives `/`."""
    if not path or any(ord(c) < 0x20 or c in "\\\x7f" for c in path):
        return "/"
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return "/"
    return path


def sign_in_url(next_path: str) -> str:
    return f"/login?next={quote(next_path, safe='/')}"


def password_url(next_path: str) -> str:
    """The forced password change, then on to the page asked for."""
    target = safe_next(next_path)
    return "/password" if target == "/" else f"/password?next={quote(target, safe='/')}"


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})
