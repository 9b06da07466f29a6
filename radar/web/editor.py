"""The analysts' editor of accounts and sources: every save validated as `rivalradar validate` does.

Saving reads, validates and writes the config file (YAML, the disk, a file lock another writer
may hold): blocking work, so every route is a plain function, run in the server's thread pool,
and only the form is read on the event loop (EditorForm), where waiting on the network is free.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from ruamel.yaml.comments import CommentedMap

from crawler.kinds import load_kinds
from crawler.presets import load_presets
from radar.config.edit import (
    Edit,
    add_account,
    add_source,
    copy_comments,
    remove_account,
    remove_source,
    replace_source,
    update_account,
)
from radar.config.options import dump_options, parse_options
from radar.errors import ConfigError
from radar.records import ABOUT_NEWS, ABOUT_REGULATOR
from radar.store.users import WebUser
from radar.web.account_form import account_fields, account_values
from radar.web.rendering import render
from radar.web.security import check_csrf, context, page_analyst

router = APIRouter(prefix="/editor", include_in_schema=False)
Analyst = Annotated[WebUser, Depends(page_analyst)]


async def _form(request: Request) -> dict[str, str]:
    """The submitted form's text fields, once its CSRF token proved it came from our page."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf", "")))
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


EditorForm = Annotated[dict[str, str], Depends(_form)]
REMOVABLE = {"sources": "source", "accounts": "account"}


@router.get("", response_class=HTMLResponse)
def editor(request: Request, user: Analyst, saved: str = "", removed: str = "") -> Response:
    snapshot = context(request).config_file.read()
    values = {
        "sources": list(snapshot.document.get("sources") or []),
        "accounts": list(snapshot.document.get("accounts") or []),
        "saved": saved,
        "removed": removed,
        "problems": _file_problems(request),
    }
    return _source_form(request, values, {}, snapshot.version)


@router.post("/sources", response_class=HTMLResponse)
def create_source(request: Request, user: Analyst, form: EditorForm) -> Response:
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
def save_source(request: Request, user: Analyst, form: EditorForm, source_id: str) -> Response:
    return _save_source(
        request, form, lambda entry: replace_source(source_id, entry), editing=source_id
    )


@router.get("/{section}/{item_id}/remove", response_class=HTMLResponse)
def confirm_removal(request: Request, user: Analyst, section: str, item_id: str) -> Response:
    """Removing asks first: the page names what goes, and the button on it removes."""
    snapshot = context(request).config_file.read()
    return _confirm_page(request, _removable(section), item_id, snapshot.version)


@router.post("/{section}/{item_id}/remove", response_class=HTMLResponse)
def remove(
    request: Request, user: Analyst, form: EditorForm, section: str, item_id: str
) -> Response:
    kind = _removable(section)
    edit = remove_source(item_id) if kind == "source" else remove_account(item_id)
    try:
        context(request).config_file.update(edit, _version(form))
    except ConfigError as err:
        return _confirm_page(request, kind, item_id, form.get("version", ""), err)
    return RedirectResponse(f"/editor?removed={kind}+{item_id}", status_code=303)


def _removable(section: str) -> str:
    if section not in REMOVABLE:
        raise HTTPException(404, f"nothing to remove under /editor/{section}")
    return REMOVABLE[section]


def _confirm_page(
    request: Request, kind: str, item_id: str, version: str, error: ConfigError | None = None
) -> Response:
    values = {
        "kind": kind,
        "item_id": item_id,
        "section": f"{kind}s",
        "version": version,
        "problems": _shown(request, error) if error else [],
    }
    return render(request, "remove.html.j2", values, 422 if error else 200)


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account_page(request: Request, user: Analyst, account_id: str) -> Response:
    snapshot = context(request).config_file.read()
    entry = next(
        (a for a in snapshot.document.get("accounts") or [] if str(a.get("id")) == account_id),
        None,
    )
    values = account_values(entry) if entry is not None else {"id": ""}
    editing = account_id if entry is not None else ""
    return _account_form(request, values, editing, snapshot.version)


@router.post("/accounts/{account_id}", response_class=HTMLResponse)
def save_account(request: Request, user: Analyst, form: EditorForm, account_id: str) -> Response:
    fields, removed = account_fields(form)
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
        values: dict[str, Any] = {"editing": editing, "problems": _shown(request, err)}
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
        "problems": _shown(request, error) if error else [],
    }
    return render(request, "account.html.j2", values, 422 if error else 200)


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
    options = parse_options(form.get("options", ""))
    node = CommentedMap({**entry, **options})
    copy_comments(options, node)
    return node


def _source_values(entry: Any) -> dict[str, str]:
    values = {k: str(entry[k]) for k in ("id", "url", "about", "every") if k in entry}
    values["kind"] = f"preset:{entry['preset']}" if "preset" in entry else str(entry.get("kind"))
    rest = CommentedMap(
        (k, v)
        for k, v in entry.items()
        if k not in {"id", "url", "about", "every", "kind", "preset"}
    )
    copy_comments(entry, rest)
    values["options"] = _options_text(rest)
    return values


def _options_text(options: dict[str, Any]) -> str:
    return dump_options(options) if options else ""


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
    return _shown(request, error) if error else []


def _shown(request: Request, error: ConfigError) -> list[str]:
    """The problems as a web user reads them: `line 12: …`, never the server's own file path."""
    prefix = f"{context(request).config_path}:"
    return ["line " + p.removeprefix(prefix) if p.startswith(prefix) else p for p in error.problems]
