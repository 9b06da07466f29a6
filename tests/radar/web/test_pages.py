"""The reading pages: sign-in, threat feed with its filters, portfolio, source health."""

from __future__ import annotations

from datetime import timedelta

from radar.store.users import add_user
from tests.radar.web.conftest import NOW, PASSWORD, record_failure, story


def test_pages_send_a_visitor_without_a_session_to_sign_in(web):
    answer = web.client.get("/accounts/meridian-airways?week=2026-W47", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/accounts/meridian-airways%3Fweek%3D2026-W47"


def test_a_wrong_password_is_refused(web):
    page = web.client.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]

    answer = web.client.post(
        "/login", data={"email": "ana@example.com", "password": "not it", "csrf": token}
    )

    assert answer.status_code == 401 and "wrong email or password" in answer.text
    assert web.client.get("/", follow_redirects=False).status_code == 303


def test_a_one_time_password_works_once_then_a_new_one_is_chosen(web):
    _, one_time = add_user(web.store, "new@example.com", "manager", NOW)
    web.sign_in("new@example.com", one_time)

    assert web.client.get("/", follow_redirects=False).headers["location"] == "/password"
    page = web.client.get("/password")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    chosen = web.client.post(
        "/password",
        data={"current": one_time, "new": PASSWORD, "again": PASSWORD, "csrf": token},
    )

    assert chosen.status_code == 200 and "Key accounts" in chosen.text
    web.client.cookies.clear()
    page = web.client.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    again = web.client.post(
        "/login", data={"email": "new@example.com", "password": one_time, "csrf": token}
    )
    assert again.status_code == 401


def test_an_account_feed_shows_each_story_with_its_sources_and_reasons(web_db):
    web = web_db
    story(
        web.store,
        "https://orbitnet.example/news/stratolink",
        "OrbitNet launches StratoLink 2",
        "launch",
    )
    story(
        web.store,
        "https://orbitnet.example/news/prices",
        "OrbitNet cuts maritime prices",
        "pricing",
    )
    story(
        web.store,
        "https://skylane.example/blog/x",
        "SkyLane joins a rail trial",
        "partnership",
        source_id="skylane-blog",
        about="skylane",
    )
    web.sign_in("max@example.com")

    page = web.client.get("/accounts/meridian-airways")

    assert page.status_code == 200
    for title in (
        "OrbitNet launches StratoLink 2",
        "OrbitNet cuts maritime prices",
        "SkyLane joins a rail trial",
    ):
        assert title in page.text
    assert "https://orbitnet.example/news/stratolink" in page.text
    assert "OrbitNet courts Meridian" in page.text
    assert "· SkyLane Connect</div>" in " ".join(page.text.split())  # names, not ids
    assert ">OrbitNet newsroom</a>" in page.text  # the source's `name:`, not its id


def test_pages_name_companies_and_sources_by_their_names_not_their_ids(web):
    from radar.config.loader import load_config

    web.store.sync_config(load_config(web.config), NOW)
    web.sign_in("ana@example.com")

    accounts = web.client.get("/").text
    sources = web.client.get("/sources").text
    editor = web.client.get("/editor").text

    assert '"Competitors">OrbitNet, SkyLane Connect</td>' in accounts
    assert "orbitnet, skylane" not in accounts
    assert "Northmark Official Gazette" in sources
    assert '"Competitors">OrbitNet, SkyLane Connect</td>' in editor


def test_the_feed_filters_by_category_competitor_and_week(web_db):
    web = web_db
    story(web.store, "https://orbitnet.example/news/a", "OrbitNet launches StratoLink 2", "launch")
    story(web.store, "https://orbitnet.example/news/b", "OrbitNet cuts maritime prices", "pricing")
    story(
        web.store,
        "https://skylane.example/blog/c",
        "SkyLane opens a Nordic office",
        "launch",
        source_id="skylane-blog",
        about="skylane",
    )
    story(
        web.store,
        "https://orbitnet.example/news/old",
        "OrbitNet names a new CFO",
        "executive",
        dated_at=NOW - timedelta(days=9),
    )
    web.sign_in("max@example.com")

    launches = web.client.get("/accounts/meridian-airways?category=launch").text
    orbitnet = web.client.get("/accounts/meridian-airways?competitor=orbitnet").text
    week_46 = web.client.get("/accounts/meridian-airways?week=2026-W46").text

    assert "StratoLink" in launches and "SkyLane opens" in launches and "maritime" not in launches
    assert "StratoLink" in orbitnet and "maritime" in orbitnet and "SkyLane opens" not in orbitnet
    assert "new CFO" in week_46 and "StratoLink" not in week_46


