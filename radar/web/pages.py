"""The reading pages: sign-in, accounts, an account's threat feed, portfolio, source health."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from radar.store.users import (
    UserError,
    WebUser,
    authenticate,
    change_password,
    end_sessions,
    has_password,
)
from radar.web.api import views
from radar.web.rendering import render
from radar.web.security import (
    SESSION_CSRF,
    SESSION_VERSION,
    check_csrf,
    client_address,
    context,
    page_reader,
    password_url,
    safe_next,
    session_user,
    sign_in_url,
    start_session,
    throttle,
)
from radar.web.views import ORDERS

router = APIRouter(include_in_schema=False)
Reader = Annotated[WebUser, Depends(page_reader)]
FormText = Annotated[str, Form()]


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html.j2", {"next": safe_next(next), "email": ""})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    email: FormText,
    password: FormText,
    csrf: FormText,
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf)
    account, address = email.strip().lower(), client_address(request)
    wait_s = throttle(request).wait_s(account, address)
    if wait_s:
        minutes = math.ceil(wait_s / 60)
        error = f"too many failed sign-ins; try again in {minutes} minute{'s' * (minutes > 1)}"
        values = {"next": safe_next(next), "email": email, "error": error}
        page = render(request, "login.html.j2", values, 429)
        page.headers["Retry-After"] = str(wait_s)
        return page
    ctx = context(request)
    user = authenticate(ctx.store, email, password, ctx.clock())
    if user is None:
        throttle(request).failed(account, address)
        values = {"next": safe_next(next), "email": email, "error": "wrong email or password"}
        return render(request, "login.html.j2", values, 401)
    throttle(request).succeeded(account)
    start_session(request, user)
    target = password_url(next) if user.must_change_password else safe_next(next)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: FormText) -> Response:
    check_csrf(request, csrf)
    user = session_user(request)
    if user is not None:
        end_sessions(context(request).store, user.email)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/password", response_class=HTMLResponse)
def password_form(request: Request, next: str = "/") -> Response:
    if session_user(request) is None:
        return RedirectResponse(sign_in_url("/password"), status_code=303)
    return render(request, "password.html.j2", {"next": safe_next(next)})


@router.post("/password", response_class=HTMLResponse)
def password(
    request: Request,
    current: FormText,
    new: FormText,
    again: FormText,
    csrf: FormText,
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf)
    user = session_user(request)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    store, address = context(request).store, client_address(request)
    try:
        wait_s = throttle(request).wait_s(user.email, address)
        if wait_s:
            raise UserError(f"too many wrong passwords; try again in {math.ceil(wait_s / 60)} min")
        if not has_password(store, user.id, current):
            throttle(request).failed(user.email, address)
            raise UserError(f"the {_current_label(user)} is not right")
        if new != again:
            raise UserError("the two new passwords differ")
        version = change_password(store, user.id, new)
    except UserError as err:
        values = {"error": str(err), "next": safe_next(next)}
        return render(request, "password.html.j2", values, 422)
    request.session.pop(SESSION_CSRF, None)
    request.session[SESSION_VERSION] = version
    return RedirectResponse(safe_next(next), status_code=303)


def _current_label(user: WebUser) -> str:
    return "one-time password" if user.must_change_password else "current password"


@router.get("/", response_class=HTMLResponse)
def index(request: Request, user: Reader) -> Response:
    accounts = views(request).accounts(user.email)
    accounts.sort(key=lambda a: (not a.is_mine, a.name.lower()))
    return render(request, "index.html.j2", {"accounts": accounts})


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account_feed(
    request: Request,
    user: Reader,
    account_id: str,
    week: str = "",
    category: str = "",
    competitor: str = "",
    order: str = "threat",
) -> Response:
    feed = views(request).feed(account_id, user.email, week or None, category, competitor, order)
    return render(request, "feed.html.j2", {"feed": feed, "order": order, "orders": ORDERS})


@router.get("/portfolio", response_class=HTMLResponse)
def portfolio(request: Request, user: Reader, week: str = "") -> Response:
    chosen = week or views(request).last_complete_week()
    values = {"portfolio": views(request).portfolio(chosen), "week_asked": bool(week)}
    return render(request, "portfolio.html.j2", values)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, user: Reader) -> Response:
    return render(request, "sources.html.j2", {"health": views(request).sources()})


@router.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    """For load balancers and the tests: the server answers."""
    return {"status": "ok"}
