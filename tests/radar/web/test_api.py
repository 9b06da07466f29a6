"""The JSON API: bearer tokens, the feed as JSON, the OpenAPI schema, edits through the API."""

from __future__ import annotations

from datetime import timedelta

from radar.config.edit import version_of
from radar.config.loader import load_config
from radar.daemon.status import record_status
from radar.store.tokens import issue_token
from tests.radar.web.conftest import NOW, record_failure, story

SOURCE_HEALTH_FIELDS = [
    "id",
    "kind",
    "url",
    "last_success_at",
    "last_attempt_at",
    "last_error",
    "diagnosis",
    "consecutive_failures",
    "documents_last",
    "documents_total",
    "next_due_at",
    "documents_per_week",
]
SCHEDULER_FIELDS = ["host", "pid", "started_at", "heartbeat_at", "stopped_at", "config_error"]


def bearer(web, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(web.store, email, NOW, timedelta(days=1))}"}


def editing(web, email: str) -> dict[str, str]:
    """A token's headers for a write: the bearer token and the config version edited."""
    return {**bearer(web, email), "If-Match": version_of(web.config.read_text(encoding="utf-8"))}


def test_the_api_needs_a_token_or_a_session(web):
    assert web.client.get("/api/accounts").status_code == 401
    wrong = web.client.get("/api/accounts", headers={"Authorization": "Bearer rr_nope"})
    assert wrong.status_code == 401 and "unknown token" in wrong.json()["detail"]


def test_a_token_reads_an_accounts_threat_feed_as_json(web):
    story(
        web.store,
        "https://orbitnet.example/news/a",
        "OrbitNet to power Meridian wifi",
        "partnership",
    )

    feed = web.client.get(
        "/api/accounts/meridian-airways/feed",
        params={"category": "partnership"},
        headers=bearer(web, "max@example.com"),
    ).json()

    assert feed["account"]["name"] == "Meridian Airways"
    (entry,) = feed["stories"]
    assert entry["title"] == "OrbitNet to power Meridian wifi" and entry["score"] == 80
    assert entry["sources"] == [
        {"source_id": "orbitnet-newsroom", "url": "https://orbitnet.example/news/a"}
    ]
    assert entry["reasons"] == ["OrbitNet courts Meridian"]


def test_the_openapi_schema_describes_every_page_s_data(web):
    paths = web.client.get("/openapi.json").json()["paths"]

    for path in (
        "/api/accounts",
        "/api/accounts/{account_id}/feed",
        "/api/portfolio",
        "/api/sources",
        "/api/config/sources",
        "/api/config/accounts/{account_id}",
    ):
        assert path in paths, path
    assert "/editor" not in paths and "/login" not in paths


def test_portfolio_and_source_health_as_json(web_db):
    web = web_db
    story(
        web.store,
        "https://orbitnet.example/news/a",
        "OrbitNet to power Meridian wifi",
        "partnership",
    )
    headers = bearer(web, "max@example.com")

    portfolio = web.client.get("/api/portfolio", headers=headers).json()
    sources = web.client.get("/api/sources", headers=headers).json()

    assert portfolio["week"] == "2026-W47"
    assert portfolio["accounts"][0]["account_id"] == "meridian-airways"
    assert portfolio["competitors"][0] == {
        "competitor_id": "orbitnet",
        "name": "OrbitNet",
        "stories": 1,
    }
    assert portfolio["categories"]["partnership"] == 1
    assert sources["scheduler"] is None


def test_source_health_json_keeps_its_field_names_and_order_as_its_schema_says(web_db):
    web = web_db
    config = load_config(web.config)
    web.store.sync_config(config, NOW)
    record_failure(web.store)
    record_status(web.store, config, NOW, started=True)

    answer = web.client.get("/api/sources", headers=bearer(web, "max@example.com")).json()
    schemas = web.client.get("/openapi.json").json()["components"]["schemas"]

    (wire,) = [s for s in answer["sources"] if s["id"] == "travel-wire"]
    assert list(wire) == list(schemas["SourceHealth"]["properties"]) == SOURCE_HEALTH_FIELDS
    assert wire["last_error"] == "HTTP 503 from the server" and wire["consecutive_failures"] == 1
    assert wire["documents_per_week"][0] == {"week": "2026-W47", "documents": 0}
    assert (
        list(answer["scheduler"])
        == list(schemas["SchedulerState"]["properties"])
        == SCHEDULER_FIELDS
    )
    assert answer["scheduler"]["started_at"] == "2026-11-18T12:00:00Z"


