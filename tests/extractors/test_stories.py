from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from extractors.stories import (
    StoryCandidate,
    candidate,
    event_score,
    group_batch,
    index_keys,
    search_keys,
    story_id,
)
from radar.records import PageChange
from tests.extractors.story_items import MONDAY, PAIRS, classification, document


def item(
    key: str,
    title: str,
    text: str,
    category: str,
    at: datetime = MONDAY,
    source: str = "wire",
    change: PageChange | None = None,
) -> StoryCandidate:
    doc = document(f"https://{source}.example/{key}", title, text, at, source, change)
    return candidate(key, doc, classification(doc, category))


def pair_items(pair: dict, gap: timedelta | None = None) -> list[StoryCandidate]:
    gap = timedelta(days=pair["days"]) if gap is None else gap
    a, b = pair["a"], pair["b"]
    return [
        item("a", a["title"], a["text"], pair["category"], MONDAY, "newsroom"),
        item("b", b["title"], b["text"], pair["category"], MONDAY + gap, "wire"),
    ]


@pytest.mark.parametrize("pair", [p for p in PAIRS if p["same"]], ids=lambda p: p["name"])
def test_coverage_of_one_event_in_other_words_is_one_story(pair):
    first, second = group_batch(pair_items(pair))

    assert first == second


@pytest.mark.parametrize("pair", [p for p in PAIRS if not p["same"]], ids=lambda p: p["name"])
def test_two_events_of_one_competitor_and_category_stay_two_stories(pair):
    first, second = group_batch(pair_items(pair))

    assert first != second


SYNDICATED = (
    "OrbitNet will fit its flat-panel StratoLink 2 terminal to 40 regional jets flown by Lakeshore "
    "Air under an agreement signed on Tuesday, the two companies said. Installation starts in "
    "March at the airline's base in Duluth and should take about a year, with aircraft converted "
    "during scheduled maintenance. Passengers will get free messaging and paid streaming tiers. "
    "The airline currently offers no Wi-Fi on its regional fleet, and said that connectivity had "
    "become the most requested feature in its customer surveys. Financial terms were not disclosed."
)


def test_a_syndicated_copy_with_its_own_intro_and_outro_is_one_story_whatever_its_label():
    copy = (
        "DULUTH (Travel Desk) - "
        + SYNDICATED.replace("the two companies said", "the companies said")
        + " Reporting by the travel desk; editing by the night team."
    )
    items = [
        item("a", "OrbitNet to connect Lakeshore Air regional jets", SYNDICATED, "partnership"),
        item("b", "Lakeshore Air picks OrbitNet Wi-Fi", copy, "launch", source="syndicate"),
    ]

    first, second = group_batch(items)

    assert first == second


def test_the_same_rewritten_event_a_month_apart_is_two_stories():
    pair = next(p for p in PAIRS if p["name"].startswith("airline wifi deal"))

    first, second = group_batch(pair_items(pair, gap=timedelta(days=30)))

    assert first != second


def test_a_feed_entry_with_only_a_summary_joins_the_press_release_with_its_headline():
    title = "Nimbus Wireless drops cross-border roaming surcharges for rail customers"
    release = (
        "Nimbus Wireless today removed the surcharge it applied when trains cross a border, for all "
        "of its rail customers in the Benelux and Germany. Operators will pay one rate per "
        "carriage wherever the train runs, from the first of next month."
    )
    summary = "One rate per carriage, wherever the train runs."
    items = [
        item("release", title, release, "pricing", source="nimbus-newsroom"),
        item("entry", title, summary, "pricing", MONDAY + timedelta(hours=3), "rail-news"),
    ]

    first, second = group_batch(items)

    assert first == second


def test_two_changes_of_one_watched_page_are_two_stories_even_when_alike():
    def change(old: str, new: str) -> PageChange:
        return PageChange(
            (f"Pro {old} per month",), (f"Pro {new} per month",), (f"Pro: {old} → {new}",)
        )

    text = "Prices changed: Pro: {0} → {1} per vehicle / month."
    items = [
        item(
            "c1",
            "Pricing: Pro: $49 → $59",
            text.format("$49", "$59"),
            "pricing",
            source="skylane-pricing",
            change=change("$49", "$59"),
        ),
        item(
            "c2",
            "Pricing: Pro: $59 → $49",
            text.format("$59", "$49"),
            "pricing",
            MONDAY + timedelta(days=2),
            "skylane-pricing",
            change("$59", "$49"),
        ),
    ]

    first, second = group_batch(items)

    assert first != second


def test_a_price_rise_seen_on_the_pricing_page_and_announced_on_the_blog_is_one_story():
    page_change = PageChange(
        ("$49 per vehicle / month",),
        ("$59 per vehicle / month",),
        ("Pro: $49 → $59 per vehicle / month",),
    )
    items = [
        item(
            "change",
            "Pricing — SkyLane Connect: Pro: $49 → $59 per vehicle / month",
            "Prices changed: Pro: $49 → $59 per vehicle / month.\nNow on the page: $59 per "
            "vehicle / month\nNo longer on the page: $49 per vehicle / month",
            "pricing",
            source="skylane-pricing",
            change=page_change,
        ),
        item(
            "post",
            "SkyLane Connect raises the price of its Pro plan to $59",
            "From next month the Pro plan costs $59 per vehicle and month instead of $49, "
            "SkyLane Connect told customers on Monday, citing higher satellite capacity costs.",
            "pricing",
            MONDAY + timedelta(hours=5),
            "skylane-blog",
        ),
    ]

    first, second = group_batch(items)

    assert first == second


