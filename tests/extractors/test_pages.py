from __future__ import annotations

import pytest

from extractors.page_diff import compare_pages
from extractors.pages import page_lines

PLANS = {
    "Starter": ("$19", ["Up to 5 GB per vehicle per day", "Passenger portal", "Email support"]),
    "Pro": ("$49", ["Up to 25 GB per vehicle per day", "Streaming cache", "Phone support"]),
    "Fleet": ("$129", ["Unlimited data", "Dedicated account manager", "99.9% uptime"]),
}


def pricing_page(
    plans=PLANS,
    year="2026",
    quote="“Our commuters stream the whole way into the city.” — Ravi, Lakeshore Rail",
    stamp="Prices last updated 17 November 2026 at 09:30",
    cookie="We use cookies to measure how this site is used.",
    nav=("Product", "Rail", "Aviation", "Pricing"),
    indent="  ",
    promo="",
) -> str:
    cards = "".join(
        f"""<section class="plan" id="plan-{name.lower()}">
{indent}<h2>{name}</h2>
{indent}<p class="price"><span class="amount">{price}</span> per vehicle / month</p>
{indent}<ul>{"".join(f"<li>{f}</li>" for f in features)}</ul>
{indent}<a class="button" href="/contact">Choose {name}</a>
</section>"""
        for name, (price, features) in plans.items()
    )
    links = "".join(f'<a href="/{n.lower()}">{n}</a> ' for n in nav)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Pricing — SkyLane Connect</title>
<style>.plans {{ display: grid; }}</style><script>window.dataLayer = [{{"t": "{stamp}"}}];</script>
</head><body>
<div class="cookie-banner" role="dialog"><p>{cookie}</p><button>Accept</button></div>
<header><a href="/">SkyLane Connect</a><nav>{links}</nav></header>
<div class="announcement" hidden>Flash sale: 50% off today only</div>
<main><h1>Simple pricing for connected fleets</h1>{promo}
<p class="stamp">{stamp}</p>
<div class="plans">{cards}</div>
<div class="testimonials"><div class="card"><p>{quote}</p></div></div>
<blockquote><p>{quote}</p></blockquote>
<section class="faq"><h2>Questions</h2><h3>Is hardware included?</h3>
<p>Routers are leased and included in every plan.</p></section></main>
<footer><p>© {year} SkyLane Connect Ltd. All rights reserved.</p></footer>
</body></html>"""


def changed(before_html: str, after_html: str, **selectors):
    return compare_pages(page_lines(before_html, **selectors), page_lines(after_html, **selectors))


def test_main_content_is_read_as_lines_with_marked_headings_and_no_chrome():
    lines = page_lines(pricing_page())

    assert lines[:5] == [
        "# Simple pricing for connected fleets",
        "Prices last updated 17 November 2026 at 09:30",
        "## Starter",
        "$19 per vehicle / month",
        "Up to 5 GB per vehicle per day",
    ]
    text = "\n".join(lines)
    for chrome in ("cookies", "Aviation", "Ravi", "Flash sale", "All rights reserved", "dataLayer"):
        assert chrome not in text


@pytest.mark.parametrize(
    "trivial",
    [
        {"year": "2027"},
        {"quote": "“Wi-Fi complaints simply stopped.” — Sara, Northbay Air"},
        {"stamp": "Prices last updated 2 December 2026 at 17:05"},
        {"cookie": "We and 84 partners use cookies. Manage your choices."},
        {"nav": ("Product", "Pricing", "Rail", "Aviation", "Blog")},
        {"indent": "\n\t\t    "},
        {
            "plans": {
                "Fleet": PLANS["Fleet"],
                "Pro": ("$49", list(reversed(PLANS["Pro"][1]))),
                "Starter": PLANS["Starter"],
            }
        },
    ],
    ids=[
        "footer-year",
        "testimonial",
        "timestamp",
        "cookie-banner",
        "navigation",
        "whitespace",
        "reordered-plans-and-features",
    ],
)
def test_trivial_changes_make_no_item_even_without_ignore_selectors(trivial):
    assert changed(pricing_page(), pricing_page(**trivial)) is None


def test_a_price_rise_is_told_with_the_plan_from_the_heading_above_it():
    plans = {**PLANS, "Pro": ("$59", PLANS["Pro"][1])}

    change = changed(pricing_page(), pricing_page(plans=plans, year="2027"))

    assert change is not None
    assert change.prices == ("Pro: $49 → $59 per vehicle / month",)
    assert change.removed == ("$49 per vehicle / month",)
    assert change.added == ("$59 per vehicle / month",)


def test_a_smaller_allowance_is_an_edit_told_with_its_plan():
    starter = ("$19", ["Up to 3 GB per vehicle per day", *PLANS["Starter"][1][1:]])

    change = changed(pricing_page(), pricing_page(plans={**PLANS, "Starter": starter}))

    assert change is not None and change.prices == ()
    assert change.edits == (
        "Starter: “Up to 5 GB per vehicle per day” → “Up to 3 GB per vehicle per day”",
    )


def test_a_feature_moved_to_another_plan_is_a_change():
    pro = ("$49", PLANS["Pro"][1][:2])
    fleet = ("$129", [*PLANS["Fleet"][1], "Phone support"])

    change = changed(pricing_page(), pricing_page(plans={**PLANS, "Pro": pro, "Fleet": fleet}))

    assert change is not None
    assert change.edits == ("Fleet: “Phone support”, moved from Pro",)


def test_a_new_plan_and_a_promotion_are_changes():
    plans = {**PLANS, "Enterprise": ("$399", ["Private network slice"])}
    promo = "<p class='promo'>Save 20% on annual Fleet plans until March</p>"

    change = changed(pricing_page(), pricing_page(plans=plans, promo=promo))

    assert change is not None
    assert (
        "Simple pricing for connected fleets: added “Save 20% on annual Fleet plans until March”"
        in change.edits
    )
    assert "## Enterprise" not in change.added and "Enterprise" in change.added
    assert "Enterprise: added “$399 per vehicle / month”" in change.edits


def test_a_price_in_a_table_row_is_told_with_the_row():
    def table(pro: str) -> str:
        return f"""<html><body><table><tr><th>Plan</th><th>Price</th><th>Seats</th></tr>
