from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy

from digest.message import build_message, message_id
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
    digest = digest_of(hostile)
    env = environment({"starlink": "Starlink"})
    html, text = render_html(env, digest), render_text(env, digest)

    msg = build_message(digest, html, text, "Radar <radar@example.com>", ["jane@example.com"], NOW)
    parsed = email.message_from_bytes(bytes(msg), policy=policy.default)

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert parsed["Bcc"] is None
    assert all("script" not in str(value) for value in parsed.values())


def test_the_email_is_multipart_alternative_with_a_stable_message_id():
    digest = digest_of(story("a", "Price rise", "pricing", 80))
    env = environment({})
    msg = build_message(
        digest,
        render_html(env, digest),
        render_text(env, digest),
        "radar@example.com",
        ["jane@example.com"],
        NOW,
    )

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
