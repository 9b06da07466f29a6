"""The JSON API: everything the pages show, and the editor's writes (OpenAPI at /openapi.json)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Security, status

from radar.config.edit import (
    Edit,
    add_account,
    add_source,
    remove_source,
    replace_source,
    update_account,
    version_of,
)
from radar.store.users import WebUser
from radar.web import schemas
from radar.web.security import BEARER, SESSION, api_analyst, api_reader, context
from radar.web.views import Views

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.Denied, "description": "No session or token"},
    403: {"model": schemas.Denied, "description": "Not allowed for this user's role"},
    404: {"description": "No such account or source"},
    409: {
        "model": schemas.Refused,
        "description": "The config changed since the version sent in If-Match",
    },
    422: {"model": schemas.Refused, "description": "Invalid: each problem as FILE:LINE"},
    428: {
        "model": schemas.Denied,
        "description": "A write without If-Match: the version it was made against",
    },
    429: {
        "model": schemas.Denied,
        "description": "Too many unknown tokens from this address; wait Retry-After seconds",
    },
}
# Every route may answer these; its success answer's model is its return annotation.
router = APIRouter(
    prefix="/api", responses=ERRORS, dependencies=[Security(BEARER), Security(SESSION)]
)
Reader = Annotated[WebUser, Depends(api_reader)]
Analyst = Annotated[WebUser, Depends(api_analyst)]


def config_version(
    if_match: Annotated[
        str | None,
        Header(
            description="Required on every write: the config `version` (from GET /api/config) "
            "the edit was made against; 409 if the file changed since, 428 without it."
        ),
    ] = None,
) -> str:
    if not if_match or not if_match.strip('" '):
        raise HTTPException(
            status.HTTP_428_PRECONDITION_REQUIRED,
            "send If-Match: the config version your edit was made against (GET /api/config)",
        )
    return if_match.strip('" ')


IfMatch = Annotated[str, Depends(config_version)]


def views(request: Request) -> Views:
    ctx = context(request)
    return Views(ctx.store, ctx.config, ctx.clock)


@router.get("/me")
def me(user: Reader) -> schemas.Me:
    """The user the session or token belongs to."""
    return schemas.Me(email=user.email, role=user.role)


@router.get("/accounts")
def accounts(request: Request, user: Reader) -> list[schemas.Account]:
    """The key accounts of the config."""
    return views(request).accounts(user.email)


@router.get("/accounts/{account_id}/feed")
def feed(
    request: Request,
    user: Reader,
    account_id: str,
    week: str | None = None,
    category: str | None = None,
    competitor: str | None = None,
) -> schemas.Feed:
    """The account's threat feed: stories newest first, of one ISO week or the last four weeks."""
    return views(request).feed(account_id, user.email, week, category, competitor)


@router.get("/portfolio")
def portfolio(request: Request, user: Reader, week: str | None = None) -> schemas.Portfolio:
    """Accounts ranked by this week's threat, competitors by activity, counts per category."""
    return views(request).portfolio(week)


@router.get("/sources")
def sources(request: Request, user: Reader) -> schemas.Sources:
    """Source health: last success, failures, documents per week; and the scheduler's state."""
    return views(request).sources()


@router.get("/config")
def config(request: Request, user: Analyst) -> schemas.ConfigOut:
    """The config file's accounts and sources, each in the shape its write takes, and its version."""
    snapshot = context(request).config_file.read()
    return schemas.ConfigOut(
        version=snapshot.version,
        accounts=_plain(snapshot.document.get("accounts") or []),
        sources=[_source(entry) for entry in snapshot.document.get("sources") or []],
    )


@router.post("/config/sources", status_code=status.HTTP_201_CREATED)
def create_source(
    request: Request, user: Analyst, source: schemas.SourceIn, if_match: IfMatch
) -> schemas.Saved:
    """Add a source; validated as `rivalradar validate` does before the file is written."""
    return _save(request, add_source(source.entry()), source.id, if_match)


@router.put("/config/sources/{source_id}")
def update_source(
    request: Request,
    user: Analyst,
    source_id: str,
    source: schemas.SourceIn,
    if_match: IfMatch,
) -> schemas.Saved:
    """Replace a source's keys; comments on keys that stay are kept."""
    return _save(request, replace_source(source_id, source.entry()), source.id, if_match)


@router.delete("/config/sources/{source_id}")
def delete_source(
    request: Request, user: Analyst, source_id: str, if_match: IfMatch
) -> schemas.Saved:
    """Remove a source from the config (what it found stays in the store)."""
    return _save(request, remove_source(source_id), source_id, if_match)


@router.post("/config/accounts", status_code=status.HTTP_201_CREATED)
def create_account(
    request: Request, user: Analyst, account: schemas.NewAccountIn, if_match: IfMatch
) -> schemas.Saved:
    """Add a key account."""
    fields = account.model_dump(exclude={"id"}, exclude_none=True, mode="python")
    return _save(request, add_account(account.id, fields), account.id, if_match)


@router.patch("/config/accounts/{account_id}")
def change_account(
    request: Request,
    user: Analyst,
    account_id: str,
    account: schemas.AccountIn,
    if_match: IfMatch,
) -> schemas.Saved:
    """Change the fields sent (null removes one); every other field, hand-made ones too, stays."""
    sent = account.model_dump(exclude_unset=True, mode="python")
    fields = {k: v for k, v in sent.items() if v is not None}
    removed = [k for k, v in sent.items() if v is None]
    return _save(request, update_account(account_id, fields, removed), account_id, if_match)


def _save(request: Request, edit: Edit, item_id: str, version: str) -> schemas.Saved:
    config_file = context(request).config_file
    config_file.update(edit, expected_version=version)
    return schemas.Saved(id=item_id, version=version_of(config_file.path.read_text("utf-8")))


def _source(entry: Any) -> schemas.SourceIn:
    """A source entry as PUT takes it: its kind's or preset's own keys under `options`."""
    plain = _plain(entry)
    base = {k: str(v) for k, v in plain.items() if k in schemas.SOURCE_KEYS and v is not None}
    options = {k: v for k, v in plain.items() if k not in schemas.SOURCE_KEYS}
    return schemas.SourceIn.model_validate({**base, "options": options})


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str | int | float | bool) or node is None:
        return node
    return str(node)
