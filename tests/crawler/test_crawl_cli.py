"""`crawl`, `sources` and `sources check` as a person uses them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radar.store import models
from tests.conftest import feed
from tests.crawler.newsroom import serve_plan_feed


def serve_one(httpserver) -> None:
    serve_plan_feed(httpserver)
    httpserver.expect_request("/down.xml").respond_with_data("gone", status=404)


def test_crawl_reports_each_source_on_stderr_and_sums_up_on_stdout(
    httpserver, write_config, run_cli
):
    serve_one(httpserver)
    config = write_config(
        sources=[
            feed("news", httpserver.url_for("/feed.xml")),
            feed("down", httpserver.url_for("/down.xml")),
        ]
    )

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0
    assert "ok news: fetched 2, 1 new, 0 unchanged" in result.stderr
    assert (
        "failed down: fetched 0, 0 new, 0 unchanged — answered HTTP 404; the page is not there"
        in result.stderr
    )
    assert "crawled 2 source(s): fetched 2, new 1, unchanged 0, failed 1" in result.stdout
    assert "failed down: answered HTTP 404" in result.stdout


def test_sources_shows_each_sources_health_with_its_diagnosis(httpserver, write_config, run_cli):
    serve_one(httpserver)
    config = write_config(
        sources=[
            feed("news", httpserver.url_for("/feed.xml")),
            feed("down", httpserver.url_for("/down.xml")),
            feed("later", httpserver.url_for("/later.xml")),
        ]
    )
    assert (
        run_cli("--config", config, "crawl", "--source", "news", "--source", "down").exit_code == 0
    )

    result = run_cli("--config", config, "sources")

    assert result.exit_code == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert "ok" in lines["news"] and "1/1" in lines["news"]
    assert "failing (1 in a row)" in lines["down"] and "http: answered HTTP 404" in lines["down"]
    assert "never crawled" in lines["later"]


def test_sources_check_shows_what_a_source_would_yield_and_stores_nothing(
    httpserver, write_config, run_cli, store
):
    serve_one(httpserver)
    config = write_config(sources=[feed("news", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "sources", "check", "news")

    assert result.exit_code == 0, result.stderr
    assert "2026-11-17 09:30  launch" in result.stdout
    assert "Starlink adds an airline plan" in result.stdout
    assert "threatens delta-air-lines" in result.stdout
    assert "news: ok; fetched 2, 1 item(s), 0 page(s) failed; nothing was stored" in result.stdout
    for model in (models.Document, models.CrawlRun, models.HttpCacheEntry, models.SeenEntry):
        assert store.count(model) == 0


def test_sources_check_of_an_unknown_id_names_the_known_ones(write_config, run_cli):
    config = write_config(sources=[feed("news", "https://example.com/feed.xml")])

    result = run_cli("--config", config, "sources", "check", "nope")

    assert result.exit_code == 1
    assert "unknown source 'nope'; the config has: news" in result.stderr


def test_a_failing_source_backs_off_but_is_always_retried(store):
    start = datetime(2026, 11, 18, tzinfo=UTC)
    with store.session() as session:
        session.add(
            models.Source(
                id="flaky",
                url="https://example.com/f.xml",
                kind="feed",
                about="starlink",
                every_s=3600.0,
                consecutive_failures=0,
                documents_last=0,
                documents_total=0,
            )
        )
    waits = []
    moment = start
    for _ in range(12):
        store.record_run(
            "flaky",
            moment,
            moment,
            ok=False,
            fetched=0,
            new=0,
            unchanged=0,
            error="answered HTTP 503",
            diagnosis="http",
        )
        due = store.health("flaky").next_due_at
        waits.append(due - moment)
        moment = due
    assert waits == sorted(waits) and waits[0] < waits[-1]
    assert waits[-1] <= timedelta(hours=1) + timedelta(days=1)
    assert store.health("flaky").consecutive_failures == 12

    store.record_run(
        "flaky", moment, moment, ok=True, fetched=1, new=1, unchanged=0, error=None, diagnosis=None
    )

    health = store.health("flaky")
    assert health.consecutive_failures == 0 and health.next_due_at == moment + timedelta(hours=1)


def test_sources_check_of_a_page_built_by_script_advises_rendering_it_in_a_browser(
    httpserver, write_config, run_cli
):
    shell = (
        "<!DOCTYPE html><html><head><title>Pricing</title></head><body>"
        '<div id="root"></div><script src="/static/app.js"></script></body></html>'
    )
    httpserver.expect_request("/pricing").respond_with_data(shell, content_type="text/html")
    url = httpserver.url_for("/pricing")
    config = write_config(
        sources=[{"id": "pricing", "url": url, "kind": "page", "about": "starlink"}]
    )

    result = run_cli("--config", config, "sources", "check", "pricing")

    assert result.exit_code == 0, result.stderr
    assert (
        f'pricing: {url} looks built by script (an app shell: <div id="root"> and 1 script '
        "bundle, 0 characters of text); add `render: browser` to the source"
    ) in result.stdout
