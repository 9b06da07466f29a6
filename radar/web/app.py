"""The web app: threat feeds, portfolio, source health and the config editor, plus the JSON API."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi_offline import FastAPIOffline

from radar import __version__
from radar.config.edit import ConfigConflict
from radar.errors import ConfigError, RadarError, UnknownIdError
from radar.store.users import UserError
from radar.web import api, corrections, editor, pages
from radar.web.context import WebContext
from radar.web.middleware import SecurityHeaders, SessionCookie
from radar.web.rendering import render
from radar.web.security import (
    PasswordChangeRequired,
    SignInRequired,
    password_url,
    sign_in_url,
)
from radar.web.throttle import SignInThrottle
from radar.web.views import BadFilter

STATUS: list[tuple[type[RadarError], int]] = [
    (ConfigError, 422),
    (BadFilter, 422),
    (UnknownIdError, 404),
    (ConfigConflict, 409),
    (UserError, 400),
]


def create_app(ctx: WebContext, secret_key: str) -> FastAPI:
    """The app for this store and config; sessions are cookies signed with `secret_key`."""
    # The reference is ReDoc from the installed package (no CDN), at /redoc; Swagger UI needs an
    # inline script, which the pages' Content-Security-Policy forbids.
    app = FastAPIOffline(
        docs_url=None,
        redoc_url="/redoc",
        static_url="/docs-assets",
        title="rivalradar",
        version=__version__,
        description="Threat feeds per key account, portfolio, source health, and the config editor.",
    )
    app.state.ctx = ctx
    app.state.throttle = SignInThrottle()
    app.add_middleware(
        SessionCookie,
        ctx=ctx,
        secret_key=secret_key,
        max_age_s=int(ctx.config().model.settings.web.session_lifetime.total_seconds()),
    )
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    app.include_router(corrections.router)
    app.include_router(pages.router)
    app.include_router(editor.router)
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(PasswordChangeRequired, _change_password)
    app.add_exception_handler(RadarError, _radar_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    return app


def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(sign_in_url(exc.next_path), status_code=303)


def _change_password(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PasswordChangeRequired)
    return RedirectResponse(password_url(exc.next_path), status_code=303)


def _radar_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RadarError)
    code = next((c for kind, c in STATUS if isinstance(exc, kind)), 400)
    problems = exc.problems if isinstance(exc, ConfigError) else [str(exc)]
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": {"message": str(exc), "problems": problems}}, code)
    return render(request, "error.html.j2", {"problems": problems}, code)


def _invalid_request(request: Request, exc: Exception) -> Response:
    """A request FastAPI could not read, answered as every other refusal of the API is."""
    assert isinstance(exc, RequestValidationError)
    problems = [
        f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
    ]
    message = "the request is not valid: " + "; ".join(problems)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": {"message": message, "problems": problems}}, 422)
    return render(request, "error.html.j2", {"problems": problems}, 422)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    return render(request, "error.html.j2", {"problems": [str(exc.detail)]}, exc.status_code)
