from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy

import lxml.html

from digest.message import build_message, message_id, subject
from digest.render import environment, render_html, render_text
from digest.select import build_digest
from digest.week import parse_week, previous_week, week_bounds
from radar.records import StoryEntry

NOW = datetime(2026, 11, 23, 7, tzinfo=UTC)


def story(
    story_id: str, title: str, category: str, score: int, summary: str = "A summary."
) -> StoryEntry:
    return StoryEntry(
        story_id,
        title,
        summary,
        category,
        datetime(2026, 11, 18, 12, tzinfo=UTC),
        (("starlink-news", f"https://example.com/{story_id}"),),
        ("starlink",),
        score,
        ("Starlink competes with you for Delta Air Lines",),
    )


def digest_of(*stories: StoryEntry):
    return build_digest(
        "delta-air-lines",
        "Delta Air Lines",
        "jane@example.com",
        "2026-W47",
        "America/New_York",
        list(stories),
    )


def mailed(digest, names, sender="Radar <radar@example.com>", to=("jane@example.com",)):
    """The digest rendered with those competitor names and built into a message: (it, html, text)."""
    env = environment(names)
    html, text = render_html(env, digest), render_text(env, digest)
    return build_message(digest, html, text, sender, list(to), NOW), html, text


def test_stories_are_grouped_by_category_most_threatening_first():
    digest = digest_of(
        story("a", "Minor award", "other", 20),
        story("b", "Price rise", "pricing", 80),
        story("c", "New plan", "launch", 60),
        story("d", "Bigger price rise", "pricing", 90),
    )

    assert [g.category for g in digest.groups] == ["pricing", "launch", "other"]
    assert [s.story_id for s in digest.groups[0].stories] == ["d", "b"]


def test_the_week_is_taken_in_the_accounts_time_zone():
    start, end = week_bounds("2026-W47", "America/New_York")

    assert start == datetime(2026, 11, 16, 5, tzinfo=UTC)
    assert end == datetime(2026, 11, 23, 5, tzinfo=UTC)
    assert previous_week(NOW, "Europe/London") == "2026-W47"


def test_a_malformed_week_is_refused_with_the_expected_form():
    for bad in ("2026-47", "2026-W54", "W47"):
        try:
            parse_week(bad)
        except ValueError as err:
            assert "YYYY-Www" in str(err) or "no week" in str(err)
        else:
            raise AssertionError(f"{bad} accepted")


def test_crawled_text_is_escaped_in_html_and_never_reaches_a_header():
    hostile = story(
        "x",
        "<script>alert(1)</script>\r\nBcc: victim@example.com",
        "pricing",
        80,
        summary="<img src=x onerror=alert(2)>",
    )
    msg, html, _ = mailed(digest_of(hostile), {"starlink": "Starlink"})

    parsed = email.message_from_bytes(bytes(msg), policy=policy.default)

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert parsed["Bcc"] is None
    assert all("script" not in str(value) for value in parsed.values())


def test_the_email_is_multipart_alternative_with_a_stable_message_id():
    msg, _, _ = mailed(digest_of(story("a", "Price rise", "pricing", 80)), {}, "radar@example.com")

    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Message-ID"] == message_id("delta-air-lines", "2026-W47", "radar@example.com")
    assert msg["List-Unsubscribe"].startswith("<mailto:radar@example.com")


def test_html_has_css_inlined_and_no_script():
    digest = digest_of(story("a", "Price rise", "pricing", 80))

    html = render_html(environment({}), digest)

    assert "<script" not in html
    assert 'style="' in html


def test_a_quiet_week_says_so():
    env = environment({})

    assert "A quiet week" in render_text(env, digest_of())


def entry_story(
    title="Price rise",
    category="pricing",
    score=80,
    rules=("watched competitor",),
    summary="The Pro plan now costs $59, up from $49. Existing customers keep their rate.",
):
    return StoryEntry(
        "p",
        title,
        summary,
        category,
        datetime(2026, 11, 18, 12, tzinfo=UTC),
        (
            ("starlink-news", "https://www.starlink.example/news/pro"),
            ("wire", "https://wire.example/starlink-pro"),
        ),
        ("starlink", "delta-air-lines"),
        score,
        ("Starlink competes with you for Delta Air Lines",),
        rules=rules,
    )


def digest_with(story_entry, renewal=None):
    from datetime import date

    return build_digest(
        "delta-air-lines",
        "Delta Air Lines",
        "jane@example.com",
        "2026-W47",
        "UTC",
        [story_entry],
        competitors={"starlink": "Starlink"},
        sent_at=datetime(2026, 11, 23, 7, tzinfo=UTC),
        renewal=date.fromisoformat(renewal) if renewal else None,
    )


def test_each_entry_has_one_sentence_its_competitor_and_every_source():
    digest = digest_with(entry_story())
    env = environment({"starlink": "Starlink"})

    (entry,) = digest.groups[0].entries
    html, text = render_html(env, digest), render_text(env, digest)

    assert entry.sentence == "The Pro plan now costs $59, up from $49."
    assert entry.competitors == ("Starlink",)
    assert "Existing customers" not in text
    assert 'href="https://www.starlink.example/news/pro"' in html
    assert 'href="https://wire.example/starlink-pro"' in html
    assert "Why this matters to Delta Air Lines" in text


