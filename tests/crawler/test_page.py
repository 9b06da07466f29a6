from __future__ import annotations

from radar import models


def pricing_page(pro: str, year: str, quote: str) -> str:
    return f"""<html><head><title>Pricing</title></head><body>
<h1>Plans</h1>
<div class="plan"><h3>Basic</h3><p>$19 per month</p></div>
<div class="plan"><h3>Pro</h3><p>{pro} per month</p></div>
<blockquote class="testimonial">{quote}</blockquote>
<footer><p>© {year} Starlink</p></footer></body></html>"""


def test_a_price_change_on_a_watched_page_becomes_one_item_and_trivia_do_not(
    httpserver, write_config, run_cli, store
):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    source = {
        "id": "pricing",
        "url": httpserver.url_for("/pricing"),
        "kind": "page",
        "about": "starlink",
        "ignore": [".testimonial"],
    }
    config = write_config(sources=[source])
    versions = [
        pricing_page("$49", "2025", "Great!"),
        pricing_page("$49", "2026", "Superb!"),
        pricing_page("$59", "2026", "Superb!"),
    ]
    for html in versions:
        httpserver.clear()
        httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
        httpserver.expect_request("/pricing").respond_with_data(html, content_type="text/html")
        assert run_cli("--config", config, "crawl", "--source", "pricing").exit_code == 0

    (title,) = store.titles("pricing")
    assert "$49 → $59" in title
    with store.session() as session:
        change = session.query(models.Document).one().change
    assert len(change["prices"]) == 1 and "$49 → $59" in change["prices"][0]
