"""`python -m bench`: its site, its server, its section of RESULTS.md, and a quick run."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from bench import history, report, targets
from bench.__main__ import PARTS
from bench.boilerplate import ORIGIN
from bench.corpus import read_articles, write_site
from bench.figures import STARTUP
from bench.profiling import NO_PYTHON_FRAME, own_time
from bench.prose import MAX_WORDS, MIN_WORDS, write_story
from bench.report import PROFILE_HEADING, PROFILE_PLACEHOLDER
from bench.results_file import BEGIN, END, replace_section
from bench.server import NO_VALIDATORS_PATH, serve
from tests.conftest import REPO


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_same_size_and_seed_write_the_same_site_byte_for_byte(tmp_path: Path) -> None:
    write_site(tmp_path / "a", 25)
    write_site(tmp_path / "b", 25)
    write_site(tmp_path / "c", 25, seed=8)

    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_site_lists_every_article_in_sitemap_and_listings_and_the_newest_50_in_its_feed(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path, 61)
    articles = read_articles(tmp_path)

    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert len(articles) == 61 and site.listing_pages == 4
    assert sitemap.count("<loc>") == sitemap.count("<lastmod>") == 61
    assert all(f"<loc>{url}</loc>" in sitemap for url, _ in articles)
    listings = [tmp_path / "news" / "index.html"] + [
        tmp_path / "news" / "page" / str(n) / "index.html" for n in (2, 3, 4)
    ]
    linked = "".join(p.read_text(encoding="utf-8") for p in listings)
    assert all(f'href="{url.removeprefix(ORIGIN)}"' in linked for url, _ in articles)
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 50
    assert feed.entries[0].link == articles[-1][0]


def test_articles_are_300_to_900_words_about_a_named_competitor() -> None:
    stories = [write_story(n, seed=7) for n in range(200)]

    assert all(MIN_WORDS <= s.word_count <= MAX_WORDS for s in stories)
    assert {s.kind for s in stories} == {
        "launch",
        "pricing",
        "partnership",
        "executive",
        "regulatory",
    }
    assert len({s.competitor_id for s in stories}) == 20
    assert len({s.account_id for s in stories if s.account_id}) > 30


def test_server_answers_a_request_with_its_etag_or_date_by_304(tmp_path: Path) -> None:
    write_site(tmp_path, 3)

    with serve(tmp_path) as base_url:
        with urllib.request.urlopen(f"{base_url}/sitemap.xml") as answer:
            etag, modified = answer.headers["ETag"], answer.headers["Last-Modified"]
            content_type, body = answer.headers["Content-Type"], answer.read().decode()
        statuses = []
        for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
            request = urllib.request.Request(f"{base_url}/sitemap.xml", headers=headers)
            with pytest.raises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(request)
            statuses.append(raised.value.code)
            raised.value.close()

    assert content_type == "application/xml; charset=utf-8"
    assert f"<loc>{base_url}/news/" in body and ORIGIN not in body
    assert statuses == [304, 304]


def test_server_told_to_send_no_validators_answers_a_conditional_request_in_full(
    tmp_path: Path,
) -> None:
    write_site(tmp_path, 3)

    with serve(tmp_path) as base_url:
        with urllib.request.urlopen(f"{base_url}/sitemap.xml") as answer:
            etag = answer.headers["ETag"]
        urllib.request.urlopen(base_url + NO_VALIDATORS_PATH).close()
        request = urllib.request.Request(f"{base_url}/sitemap.xml", headers={"If-None-Match": etag})
        with urllib.request.urlopen(request) as answer:
            status, headers = answer.status, answer.headers

    assert status == 200
    assert headers["ETag"] is None and headers["Last-Modified"] is None


def test_what_was_written_under_where_the_time_goes_survives_the_next_run() -> None:
    section = f"## Bench\n\nfirst run\n\n{PROFILE_HEADING}\n\n{PROFILE_PLACEHOLDER}\n"
    inserted = replace_section("# Benchmark results\n", section)
    filled = inserted.replace(PROFILE_PLACEHOLDER, "Mostly trafilatura.")

    replaced = replace_section(filled, section.replace("first run", "second run"))

    assert "second run" in replaced and "first run" not in replaced
    assert f"{PROFILE_HEADING}\n\nMostly trafilatura.\n{END}" in replaced


def test_results_section_is_inserted_under_the_heading_then_replaced_alone() -> None:
    original = "# Benchmark results\n\n## Crawler\n\nold figures\n\n## Digest build\n\nmore\n"

    inserted = replace_section(original, "## Bench\n\nfirst run\n")
    replaced = replace_section(inserted, "## Bench\n\nsecond run\n")

    assert inserted.startswith(f"# Benchmark results\n\n{BEGIN}\n## Bench\n\nfirst run\n{END}\n")
    assert replaced == inserted.replace("first run", "second run")
    assert replaced.endswith("## Crawler\n\nold figures\n\n## Digest build\n\nmore\n")


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

    done = _bench(results, model_cache)

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
    assert set(kept) == set(PARTS) - (set() if has_newsplease else {"newsplease"})


def _earlier_digest_run() -> dict[str, history.Measured]:
    run = {
        "command": "python -m bench",
        "date": "2026-11-26 11:46 UTC",
        "platform": "Linux",
        "cpu": "AMD EPYC",
        "cores": "2",
        "memory": "23.5 GiB",
        "python": "CPython 3.11.7",
        "load_start": "2.37 / 1.71 / 1.54",
        "load_end": "2.44 / 1.86 / 1.63",
    }
    feed = {"median_ms": 7.6, "p95_ms": 9.5, "reads": 50, "statements": 4, "stories": 60}
    digest = {
        "accounts": 1000,
        "items": 100_000,
        "build_s": 10.4,
        "stories_shown": 14880,
        "peak_tree_rss": 573_000_000,
        "web_feed": feed,
        "cli_feed": feed,
    }
    return {"digest": history.Measured(run, digest)}


@pytest.mark.timeout(120)
def test_a_run_of_one_part_keeps_the_other_parts_figures_and_says_which_run_they_are_from(
    tmp_path: Path, model_cache: Path
) -> None:
    pytest.importorskip("psutil", reason="the bench extra is not installed")
    results = tmp_path / "RESULTS.md"
    history.save(history.figures_file(results), _earlier_digest_run())

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
    assert kept["digest"] == _earlier_digest_run()["digest"]


def test_a_part_that_fails_keeps_its_last_figures_and_the_section_says_why() -> None:
    earlier = _earlier_digest_run()
    run = {**earlier["digest"].run, "command": "python -m bench --only digest", "date": "later"}
    results = {"digest": {"error": "the digest build: the child process failed (exit 1)"}}

    merged = history.merge(earlier, run, results)
    section = report.render(run, merged, {"digest": "the child process failed (exit 1)"})

    assert merged == earlier
    assert "| weekly digests, 1,000 accounts over 100,000 items | 10.4 s |" in section
    assert "| digest | – | not measured: the child process failed (exit 1) (the figures" in section
    assert "- no part: `python -m bench --only digest` — later;" in section


def test_profile_counts_own_time_of_the_innermost_function_in_every_process() -> None:
    raw = "\n".join(
        [
            'process 1:"python -m bench.ingest";main (a.py:1);extract (trafilatura/core.py:9) 7',
            'process 1:"python -m bench.ingest";process 2:"worker";run (b.py:3);extract (trafilatura/core.py:12) 3',
            'process 1:"python -m bench.ingest";process 2:"worker";run (b.py:3) 2',
            'process 1:"python -m bench.ingest" 1',
        ]
    )

    functions, processes, total = own_time(raw)

    assert total == 13
    assert functions["extract (trafilatura/core.py)"] == 10
    assert functions["run (b.py)"] == 2
    assert functions[NO_PYTHON_FRAME] == 1
    assert processes == {"pid 1 (the ingestion child)": 8, "pid 2 (a worker process)": 5}


def test_the_ceiling_shares_every_core_between_extracting_and_classifying_each_page() -> None:
    results = {
        "trafilatura": {"extract": {"pages_per_s": 300.0}},
        "classify": {"single_docs_per_s": 150.0},
    }
    (line, _blank) = targets.ceiling(results, cores=2)
    # A page costs 1/300 + 1/150 = 1/100 of a core-second: two cores ingest 200 pages a second.
    assert "would ingest 200 pages/s, 0.67x trafilatura alone" in line
    assert targets.ceiling({"trafilatura": results["trafilatura"]}, cores=2) == []
    # Fetching at 600 pages/s on a core adds 1/600: two cores ingest 4/3 x 100 pages a second.
    (line, _blank) = targets.ceiling({**results, "scrapy": {"pages_per_s": 600.0}}, cores=2)
    assert "would ingest 171 pages/s, 0.57x trafilatura alone" in line


def test_startup_targets_are_judged_on_the_median_beside_the_floor() -> None:
    commands = {key: {"median_s": 0.4, "min_s": 0.3, "max_s": 2.5} for key, *_ in STARTUP}
    commands["classify"] = {"median_s": 3.2, "min_s": 3.1, "max_s": 3.3}
    found = {"runs": 5, "floor": {"median_s": 0.02, "min_s": 0.02, "max_s": 0.03}}

    rows = targets.target_rows({"startup": {**found, "commands": commands}})
    unmeasured = targets.target_rows({})

    assert "| `rivalradar --help` < 0.5 s | 0.400 s median (floor 0.020 s) | met |" in rows
    assert any(r.startswith("| `rivalradar classify`") and "**not met**" in r for r in rows)
    assert "| `rivalradar --version` < 0.5 s | – | not measured |" in unmeasured