<tr><td>Basic</td><td>€19</td><td>5</td></tr><tr><td>Pro</td><td>{pro}</td><td>25</td></tr>
</table></body></html>"""

    change = changed(table("€49"), table("€59"))

    assert change is not None and change.prices == ("Pro: €49 → €59 (25)",)


def test_a_currency_switch_at_the_same_amount_is_a_price_move():
    change = compare_pages(["## Pro", "$49 per month"], ["## Pro", "€49 per month"])

    assert change is not None and change.prices == ("Pro: $49 → €49 per month",)


def test_focus_selectors_compare_only_their_parts_and_ignore_selectors_drop_theirs():
    plans = {**PLANS, "Pro": ("$59", PLANS["Pro"][1])}
    before, after = pricing_page(), pricing_page(plans=plans)

    assert changed(before, after, focus=["#plan-starter"]) is None
    assert changed(before, after, ignore=["#plan-pro"]) is None
    assert changed(before, after, focus=["#plan-pro"]) is not None


def test_mojibake_from_a_wrong_charset_reads_as_the_text_it_was():
    proper = (
        "<html><body><main><h2>Großhändler</h2><p>Preis: 49 € pro Fahrzeug</p></main></body></html>"
    )
    garbled = proper.encode("utf-8").decode("cp1252")

    assert (
        page_lines(garbled) == page_lines(proper) == ["## Großhändler", "Preis: 49 € pro Fahrzeug"]
    )


def test_a_page_without_markup_gives_no_lines():
    assert page_lines("") == [] and page_lines("   ") == []
