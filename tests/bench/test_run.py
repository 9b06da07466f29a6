"""`python -m bench` run for real: a quick run of every part, and a run of one part."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import history
from bench.__main__ import PARTS
from tests.bench.runs import earlier_digest_run
from tests.conftest import REPO


def _bench(results: Path, model_cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--results", str(results), *args],
        cwd=REPO,
        env={**os.environ, "RIVALRADAR_CACHE_DIR": str(model_cache)},
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )


# The render part starts Debian's chromium three times; it has a quick run of its own.
WITHOUT_A_BROWSER = tuple(part for part in PARTS if part != "render")
QUICK_ROWS = (
    r"end-to-end ingestion, 30 pages \| ([\d.]+) pages/s",
    r"incremental recrawl, unchanged site \| ([\d.]+) s",
    r"incremental recrawl, the server sending no validators \| ([\d.]+) s",
    r"peak memory, 30 pages \| ([\d.]+) MB",
    r"end-to-end ingestion, 60 pages \(memory run\) \| ([\d.]+) pages/s",
    r"`trafilatura.extract\(html, url=url\)` \| ([\d.]+) pages/s",
    r"`trafilatura.bare_extraction\(\.\.\., with_metadata=True\)` \| ([\d.]+) pages/s",
    r"bare Scrapy spider fetching every article \| ([\d.]+) pages/s",
    r"extraction: `to_document`, one process \| ([\d.]+) pages/s",
    r"classification stage, a document a call \| ([\d.]+) docs/s",
    r"classification step: the company linker alone \| ([\d.]+) docs/s",
    r"baseline: spaCy's tokenizer alone \| ([\d.]+) docs/s",
    r"story assignment, a store of 200 documents \| ([\d.]+) ms a document",
    r"story matching.s share of a 60-page crawl \| [+-][\d.]+% \| .*?: ([\d.]+) ms a document",
    r"weekly digests, 20 accounts over 400 items \| ([\d.]+) s",
    r"weekly digests, cost per account at 5 / 10 / 20 accounts \| ([\d.]+) / [\d.]+ / [\d.]+ ms",
    r"`rivalradar feed` entries \(newest 50\) \| ([\d.]+) ms median",
    r"startup floor: `python -c pass` \| ([\d.]+) s median",
    r"startup: `rivalradar --help` \| ([\d.]+) s median",
    r"startup: `rivalradar crawl` to its first HTTP request, model cached \| ([\d.]+) s",
    r"category model: bow ngram 2 \(shipped\) \| ([\d.]+) / [\d.]+",
)


@pytest.mark.timeout(300)
def test_quick_run_writes_every_part_s_figures_and_keeps_them_beside_results(
    tmp_path: Path, model_cache: Path
) -> None:
    pytest.importorskip("psutil", reason="the bench extra is not installed")
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other\n\nkept\n", encoding="utf-8")

    done = _bench(results, model_cache, "--only", ",".join(WITHOUT_A_BROWSER))

    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert text.endswith("## Other\n\nkept\n")
    for row in QUICK_ROWS:
        found = re.search(row, text)
        assert found, f"no row matching {row!r} in:\n{text}"
        assert float(found[1]) > 0, found[0]
    kept = history.load(history.figures_file(results))
    # news-please comes with the bench extra; without it its part is skipped, the others measured.
    has_newsplease = importlib.util.find_spec("newsplease") is not None
    assert set(kept) == set(WITHOUT_A_BROWSER) - (set() if has_newsplease else {"newsplease"})


@pytest.mark.browser
@pytest.mark.timeout(200)
def test_a_quick_render_run_measures_rendered_pages_beside_plain_ones(
    tmp_path: Path, model_cache: Path, chromium: str
) -> None:
    pytest.importorskip("psutil", reason="the bench extra is not installed")
    results = tmp_path / "RESULTS.md"

    done = _bench(results, model_cache, "--only", "render")

    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    for row in (
        r"rendered pages through chromium, 4 open at once \| ([\d.]+) pages/min",
        r"baseline: the same pages fetched plainly, 4 at once \| ([\d.]+) pages/min",
    ):
        found = re.search(row, text)
        assert found, f"no row matching {row!r} in:\n{text}"
        assert float(found[1]) > 0, found[0]
    # A difference of two peaks: at quick sizes it may come out at nothing, but it is there.
    assert re.search(r"\| memory per open rendered page \| -?\d+ MB \|", text)


@pytest.mark.timeout(120)
def test_a_run_of_one_part_keeps_the_other_parts_figures_and_says_which_run_they_are_from(
    tmp_path: Path, model_cache: Path
) -> None:
    pytest.importorskip("psutil", reason="the bench extra is not installed")
    results = tmp_path / "RESULTS.md"
    history.save(history.figures_file(results), earlier_digest_run())

    done = _bench(results, model_cache, "--only", "scrapy")

    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "| weekly digests, 1,000 accounts over 100,000 items | 10.4 s |" in text
    assert "| digest build < 30 s for 1,000 accounts | 10.4 s | met |" in text
    assert re.search(r"bare Scrapy spider fetching every article \| [\d.]+ pages/s", text)
    assert "- digest: `python -m bench` — 2026-11-26 11:46 UTC;" in text
    assert "- scrapy: `python -m bench --quick --results" in text
    kept = history.load(history.figures_file(results))
    assert set(kept) == {"digest", "scrapy"}
    assert kept["digest"] == earlier_digest_run()["digest"]