def test_the_feed_puts_the_most_threatening_story_first_and_orders_by_date_on_request(web):
    story(web.store, "https://orbitnet.example/news/new", "OrbitNet blog post", "other", score=20)
    story(
        web.store,
        "https://orbitnet.example/news/cto",
        "Meridian's CTO leaves",
        "executive",
        score=95,
        dated_at=NOW - timedelta(days=6),
    )
    web.sign_in("max@example.com")

    by_threat = web.client.get("/accounts/meridian-airways").text
    by_date = web.client.get("/accounts/meridian-airways?order=date").text

    assert by_threat.index("CTO leaves") < by_threat.index("blog post")
    assert by_date.index("blog post") < by_date.index("CTO leaves")
    assert '<option value="date" selected>' in by_date
    assert web.client.get("/accounts/meridian-airways?order=random").status_code == 422


def test_a_bad_filter_gets_a_clear_message(web):
    web.sign_in("max@example.com")

    answer = web.client.get("/accounts/meridian-airways?week=W47")

    assert answer.status_code == 422 and "is not an ISO week" in answer.text
    assert web.client.get("/accounts/nobody").status_code == 404


def test_crawled_text_is_escaped_in_the_pages(web):
    story(
        web.store, "https://orbitnet.example/news/x", "<script>alert(1)</script> OrbitNet", "launch"
    )
    web.sign_in("max@example.com")

    page = web.client.get("/accounts/meridian-airways").text

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; OrbitNet" in page


def test_portfolio_ranks_the_most_threatened_account_first(web):
    story(
        web.store,
        "https://orbitnet.example/news/a",
        "OrbitNet to power Meridian wifi",
        "partnership",
        score=92,
    )
    story(
        web.store,
        "https://nimbus-wireless.example/b",
        "Nimbus adds a cruise plan",
        "launch",
        account_id="coastline-cruises",
        score=40,
        source_id="nimbus-updates",
        about="nimbus",
    )
    web.sign_in("max@example.com")

    page = web.client.get("/portfolio?week=2026-W47").text

    assert (
        page.index("Meridian Airways")
        < page.index("Coastline Cruises")
        < page.index("Pinewood Rail")
    )
    assert "£2,208,000" in page  # Meridian's £2,400,000 a year at a threat of 92


def test_portfolio_opens_on_the_last_complete_week_and_names_its_dates(web):
    story(
        web.store,
        "https://orbitnet.example/news/a",
        "OrbitNet to power Meridian wifi",
        "partnership",
        dated_at=NOW - timedelta(days=5),  # Friday of 2026-W46
    )
    web.sign_in("max@example.com")

    page = " ".join(web.client.get("/portfolio").text.split())

    assert "Portfolio, week 2026-W46" in page
    assert "Mon 9 Nov to Sun 15 Nov 2026: the last complete week" in page
    assert '<td data-label="Stories">1</td>' in page  # its one story, not the empty current week


def test_source_health_shows_documents_per_week_and_the_last_error(web_db):
    web = web_db
    from radar.config.loader import load_config

    web.store.sync_config(load_config(web.config), NOW)
    story(web.store, "https://orbitnet.example/news/a", "OrbitNet launches StratoLink 2", "launch")
    record_failure(web.store)
    web.sign_in("max@example.com")

    health = web.client.get("/sources").text

    assert "http: HTTP 503 from the server" in health
    assert 'title="2026-W47">1<' in health
    assert "No scheduler has run on this database yet" in health