def test_items_that_name_no_common_company_are_not_one_event_by_their_words_alone():
    pair = next(p for p in PAIRS if p["name"].startswith("airline wifi deal"))
    first_item, second_item = pair_items(pair)
    stripped = replace(second_item, companies=("starlink",))

    first, second = group_batch([first_item, stripped])

    assert first != second


def test_the_first_item_of_a_story_names_it_and_order_of_ids_is_stable():
    pair = next(p for p in PAIRS if p["name"].startswith("airline wifi deal"))
    items = pair_items(pair)

    assert group_batch(items) == group_batch(items) == [story_id("a"), story_id("a")]


def test_a_category_mismatch_weighs_against_a_rewrite_but_does_not_veto_it():
    (retail,) = [p for p in PAIRS if p["name"].startswith("retail connectivity")]
    a, b = pair_items(retail)
    unsure = replace(b, category="launch", plausible=frozenset({"launch", "partnership", "other"}))
    sure_but_other = replace(b, category="launch", plausible=frozenset({"launch"}))
    apart = timedelta(days=retail["days"])

    assert event_score(a, b, apart) > event_score(a, unsure, apart)
    assert event_score(a, unsure, apart) > event_score(a, sure_but_other, apart)
    assert len(set(group_batch([a, unsure]))) == 1
    assert len(set(group_batch([a, sure_but_other]))) == 1


RULE_NOTICE = (
    "The Rail Safety Directorate has adopted Regulation RSD-2027/14 on the electromagnetic "
    "shielding of passenger Wi-Fi equipment in rolling stock. Operators must certify existing "
    "carriages by 30 June 2029; new carriages must comply from 1 March 2028. The regulation "
    "follows a consultation that drew 212 responses."
)
RULE_NEWS = (
    "Train operators have until mid-2029 to certify the Wi-Fi kit in their carriages under "
    "RSD-2027/14, the shielding regulation the Rail Safety Directorate adopted on Monday. New "
    "rolling stock has to comply a year earlier, from March 2028, and the directorate said the "
    "212 consultation responses had pushed it to give older carriages more time."
)


def test_reports_of_one_rule_that_name_no_company_are_found_by_their_rare_words():
    notice = item("notice", "Adoption of Regulation RSD-2027/14", RULE_NOTICE, "regulatory")
    news = item(
        "news",
        "Rail operators get until 2029 to certify on-board Wi-Fi",
        RULE_NEWS,
        "other",
        MONDAY + timedelta(days=1),
        "railnews",
    )

    assert notice.companies == news.companies == ()
    assert set(index_keys(notice)) & set(search_keys(news))
    assert len(set(group_batch([notice, news]))) == 1


DEAL_RELEASE = (
    "OrbitNet has agreed to acquire Nimbus Wireless in an all-cash transaction that values the "
    "company at $310 million. The boards of both companies back the offer, which is expected to "
    "close in the first quarter, subject to shareholder approval."
)
DEAL_WIRE = (
    "Satellite operator OrbitNet will buy Nimbus Wireless, the two said on Monday, folding the "
    "smaller firm's ground stations into its own network. Nimbus shareholders get 14.20 a share."
)
DEAL_INQUIRY = (
    "The competition authority has opened a first-phase inquiry into the planned purchase of "
    "Nimbus Wireless by OrbitNet and invites comments from interested parties by 4 December."
)


def test_two_companies_named_together_in_the_same_days_are_one_deal_in_any_words():
    release = item("release", "OrbitNet to acquire Nimbus Wireless", DEAL_RELEASE, "partnership")
    wire = item(
        "wire",
        "ORBITNET BUYS NIMBUS IN GROUND-STATION PUSH",
        DEAL_WIRE,
        "other",
        MONDAY + timedelta(days=1),
        "satwire",
    )

    assert set(release.companies) == set(wire.companies) == {"orbitnet", "nimbus"}
    assert len(set(group_batch([release, wire]))) == 1


def test_an_authoritys_inquiry_into_a_deal_is_not_the_deal_itself():
    release = item("release", "OrbitNet to acquire Nimbus Wireless", DEAL_RELEASE, "partnership")
    inquiry = item(
        "inquiry",
        "Merger inquiry: OrbitNet / Nimbus Wireless",
        DEAL_INQUIRY,
        "regulatory",
        MONDAY + timedelta(days=1),
        "authority",
    )

    assert len(set(group_batch([release, inquiry]))) == 2


def test_two_appointments_at_one_company_a_day_apart_with_nothing_specific_shared_stay_apart():
    first = item(
        "cto",
        "OrbitNet appoints Lena Marsh as chief technology officer",
        "OrbitNet has appointed Lena Marsh, who ran satellite operations at a ground-station "
        "maker, as chief technology officer. She will be based at the company's Lisbon "
        "engineering centre.",
        "executive",
    )
    second = item(
        "cfo",
        "OrbitNet hires Ravi Okafor to run finance",
        "Ravi Okafor joins OrbitNet as chief financial officer next month from the Lisbon office "
        "of an auditing firm, the satellite operator said.",
        "executive",
        MONDAY + timedelta(days=1),
        "satwire",
    )

    assert len(set(group_batch([first, second]))) == 2