def test_a_pricing_move_before_a_renewal_suggests_reviewing_the_renewal_offer():
    env = environment({})

    near = render_text(env, digest_with(entry_story(), renewal="2027-01-15"))
    far = render_text(env, digest_with(entry_story(), renewal="2028-01-15"))

    assert "Review the renewal offer" in near and "53 days" in near
    assert "Review the renewal offer" not in far


def test_days_to_renewal_count_from_the_send_date_in_the_accounts_own_zone():
    from datetime import date, time

    from digest.week import send_moment

    # Monday 07:00 in Auckland is still Sunday in UTC: the count is from the Monday.
    sent_at = send_moment("2026-W47", "Pacific/Auckland", 0, time(7))
    digest = build_digest(
        "delta-air-lines",
        "Delta Air Lines",
        "jane@example.com",
        "2026-W47",
        "Pacific/Auckland",
        [entry_story("Starlink opens a new plan", "launch", 60)],
        competitors={"starlink": "Starlink"},
        sent_at=sent_at,
        renewal=date(2027, 1, 15),
    )

    text = render_text(environment({}), digest)

    assert sent_at == datetime(2026, 11, 22, 18, tzinfo=UTC)
    assert digest.days_to_renewal == 53
    assert "renewal talks, 53 days away" in text


def test_the_accounts_own_launch_suggests_mentioning_it_not_answering_a_competitor():
    from dataclasses import replace

    own = replace(
        entry_story("Delta opens a route to Reykjavik", "launch", 60, rules=("account news",)),
        companies=("delta-air-lines",),
    )

    text = render_text(environment({}), digest_with(own, renewal="2027-01-15"))

    assert "Next step: Mention it at your next contact with Delta Air Lines" in text
    assert "competitor" not in text.split("Next step:")[1].splitlines()[0]


def test_a_stakeholder_leaving_suggests_mapping_the_successor():
    story_entry = entry_story("CIO to step down", "executive", 95, rules=("stakeholder move",))

    text = render_text(environment({}), digest_with(story_entry))

    assert "Next step: Map the successor" in text


def test_an_operator_can_rewrite_the_next_steps_in_their_own_template(tmp_path):
    (tmp_path / "next_step.txt.j2").write_text(
        "{% if story.category == 'pricing' %}Ring the buyer at {{ account_name }}.{% endif %}"
    )

    text = render_text(environment({}, tmp_path), digest_with(entry_story()))

    assert "Next step: Ring the buyer at Delta Air Lines." in text


def test_the_subject_names_the_top_threat_from_config_names_only():
    digest = digest_with(entry_story(title="Starlink\r\nBcc: victim@example.com"))

    line = subject(digest)

    assert line.startswith("Delta Air Lines: 1 competitive story, top threat 80 (Starlink, pricing")
    assert "Bcc" not in line


def test_crawled_text_cannot_add_a_header_or_a_script_anywhere():
    hostile = StoryEntry(
        "h",
        "Evil\r\nBcc: all@example.com\r\n\r\n<script>alert(1)</script>",
        '"><svg onload=alert(3)> \nX-Injected: yes',
        "pricing",
        datetime(2026, 11, 18, 12, tzinfo=UTC),
        (("src", 'javascript:alert(4)"><script>alert(5)</script>'),),
        ("starlink",),
        90,
        ("<b onmouseover=alert(6)>reason</b>\r\nCc: x@example.com",),
    )
    msg, html, text = mailed(digest_of(hostile), {"starlink": "Starlink"})

    parsed = email.message_from_bytes(bytes(msg), policy=policy.default)

    tree = lxml.html.fromstring(html)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None and parsed["Cc"] is None
    assert tree.xpath("//script | //svg | //b") == []
    assert [a for e in tree.iter() for a in e.attrib if a.startswith("on")] == []
    assert all(h.startswith(("http://", "https://", "#")) for h in tree.xpath("//a/@href"))
    assert "Bcc: all@example.com" not in text.replace("Evil Bcc: all@example.com", "")
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]


def test_the_message_is_seven_bit_with_date_and_unsubscribe():
    digest = digest_with(entry_story(title="Prix réduits — Starlink"))
    msg, _, _ = mailed(digest, {}, to=("jane@example.com", "boss@example.com"))

    raw = bytes(msg)

    assert raw.isascii()
    assert (
        msg["Date"] and msg["List-Unsubscribe"] == "<mailto:radar@example.com?subject=unsubscribe>"
    )
    assert msg["To"] == "jane@example.com" and msg["Cc"] == "boss@example.com"


def test_digest_names_each_source_by_its_name_not_its_host():
    two_sources = StoryEntry(
        "s",
        "Starlink adds an airline plan",
        "A summary.",
        "launch",
        datetime(2026, 11, 18, 12, tzinfo=UTC),
        (("starlink-news", "http://127.0.0.1/a"), ("wire", "http://127.0.0.1/b")),
        ("starlink",),
        80,
        ("Starlink competes with you for Delta Air Lines",),
    )
    env = environment({}, source_names={"starlink-news": "Starlink newsroom"})
    digest = digest_of(two_sources)

    page = lxml.html.fromstring(render_html(env, digest))
    text = render_text(env, digest)

    assert [a.text for a in page.cssselect(".sources a")] == ["Starlink newsroom", "wire"]
    assert "Starlink newsroom: http://127.0.0.1/a" in text