def test_a_manager_reads_but_cannot_edit(web):
    headers = bearer(web, "max@example.com")
    before = web.config.read_bytes()

    answer = web.client.post(
        "/api/config/sources",
        json={"id": "x", "url": "https://x.example/feed", "kind": "feed", "about": "orbitnet"},
        headers=headers,
    )

    assert answer.status_code == 403
    assert web.config.read_bytes() == before


def test_an_analyst_adds_a_source_through_the_api(web):
    answer = web.client.post(
        "/api/config/sources",
        json={
            "id": "nimbus-blog",
            "url": "https://nimbus-wireless.example/blog/",
            "kind": "site",
            "about": "nimbus",
            "every": "12h",
            "options": {"depth": 1},
        },
        headers=editing(web, "ana@example.com"),
    )

    assert answer.status_code == 201, answer.text
    spec = load_config(web.config).source("nimbus-blog")
    assert spec is not None and spec.kind == "site" and spec.options.depth == 1


def test_an_invalid_edit_through_the_api_names_file_line_and_field(web):
    before = web.config.read_bytes()

    answer = web.client.post(
        "/api/config/sources",
        json={"id": "bad", "url": "https://x.example/feed", "kind": "feed", "about": "nobody"},
        headers=editing(web, "ana@example.com"),
    )

    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]["problems"]
    assert problem.startswith(f"{web.config}:") and "sources[7].about" in problem
    assert web.config.read_bytes() == before


def test_an_edit_made_against_an_old_version_is_refused(web):
    headers = bearer(web, "ana@example.com")
    version = web.client.get("/api/config", headers=headers).json()["version"]
    web.client.patch(
        "/api/config/accounts/pinewood-rail",
        json={"priority": "high"},
        headers={**headers, "If-Match": version},
    )

    late = web.client.patch(
        "/api/config/accounts/pinewood-rail",
        json={"priority": "low"},
        headers={**headers, "If-Match": version},
    )

    assert late.status_code == 409
    assert load_config(web.config).account_profiles()[2].priority == "high"


def test_a_session_write_without_the_csrf_header_is_refused(web):
    web.sign_in("ana@example.com")

    answer = web.client.patch("/api/config/accounts/pinewood-rail", json={"priority": "low"})

    assert answer.status_code == 403


def test_an_empty_authorization_header_does_not_skip_the_csrf_check(web):
    web.sign_in("ana@example.com")
    version = web.client.get("/api/config", headers={"X-CSRF-Token": web.csrf()}).json()["version"]
    before = web.config.read_bytes()

    for empty in ("", " "):
        answer = web.client.patch(
            "/api/config/accounts/pinewood-rail",
            json={"priority": "low"},
            headers={"Authorization": empty, "If-Match": version},
        )
        assert answer.status_code in (401, 403), answer.text

    assert web.config.read_bytes() == before


def test_an_api_write_without_if_match_is_refused_with_428(web):
    before = web.config.read_bytes()

    answer = web.client.patch(
        "/api/config/accounts/pinewood-rail",
        json={"priority": "low"},
        headers=bearer(web, "ana@example.com"),
    )

    assert answer.status_code == 428
    assert "send If-Match" in answer.json()["detail"]
    assert web.config.read_bytes() == before


def test_the_openapi_schema_declares_the_token_and_the_cookie_on_every_api_route(web):
    schema = web.client.get("/openapi.json").json()

    schemes = schema["components"]["securitySchemes"]
    assert schemes["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["token"]["description"],
    }
    assert schemes["session"]["in"] == "cookie"
    assert schemes["session"]["name"] == "rivalradar_session"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"token": []}, {"session": []}], (method, path)


def test_the_api_reference_and_its_script_are_served_by_the_app(web):
    page = web.client.get("/redoc")

    assert (
        page.status_code == 200 and '<script src="/docs-assets/redoc.standalone.js">' in page.text
    )
    assert "https://" not in page.text
    assert web.client.get("/docs-assets/redoc.standalone.js").status_code == 200


def test_what_get_config_answers_is_what_the_writes_take_back(web):
    headers = bearer(web, "ana@example.com")
    answer = web.client.get("/api/config", headers=headers).json()
    with_options = next(s for s in answer["sources"] if s["options"])
    account = answer["accounts"][0]
    before = load_config(web.config)

    put = web.client.put(
        f"/api/config/sources/{with_options['id']}",
        json=with_options,
        headers={**headers, "If-Match": answer["version"]},
    )
    assert put.status_code == 200, put.text
    patched = web.client.patch(
        f"/api/config/accounts/{account['id']}",
        json={k: v for k, v in account.items() if k != "id"},
        headers={**headers, "If-Match": put.json()["version"]},
    )

    assert patched.status_code == 200, patched.text
    after = load_config(web.config)
    assert after.source(with_options["id"]) == before.source(with_options["id"])
    assert after.model.accounts[0] == before.model.accounts[0]
