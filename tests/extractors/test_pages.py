from __future__ import annotations

from extractors.pages import compare_pages, page_lines


def test_reordered_lines_whitespace_and_a_new_year_are_no_change():
    before = ["Basic  $19 per month", "Pro $49 per month", "© 2025 Example"]
    after = ["Pro $49 per month", "Basic $19 per month", "© 2026 Example"]

    assert compare_pages(before, after) is None


def test_a_price_move_is_reported_with_old_and_new_amounts():
    change = compare_pages(["Pro plan: $49 per month"], ["Pro plan: $59 per month"])

    assert change is not None
    assert len(change.prices) == 1 and change.prices[0].startswith("Pro plan")
    assert change.prices[0].endswith("$49 → $59")


def test_ignored_selectors_are_left_out():
    html = "<html><body><p>Plan A</p><div class='quote'><p>Loved it</p></div></body></html>"

    assert page_lines(html, ignore=[".quote"]) == ["Plan A"]
