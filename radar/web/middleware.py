"""What every response carries: the session cookie (`Secure` when asked or over https) and the
browser's security headers."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from radar.web.context import WebContext

SESSION_COOKIE = "rivalradar_session"
# The pages run no script. Their styles are one <style> block and a few style attributes (the
# portfolio's bars), hence 'unsafe-inline' for styles only. The API reference (/redoc, a script
# of this site) searches in a worker it makes from a blob.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SessionCookie:
    """Starlette's signed-cookie sessions; the cookie is `Secure` when `settings.web.secure_cookie`
    is `always`, or `auto` and the request came over https (uvicorn reads a trusted proxy's
    X-Forwarded-Proto)."""

    def __init__(self, app: ASGIApp, ctx: WebContext, secret_key: str, max_age_s: int) -> None:
        self._ctx = ctx
        self._plain, self._secure = (
            SessionMiddleware(
                app,
                secret_key=secret_key,
                session_cookie=SESSION_COOKIE,
                max_age=max_age_s,
                same_site="strict",
                https_only=secure,
            )
            for secure in (False, True)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._plain(scope, receive, send)
            return
        mode = self._ctx.config().model.settings.web.secure_cookie
        is_secure = mode == "always" or (mode == "auto" and scope.get("scheme") == "https")
        await (self._secure if is_secure else self._plain)(scope, receive, send)


class SecurityHeaders:
    """CSP, no framing, no content sniffing, no full referrer: on every answer, errors too."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] = SECURITY_HEADERS) -> None:
        self._app, self._headers = app, headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self._headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self._app(scope, receive, send_with_headers)
