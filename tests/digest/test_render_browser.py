"""The HTML digest in a real browser (Debian's chromium, headless): no sideways scrolling."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.portfolio import AccountStakes, build_portfolio
from digest.render import environment, render_html, render_portfolio_html
from digest.select import build_digest
from radar.records import PageChange, StoryEntry
from tests.conftest import CHROMIUM_FLAGS

pytestmark = pytest.mark.browser
PHONE, DESKTOP = 375, 1280
LONG_WORD = "Supercalifragilistic" * 8
LONG_URL = "https://news.example.com/" + "very-long-path-segment/" * 12 + "?utm_source=" + "x" * 80

# Measures the digest inside a frame of the given width: the page's scroll width against its
# viewport, and the first element whose right edge passes it.
HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><iframe id="d" width="{width}" height="3000" style="border:0;display:block"
srcdoc="{doc}"></iframe>
<script>
window.addEventListener("load", function () {{
  var d = document.getElementById("d").contentDocument, w = d.documentElement.clientWidth;
  var wide = Array.prototype.filter.call(d.querySelectorAll("body *"), function (e) {{
    return e.getBoundingClientRect().right > w + 1; }});
  document.body.setAttribute("data-layout", JSON.stringify({{
    viewport: w, scroll: d.documentElement.scrollWidth,
    wide: wide.slice(0, 3).map(function (e) {{ return e.tagName + "." + e.className; }}) }}));
}});
</script></body></html>"""


def run_headless(chromium: str, tmp_path: Path, page: Path, width: int, *args: str) -> str:
    profile = tmp_path / f"profile-{width}-{len(args)}"
    command = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        "--hide-scrollbars",
        f"--window-size={width},3000",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def harness(tmp_path: Path, document: str, width: int) -> Path:
    page = tmp_path / f"harness-{width}.html"
    page.write_text(HARNESS.format(width=width, doc=html.escape(document, quote=True)), "utf-8")
    return page


def layout(chromium: str, tmp_path: Path, document: str, width: int) -> dict:
    # Headless windows are never narrower than 500 px: the frame sets the phone's width.
    page = harness(tmp_path, document, width)
    dom = run_headless(chromium, tmp_path, page, max(width, 600), "--dump-dom")
    found = re.search(r'data-layout="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    return json.loads(html.unescape(found[1]))


def screenshot(chromium: str, tmp_path: Path, document: str, width: int) -> Path:
    png = tmp_path / f"digest-{width}.png"
    page = harness(tmp_path, document, width)
    run_headless(chromium, tmp_path, page, width, f"--screenshot={png}")
    return png


def hard_digest() -> str:
    """A digest with what breaks layouts: long words, long URLs, many sources, a page change."""
    stories = [
        StoryEntry(
            f"s{i}",
            f"Starlink {LONG_WORD} plan {i}",
            f"It costs more. {LONG_WORD} again.",
            category,
            datetime(2026, 11, 18, 12, tzinfo=UTC),
            tuple((f"source-{j}", f"{LONG_URL}{j}") for j in range(4)),
            ("starlink",),
            score,
            (f"Starlink competes with you for Delta {LONG_WORD}",),
            PageChange((f"Pro: $49 {LONG_WORD}",), (f"Pro: $59 {LONG_WORD}",), ("Pro: $49 → $59",)),
            ("watched competitor",),
        )
        for i, (category, score) in enumerate([("pricing", 90), ("launch", 55), ("other", 20)])
    ]
    digest = build_digest(
        "delta",
        f"Delta {LONG_WORD}",
        "jane@example.com",
        "2026-W47",
        "UTC",
        stories,
        competitors={"starlink": "Starlink"},
    )
    return render_html(environment({"starlink": "Starlink"}), digest), digest


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_digest_never_scrolls_sideways(chromium, tmp_path, width):
    document, _ = hard_digest()

    measured = layout(chromium, tmp_path, document, width)
    png = screenshot(chromium, tmp_path, document, width)

    assert measured["viewport"] == width
    assert measured["scroll"] <= measured["viewport"], measured["wide"]
    assert measured["wide"] == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_portfolio_never_scrolls_sideways(chromium, tmp_path, width):
    _, digest = hard_digest()
    portfolio = build_portfolio(
        "2026-W47",
        "UTC",
        [digest],
        {"delta": AccountStakes(1_500_000, None)},
        [{"starlink": 1}, {"starlink": 3}],
        {"starlink": f"Starlink {LONG_WORD}"},
    )
    document = render_portfolio_html(environment({}), portfolio)

    measured = layout(chromium, tmp_path, document, width)

    assert measured["scroll"] <= measured["viewport"], measured["wide"]


def test_a_layout_that_overflows_is_caught(chromium, tmp_path):
    measured = layout(chromium, tmp_path, '<div style="width:900px">wide</div>', PHONE)

    assert measured["scroll"] > measured["viewport"]
