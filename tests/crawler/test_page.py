from __future__ import annotations

from radar.store import models


def pricing_page(pro: str, year: str, quote: str, stamp: str = "09:30") -> str:
    return f"""<html><head><title>Pricing</title></head><body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<main><h1>Plans</h1><p>Prices checked today at {stamp}</p>
<div class="plan"><h3>Basic</h3><p>$19 per month</p></div>
<div class="plan"><h3>Pro</h3><p>{pro} per month</p></div>
<blockquote class="testimonial">{quote}</blockquote></main>
<footer><p>© {year} Starlink</p></footer></body></html>"""


def page_source(httpserver, **options):
    return {
        "id": "pricing",
        "url": httpserver.url_for("/pricing"),
        "kind": "page",
        "about": "starlink",
        **options,
    }


def crawl_versions(httpserver, run_cli, config, versions, content_type="text/html"):
    for body in versions:
        httpserver.clear()
        httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
        httpserver.expect_request("/pricing").respond_with_data(body, content_type=content_type)
        result = run_cli("--config", config, "crawl", "--source", "pricing")
        assert result.exit_code == 0, result.stderr


def test_a_price_change_on_a_watched_page_becomes_one_item_and_trivia_do_not(
    httpserver, write_config, run_cli, store
):
    config = write_config(sources=[page_source(httpserver, ignore=[".testimonial"])])
    versions = [
        pricing_page("$49", "2025", "Great!"),
        pricing_page("$49", "2026", "Superb!", stamp="17:45"),
        pricing_page("$59", "2026", "Superb!"),
    ]

    crawl_versions(httpserver, run_cli, config, versions)

    (title,) = store.titles("pricing")
    assert title == "Pricing: Pro: $49 → $59 per month"
    with store.session() as session:
        change = session.query(models.Document).one().change
    assert change["prices"] == ["Pro: $49 → $59 per month"]
    assert change["removed"] == ["$49 per month"] and change["added"] == ["$59 per month"]


def test_footer_year_testimonial_and_timestamp_make_no_item_without_any_selectors(
    httpserver, write_config, run_cli, store
):
    config = write_config(sources=[page_source(httpserver)])
    versions = [
        pricing_page("$49", "2025", "Great!", stamp="08:00"),
        pricing_page("$49", "2026", "Superb, and fast!", stamp="23:59"),
    ]

    crawl_versions(httpserver, run_cli, config, versions)

    assert store.titles("pricing") == []
    assert store.health("pricing").last_error is None


def test_a_page_in_a_wrongly_declared_charset_reads_the_same_as_when_declared_right(
    httpserver, write_config, run_cli, store
):
    config = write_config(sources=[page_source(httpserver)])
    page = pricing_page("49 €", "2026", "Très bien").replace("Plans", "Tarife für Großkunden")

    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(
        page.encode("utf-8"), content_type="text/html; charset=iso-8859-1"
    )
    assert run_cli("--config", config, "crawl", "--source", "pricing").exit_code == 0
    crawl_versions(httpserver, run_cli, config, [page], "text/html; charset=utf-8")

    assert store.titles("pricing") == []
    assert store.last_snapshot("pricing", httpserver.url_for("/pricing"))[0] == (
        "# Tarife für Großkunden"
    )


def test_a_watched_terms_page_is_the_analysts_choice_and_its_changes_are_items(
    httpserver, write_config, run_cli, store
):
    # What would be "not an article" on a newsroom is what the analyst asked to watch here.
    config = write_config(
        sources=[{**page_source(httpserver), "url": httpserver.url_for("/legal/terms")}]
    )

    def terms(price: str) -> str:
        return (
            "<html><head><title>Terms of Service | Starlink</title></head><body>"
            "<main><h1>Terms of Service</h1><h3>Fees</h3>"
            f"<p>The Standard plan costs {price} per month, billed in advance.</p>"
            "</main></body></html>"
        )

    for price in ["$110", "$120"]:
        httpserver.clear()
        httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
        httpserver.expect_request("/legal/terms").respond_with_data(
            terms(price), content_type="text/html"
        )
        assert run_cli("--config", config, "crawl", "--source", "pricing").exit_code == 0

    (title,) = store.titles("pricing")
    assert title.startswith("Terms of Service | Starlink: ")
    assert "$110" in title and "$120" in title
