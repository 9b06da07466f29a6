"""Sources with `render: browser`: pages built by script, read through Debian's chromium."""

from __future__ import annotations

import json

import pytest

from radar.store import models
from tests.conftest import feed, site
from tests.pages import LAUNCH_BODY, article

pytestmark = pytest.mark.browser

SHELL = """<!DOCTYPE html><html><head><title>Pricing</title></head><body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<div id="root"></div><script src="/static/app.js"></script></body></html>"""
# Builds the plans from the API, as a single-page app does; `delay` waits after the answer.
APP = """fetch("/api/plans").then(function (r) { return r.json(); }).then(function (plans) {
  setTimeout(function () {
    var main = document.createElement("main");
    main.innerHTML = "<h1>Plans</h1>" + plans.map(function (p) {
      return '<div class="plan"><h3>' + p.name + "</h3><p>" + p.price + " per month</p></div>";
    }).join("");
    document.getElementById("root").appendChild(main);
  }, DELAY);
});"""


def serve_app(httpserver, pro: str, delay_ms: int = 0) -> None:
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(SHELL, content_type="text/html")
    httpserver.expect_request("/static/app.js").respond_with_data(
        APP.replace("DELAY", str(delay_ms)), content_type="application/javascript"
    )
    plans = [{"name": "Basic", "price": "$19"}, {"name": "Pro", "price": pro}]
    httpserver.expect_request("/api/plans").respond_with_data(
        json.dumps(plans), content_type="application/json"
    )


def rendered_page(httpserver, **options):
    return {
        "id": "pricing",
        "url": httpserver.url_for("/pricing"),
        "kind": "page",
        "about": "starlink",
        "render": "browser",
        **options,
    }


def crawl(run_cli, config) -> None:
    result = run_cli("--config", config, "crawl", "--source", "pricing")
    assert result.exit_code == 0, result.stderr


def test_a_price_change_on_a_page_built_by_script_becomes_one_item(
    chromium, httpserver, write_config, run_cli, store
):
    config = write_config(sources=[rendered_page(httpserver)])

    for pro in ["$49", "$49", "$59"]:
        serve_app(httpserver, pro)
        crawl(run_cli, config)

    assert store.titles("pricing") == ["Pricing: Pro: $49 → $59 per month"]
    with store.session() as session:
        change = session.query(models.Document).one().change
    assert change["prices"] == ["Pro: $49 → $59 per month"]
    assert store.health("pricing").last_error is None


def test_a_page_that_builds_its_content_after_the_network_is_quiet_is_read_once_its_selector_is_there(
    chromium, httpserver, write_config, run_cli, store
):
    config = write_config(sources=[rendered_page(httpserver, wait_for=".plan h3")])

    for pro in ["$49", "$59"]:
        serve_app(httpserver, pro, delay_ms=1500)
        crawl(run_cli, config)

    assert store.titles("pricing") == ["Pricing: Pro: $49 → $59 per month"]


def test_ignore_selectors_apply_to_the_rendered_page(
    chromium, httpserver, write_config, run_cli, store
):
    config = write_config(sources=[rendered_page(httpserver, ignore=[".plan"])])

    for pro in ["$49", "$59"]:
        serve_app(httpserver, pro)
        crawl(run_cli, config)

    assert store.titles("pricing") == []
    assert store.last_snapshot("pricing", httpserver.url_for("/pricing")) == ["# Plans"]


def test_a_page_that_never_settles_is_a_timeout_that_says_what_was_seen(
    chromium, httpserver, write_config, run_cli, store
):
    busy = SHELL.replace(
        '<script src="/static/app.js"></script>',
        "<p>Loading plans</p><script>setInterval(function () { fetch('/poll'); }, 100);</script>",
    )
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(busy, content_type="text/html")
    httpserver.expect_request("/poll").respond_with_data("{}", content_type="application/json")
    config = write_config(sources=[rendered_page(httpserver)], settings={"request_timeout": "2s"})

    crawl(run_cli, config)

    health = store.health("pricing")
    assert health.last_diagnosis == "timeout"
    assert "did not settle within 2 s (waiting for network idle)" in health.last_error
    assert "title 'Pricing'" in health.last_error and "Loading plans" in health.last_error


def test_robots_txt_holds_for_a_rendered_page(chromium, httpserver, write_config, run_cli, store):
    serve_app(httpserver, "$49")
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /pricing")
    config = write_config(sources=[rendered_page(httpserver)])

    crawl(run_cli, config)

    assert store.health("pricing").last_diagnosis == "robots.txt"
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]


def test_a_rendered_page_on_a_private_address_is_refused_as_a_plain_fetch_is(
    chromium, httpserver, write_config, run_cli, store
):
    serve_app(httpserver, "$49")
    url = f"http://localhost:{httpserver.port}/pricing"  # a name: only the crawl resolves it
    config = write_config(
        allow_private_networks=False, sources=[{**rendered_page(httpserver), "url": url}]
    )

    crawl(run_cli, config)

    health = store.health("pricing")
    assert health.last_diagnosis == "private network"
    assert health.last_error.startswith("refused: localhost resolves to 127.0.0.1, a loopback")
    assert httpserver.log == []


def test_a_newsroom_built_by_script_is_followed_to_its_articles(
    chromium, httpserver, write_config, run_cli, store
):
    listing = SHELL.replace(
        '<script src="/static/app.js"></script>',
        "<script>document.getElementById('root').innerHTML ="
        " '<ul><li><a href=\"/news/airline-plan\">Airline plan</a></li></ul>';</script>",
    )
    story = SHELL.replace(
        '<script src="/static/app.js"></script>',
        "<script>document.getElementById('root').innerHTML = "
        + json.dumps(article("Starlink adds an airline plan", LAUNCH_BODY))
        + ";</script>",
    )
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news/").respond_with_data(listing, content_type="text/html")
    httpserver.expect_request("/news/airline-plan").respond_with_data(
        story, content_type="text/html"
    )
    config = write_config(
        sources=[site("newsroom", httpserver.url_for("/news/"), depth=1, render="browser")]
    )

    result = run_cli("--config", config, "crawl", "--source", "newsroom")

    assert result.exit_code == 0, result.stderr
    assert store.titles("newsroom") == ["Starlink adds an airline plan"]


def test_wait_for_without_render_browser_and_a_bad_selector_are_config_errors(
    write_config, run_cli
):
    config = write_config(
        sources=[
            {**feed("news", "https://example.com/feed.xml"), "wait_for": ".plans"},
            {
                **feed("other", "https://example.org/feed.xml"),
                "render": "browser",
                "wait_for": "a[[",
            },
            {**feed("third", "https://example.net/feed.xml"), "render": "chrome"},
        ]
    )

    result = run_cli("--config", config, "validate")

    assert result.exit_code == 1
    assert "sources[0]: wait_for applies only with render: browser" in result.stderr
    assert "sources[1].wait_for: 'a[[' is not a CSS selector" in result.stderr
    assert "sources[2].render: Input should be 'http' or 'browser'" in result.stderr


def test_a_rendered_page_larger_than_max_body_fails_its_source_as_too_large(
    chromium, httpserver, write_config, run_cli, store
):
    serve_app(httpserver, "$49 " + "and more " * 400)
    config = write_config(sources=[rendered_page(httpserver)], settings={"max_body": 2048})

    crawl(run_cli, config)

    health = store.health("pricing")
    assert health.last_diagnosis == "body too large"
    assert "more than settings.max_body (2048)" in health.last_error
