"""Corrections through the JSON API: analysts only, shown at once in the feed page and the API."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radar.store import models
from radar.store.tokens import issue_token
from tests.radar.web.conftest import NOW, story

URL = "https://orbitnet.example/news/a"


def bearer(web, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(web.store, email, NOW, timedelta(days=1))}"}


def story_id(web, url: str = URL) -> str:
    with web.store.session() as session:
        found = session.scalar(select(models.Document.story_id).where(models.Document.url == url))
    assert found is not None
    return found


def test_a_category_correction_shows_at_once_in_the_feed_page_and_the_api(web_db):
    web = web_db
    story(web.store, URL, "OrbitNet to power Meridian wifi", "partnership")
    analyst = bearer(web, "ana@example.com")

    answer = web.client.post(
        f"/api/stories/{story_id(web)}/corrections",
        json={"kind": "category", "value": "launch"},
        headers=analyst,
    )

    assert answer.status_code == 201, answer.text
    stored = answer.json()
    assert stored["kind"] == "category" and stored["value"] == "launch"
    assert stored["user_email"] == "ana@example.com"
    feed = web.client.get(
        "/api/accounts/meridian-airways/feed", params={"category": "launch"}, headers=analyst
    ).json()
    assert [s["title"] for s in feed["stories"]] == ["OrbitNet to power Meridian wifi"]
    web.sign_in("max@example.com")
    page = web.client.get("/accounts/meridian-airways?category=partnership").text
    assert "OrbitNet to power Meridian wifi" not in page
    page = web.client.get("/accounts/meridian-airways?category=launch").text
    assert "OrbitNet to power Meridian wifi" in page


def test_not_threat_takes_the_story_out_of_the_accounts_feed(web):
    story(web.store, URL, "OrbitNet to power Meridian wifi", "partnership")
    analyst = bearer(web, "ana@example.com")

    answer = web.client.post(
        f"/api/stories/{story_id(web)}/corrections",
        json={"kind": "not_threat", "account_id": "meridian-airways"},
        headers=analyst,
    )

    assert answer.status_code == 201, answer.text
    feed = web.client.get("/api/accounts/meridian-airways/feed", headers=analyst).json()
    assert feed["stories"] == []
    listed = web.client.get(f"/api/stories/{story_id(web)}/corrections", headers=analyst).json()
    assert [(c["kind"], c["account_id"]) for c in listed] == [("not_threat", "meridian-airways")]


def test_a_manager_cannot_correct_a_story(web):
    story(web.store, URL, "OrbitNet to power Meridian wifi", "partnership")

    answer = web.client.post(
        f"/api/stories/{story_id(web)}/corrections",
        json={"kind": "not_news"},
        headers=bearer(web, "max@example.com"),
    )

    assert answer.status_code == 403
    with web.store.session() as session:
        assert session.scalars(select(models.AccountLink)).all() != []


def test_a_session_correction_without_the_csrf_header_is_refused(web):
    story(web.store, URL, "OrbitNet to power Meridian wifi", "partnership")
    web.sign_in("ana@example.com")

    answer = web.client.post(f"/api/stories/{story_id(web)}/corrections", json={"kind": "not_news"})
    with_token = web.client.post(
        f"/api/stories/{story_id(web)}/corrections",
        json={"kind": "not_news"},
        headers={"X-CSRF-Token": web.csrf()},
    )

    assert answer.status_code == 403
    assert with_token.status_code == 201, with_token.text


def test_bad_corrections_get_a_clear_422(web):
    story(web.store, URL, "OrbitNet to power Meridian wifi", "partnership")
    analyst = bearer(web, "ana@example.com")
    path = f"/api/stories/{story_id(web)}/corrections"

    cases = {
        "unknown kind of correction 'colour'": {"kind": "colour"},
        "unknown category 'gossip'": {"kind": "category", "value": "gossip"},
        "unknown account 'acme'": {"kind": "not_threat", "account_id": "acme"},
    }
    for message, body in cases.items():
        answer = web.client.post(path, json=body, headers=analyst)
        assert answer.status_code == 422, body
        assert message in answer.json()["detail"]["message"]
    unknown = web.client.post(
        "/api/stories/s-nope/corrections", json={"kind": "not_news"}, headers=analyst
    )
    assert unknown.status_code == 422 and "no story 's-nope'" in unknown.json()["detail"]["message"]
    assert web.client.get("/api/stories/s-nope/corrections", headers=analyst).status_code == 404


def test_the_openapi_schema_lists_the_correction_routes(web):
    paths = web.client.get("/openapi.json").json()["paths"]

    assert set(paths["/api/stories/{story_id}/corrections"]) == {"get", "post"}
