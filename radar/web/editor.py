"""The analysts' editor of accounts and sources: every save validated as `rivalradar validate` does."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crawler.kinds import load_kinds
from crawler.presets import load_presets
from radar.config.edit import (
    Edit,
    add_account,
    add_source,
    remove_source,
    replace_source,
    update_account,
)
from radar.config.options import dump_options, parse_options
from radar.errors import ConfigError
from radar.records import ABOUT_NEWS, ABOUT_REGULATOR
from radar.store.users import WebUser
from radar.web.rendering import render
from radar.web.security import check_csrf, context, page_analyst

router = APIRouter(prefix="/editor", include_in_schema=False)
Analyst = Annotated[WebUser, Depends(page_analyst)]
ACCOUNT_LISTS = ("aliases", "keywords", "cc", "competitors", "stakeholders")
ACCOUNT_TEXT = ("name", "industry", "timezone", "owner", "priority", "value", "renewal")


@router.get("", response_class=HTMLResponse)
def editor(request: Request, user: Analyst, saved: str = "") -> Response:
    snapshot = context(request).config_file.read()
    values = {
        "sources": list(snapshot.document.get("sources") or []),
        "accounts": list(snapshot.document.get("accounts") or []),
        "saved": saved,
        "problems": _file_problems(request),
    }
    return _source_form(request, values, {}, snapshot.version)


@router.post("/sources", response_class=HTMLResponse)
async def create_source(request: Request, user: Analyst) -> Response:
    form = await _form(request)
    return _save_source(request, form, add_source)


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(request: Request, user: Analyst, source_id: str) -> Response:
    snapshot = context(request).config_file.read()
    entry = next(
        (s for s in snapshot.document.get("sources") or [] if str(s.get("id")) == source_id), None
    )
    if entry is None:
        return render(request, "error.html.j2", {"problems": [f"no source {source_id!r}"]}, 404)
    return _source_form(request, {"editing": source_id}, _source_values(entry), snapshot.version)


@router.post("/sources/{source_id}", response_class=HTMLResponse)
async def save_source(request: Request, user: Analyst, source_id: str) -> Response:
    form = await _form(request)
    return _save_source(
        request, form, lambda entry: replace_source(source_id, entry), editing=source_id
    )


@router.post("/sources/{source_id}/remove")
async def delete_source(request: Request, user: Analyst, source_id: str) -> Response:
    form = await _form(request)
    context(request).config_file.update(remove_source(source_id), _version(form))
    return RedirectResponse(f"/editor?saved=removed+{source_id}", status_code=303)


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account_page(request: Request, user: Analyst, account_id: str) -> Response:
    snapshot = context(request).config_file.read()
    entry = next(
        (a for a in snapshot.document.get("accounts") or [] if str(a.get("id")) == account_id),
        None,
    )
    values = _account_values(entry) if entry is not None else {"id": ""}
    editing = account_id if entry is not None else ""
    return _account_form(request, values, editing, snapshot.version)


@router.post("/accounts/{account_id}", response_class=HTMLResponse)
async def save_account(request: Request, user: Analyst, account_id: str) -> Response:
    form = await _form(request)
    fields, removed = _account_fields(form)
    new_id = form.get("id", "").strip()
    edit = (
        add_account(new_id, fields)
        if account_id == "new"
        else update_account(account_id, fields, removed)
    )
    try:
        context(request).config_file.update(edit, _version(form))
    except ConfigError as err:
        return _account_form(
            request, form, "" if account_id == "new" else account_id, form.get("version", ""), err
        )
    return RedirectResponse(f"/editor?saved={new_id or account_id}", status_code=303)


def _save_source(request: Request, form: dict[str, str], make: Any, editing: str = "") -> Response:
    try:
        edit: Edit = make(_source_entry(form))
        context(request).config_file.update(edit, _version(form))
    except ConfigError as err:
        values: dict[str, Any] = {"editing": editing, "problems": err.problems}
        if not editing:
            snapshot = context(request).config_file.read()
            values |= {
                "sources": list(snapshot.document.get("sources") or []),
                "accounts": list(snapshot.document.get("accounts") or []),
            }
        return _source_form(request, values, form, form.get("version", ""), 422)
    return RedirectResponse(f"/editor?saved={form.get('id', '')}", status_code=303)


def _source_form(
    request: Request,
    values: dict[str, Any],
    form: dict[str, str],
    version: str,
    status_code: int = 200,
) -> Response:
    config = context(request).config()
    abouts = [a.id for a in config.model.accounts] + [c.id for c in config.model.competitors]
    return render(
        request,
        "editor.html.j2",
        {
            "form": form,
            "version": version,
            "kinds": sorted(load_kinds()),
            "presets": sorted(load_presets()),
            "abouts": [*abouts, ABOUT_REGULATOR, ABOUT_NEWS],
            **values,
        },
        status_code,
    )


def _account_form(
    request: Request,
    form: dict[str, str],
    editing: str,
    version: str,
    error: ConfigError | None = None,
) -> Response:
    competitors = [c.id for c in context(request).config().model.competitors]
    values = {
        "form": form,
        "editing": editing,
        "version": version,
        "competitors": competitors,
        "problems": error.problems if error else [],
    }
    return render(request, "account.html.j2", values, 422 if error else 200)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    check_csrf(request, str(form.get("csrf", "")))
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


def _source_entry(form: dict[str, str]) -> dict[str, Any]:
    """The YAML entry of the source form; kind-specific keys come from its options box."""
    entry: dict[str, Any] = {"id": form.get("id", "").strip()}
    kind = form.get("kind", "").strip()
    if kind.startswith("preset:"):
        entry["preset"] = kind.removeprefix("preset:")
    elif kind:
        entry["kind"] = kind
    for key in ("url", "about", "every"):
        if form.get(key, "").strip():
            entry[key] = form[key].strip()
    return {**entry, **parse_options(form.get("options", ""))}


def _source_values(entry: Any) -> dict[str, str]:
    values = {k: str(entry[k]) for k in ("id", "url", "about", "every") if k in entry}
    values["kind"] = f"preset:{entry['preset']}" if "preset" in entry else str(entry.get("kind"))
    rest = {
        k: v for k, v in entry.items() if k not in {"id", "url", "about", "every", "kind", "preset"}
    }
    values["options"] = _options_text(rest)
    return values


def _options_text(options: dict[str, Any]) -> str:
    return dump_options(options) if options else ""


def _account_values(entry: Any) -> dict[str, str]:
    values = {"id": str(entry.get("id", ""))}
    for key in ACCOUNT_TEXT:
        if entry.get(key) is not None:
            values[key] = str(entry[key])
    for key in ACCOUNT_LISTS:
        values[key] = ", ".join(str(v) for v in entry.get(key) or [])
    return values


def _account_fields(form: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The form's fields as YAML values, and the keys it emptied (removed from the entry)."""
    fields: dict[str, Any] = {}
    removed: list[str] = []
    for key in ACCOUNT_TEXT:
        value = form.get(key, "").strip()
        if value:
            fields[key] = _typed(key, value)
        else:
            removed.append(key)
    for key in ACCOUNT_LISTS:
        items = [v.strip() for v in form.get(key, "").split(",") if v.strip()]
        if items:
            fields[key] = items
        else:
            removed.append(key)
    return fields, removed


def _typed(key: str, value: str) -> Any:
    """Numbers and dates as YAML writes them; anything unreadable goes on as text to validation."""
    try:
        if key == "value":
            number = float(value.replace(",", ""))
            return int(number) if number.is_integer() else number
        if key == "renewal":
            return date.fromisoformat(value)
    except ValueError:
        return value
    return value


def _version(form: dict[str, str]) -> str:
    """The config version the form was filled against: an edit without one could overwrite."""
    version = form.get("version", "").strip()
    if not version:
        raise HTTPException(
            status.HTTP_428_PRECONDITION_REQUIRED,
            "the form did not say which version of the config it edits; reload the editor",
        )
    return version


def _file_problems(request: Request) -> list[str]:
    error = context(request).config_problems()
    return error.problems if error else []
