"""Servers that misbehave on purpose: each fault lands on its own source's health, and only there."""

from __future__ import annotations

from radar.store import models
from tests.conftest import feed, site
from tests.crawler.servers import gzip_bomb, gzipped, hanging_server
from tests.pages import LAUNCH_BODY, PRICING_BODY, article, rss

FAST = {"request_timeout": "500ms", "max_body": 100_000}


def open_robots(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


def serve_good_feed(httpserver) -> None:
    httpserver.expect_request("/good.xml").respond_with_data(
        rss([("Starlink adds an airline plan", httpserver.url_for("/news/plan"), "Plan.")]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/news/plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY), content_type="text/html"
    )


def test_a_hanging_server_and_a_gzip_bomb_fail_their_sources_and_the_others_are_stored(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    serve_good_feed(httpserver)
    httpserver.expect_request("/bomb.xml").respond_with_response(
        gzipped(gzip_bomb(30_000_000), "application/rss+xml")
    )
    with hanging_server() as hanging:
        config = write_config(
            settings=FAST,
            sources=[
                feed("hangs", f"{hanging}/feed.xml"),
                feed("bomb", httpserver.url_for("/bomb.xml")),
                feed("good", httpserver.url_for("/good.xml")),
            ],
        )

        result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.health("hangs").last_diagnosis == "timeout"
    assert store.health("bomb").last_diagnosis == "body too large"
    assert "settings.max_body" in store.health("bomb").last_error
    assert store.titles("good") == ["Starlink adds an airline plan"]
    assert "failed 2" in result.stdout


def test_a_server_error_is_retried_with_backoff_then_recorded(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    httpserver.expect_request("/feed.xml").respond_with_data("oops", status=500)
    config = write_config(settings=FAST, sources=[feed("broken", httpserver.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    health = store.health("broken")
    assert "HTTP 500" in health.last_error and health.last_diagnosis == "http"
    assert sum(1 for req, _ in httpserver.log if req.path == "/feed.xml") == 3


def test_a_redirect_loop_is_cut_and_diagnosed(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    config = write_config(settings=FAST, sources=[feed("loop", httpserver.url_for("/a"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    health = store.health("loop")
    assert health.last_diagnosis == "redirect loop"
    assert "use the final URL" in health.last_error
    assert len([req for req, _ in httpserver.log if req.path in {"/a", "/b"}]) <= 6


def test_a_body_larger_than_max_body_is_refused(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    httpserver.expect_request("/huge").respond_with_data(
        "<html><body>" + "x" * 300_000 + "</body></html>", content_type="text/html"
    )
    config = write_config(settings=FAST, sources=[site("huge", httpserver.url_for("/huge"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("huge").last_diagnosis == "body too large"


def test_a_latin1_page_without_a_declared_charset_is_read_correctly(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    body = (
        "Starlink lance un forfait pour les compagnies aériennes européennes. Le nouveau service "
        "arrivera en janvier sur les avions de ligne, avec la messagerie gratuite à bord.\n\n"
        "Trois compagnies aériennes d'Europe équiperont leurs premiers appareils au printemps, "
        "a précisé la société, qui promet une installation en une nuit."
    )
    html = article("Starlink lance un forfait aérien", body).replace('<meta charset="utf-8">', "")
    httpserver.expect_request("/news/").respond_with_data(
        '<html><body><a href="/news/forfait">Forfait</a></body></html>', content_type="text/html"
    )
    httpserver.expect_request("/news/forfait").respond_with_data(
        html.encode("latin-1"), content_type="text/html"
    )
    config = write_config(sources=[site("fr", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    with store.session() as session:
        text = session.query(models.Document.text).scalar()
    assert "compagnies aériennes européennes" in text and "\ufffd" not in text


def test_a_page_whose_declared_charset_is_wrong_is_decoded_by_detection(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    body = (
        "Die neue Preisliste gilt ab März für alle Geschäftskunden in Österreich und der Schweiz. "
        "Der Standardtarif kostet künftig 120 Euro im Monat statt bisher 110 Euro.\n\n"
        "Bestandskunden mit Jahresvertrag behalten ihren Tarif bis zur Verlängerung, teilte das "
        "Unternehmen am Dienstag in einer Mitteilung an die Kundschaft mit."
    )
    httpserver.expect_request("/news/").respond_with_data(
        '<html><body><a href="/news/preise">Preise</a></body></html>', content_type="text/html"
    )
    httpserver.expect_request("/news/preise").respond_with_data(
        article("Starlink erhöht die Preise", body).encode("cp1252"),
        content_type="text/html; charset=utf-8",
    )
    config = write_config(sources=[site("de", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    with store.session() as session:
        text = session.query(models.Document.text).scalar()
    assert "Geschäftskunden in Österreich" in text


def test_a_malformed_feed_still_yields_its_readable_entries(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    broken = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News & more</title>'
        "<item><title>Starlink raises Standard plan</title><link>"
        + httpserver.url_for("/news/price")
        + "</link><description>Prices up <b>again</description></item>"
        "<item><title>Unclosed item</title><description>no end"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(broken, content_type="application/xml")
    httpserver.expect_request("/news/price").respond_with_data(
        article("Starlink raises Standard plan", PRICING_BODY), content_type="text/html"
    )
    config = write_config(sources=[feed("messy", httpserver.url_for("/feed.xml"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert "Starlink raises Standard plan" in store.titles("messy")
    assert store.health("messy").consecutive_failures == 0


def test_a_source_forbidden_by_robots_txt_is_never_requested(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /news/\n")
    httpserver.expect_request("/news/").respond_with_data(
        "<html>no</html>", content_type="text/html"
    )
    config = write_config(sources=[site("walled", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    assert store.health("walled").last_diagnosis == "robots.txt"
    assert [req.path for req, _ in httpserver.log] == ["/robots.txt"]


def test_a_cloudflare_challenge_page_is_diagnosed_as_an_anti_bot_challenge(
    httpserver, write_config, run_cli, store
):
    open_robots(httpserver)
    challenge = (
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
        "<noscript>Enable JavaScript and cookies to continue</noscript>"
        '<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script>'
        "</body></html>"
    )
    httpserver.expect_request("/news/").respond_with_data(
        challenge, status=403, content_type="text/html", headers={"cf-mitigated": "challenge"}
    )
    config = write_config(sources=[site("guarded", httpserver.url_for("/news/"))])

    assert run_cli("--config", config, "crawl").exit_code == 0

    health = store.health("guarded")
    assert health.last_diagnosis == "anti-bot challenge"
    assert "Cloudflare" in health.last_error
    assert store.titles("guarded") == []


def test_a_tls_handshake_failure_is_diagnosed_as_tls(httpserver, write_config, run_cli, store):
    open_robots(httpserver)
    plain = httpserver.url_for("/feed.xml").replace("http://", "https://")
    config = write_config(settings=FAST, sources=[feed("tls", plain)])

    assert run_cli("--config", config, "crawl").exit_code == 0

    health = store.health("tls")
    assert health.last_diagnosis == "tls", health.last_error
    assert "certificate" in health.last_error
