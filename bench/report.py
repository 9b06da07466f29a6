"""The bench's figures as Markdown, and its targets met or not."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MB = 1_000_000
PROFILE_HEADING = "### Where the time goes"
PROFILE_PLACEHOLDER = (
    "_To be filled in from `python -m bench profile`, which runs the ingestion child under "
    "py-spy and prints the functions with the most own time across its processes._"
)
Results = Mapping[str, dict[str, Any]]
# Each command the startup part times, as the report names it, and its target in seconds.
STARTUP = (
    ("help", "`rivalradar --help`", 0.5),
    ("version", "`rivalradar --version`", 0.5),
    ("validate", "`rivalradar validate`, a one-source config", 1.5),
    ("classify", "`rivalradar classify`, one JSONL line, model cached", 3.0),
    ("crawl", "`rivalradar crawl` to its first HTTP request, model cached", 3.0),
)


def render(command: str, machine: Mapping[str, str], results: Results) -> str:
    lines = [
        "## The whole pipeline and its baselines (`python -m bench`)",
        "",
        f"`{command}` — {machine['date']}; {machine['platform']}; {machine['cpu']}, "
        f"{machine['cores']} cores, {machine['memory']}; {machine['python']}; load average "
        f"(1/5/15 min) {machine['load_start']} at the start, {machine['load_end']} at the end.",
        "",
        "Every measurement runs in a fresh child process, timed after its imports and warm-up; the "
        "site is written by the bench (`bench/corpus.py`) and served from another process "
        "(`bench/server.py`). Memory is sampled over the measured process and all its descendants: "
        "their proportional set sizes summed (PSS, every 0.5 s: the memory the tree holds, a "
        "page shared by forked workers counted once), and their resident sets summed (RSS, every "
        "50 ms: a shared page counted in every process that maps it).",
        "",
        "| measure | figure | notes |",
        "|---|---:|---|",
        *figure_rows(results),
        "",
        "### Targets",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        *target_rows(results),
        "",
        *ceiling(results, int(machine["cores"])),
        PROFILE_HEADING,
        "",
        PROFILE_PLACEHOLDER,
    ]
    return "\n".join(lines) + "\n"


def figure_rows(results: Results) -> list[str]:
    rows: list[str] = []
    for part, build in _FIGURES.items():
        found = results.get(part)
        if found is None:
            continue
        problem = found.get("error") or found.get("skipped")
        if problem:
            rows.append(f"| {part} | – | not measured: {problem} |")
        else:
            rows.extend(f"| {name} | {figure} | {notes} |" for name, figure, notes in build(found))
    return rows


def _ingest(found: dict[str, Any], run: str = "") -> list[tuple[str, str, str]]:
    first, again, n = found["first"], found["recrawl"], found["pages"]
    return [
        (
            f"end-to-end ingestion, {n:,} pages{run}",
            f"{first['new_per_s']:.1f} pages/s",
            f"{first['seconds']:.1f} s; {first['new']:,} new documents, {first['requests']:,} "
            f"HTTP requests, {first['failed_pages']} failed pages",
        ),
        (
            "incremental recrawl, unchanged site",
            f"{again['seconds']:.3f} s",
            f"{first['seconds'] / again['seconds']:.0f}x faster than the first crawl; "
            f"{again['requests']} HTTP requests, {again['new']} new",
        ),
        (
            f"peak memory, {n:,} pages",
            f"{found['peak_tree_pss'] / MB:.0f} MB",
            f"PSS of the process tree ({found['most_processes']} processes at most); its RSS "
            f"summed {found['peak_tree_rss'] / MB:.0f} MB; the crawling process alone "
            f"{found['peak_child_rss'] / MB:.0f} MB RSS (by the kernel "
            f"{found['kernel_peak_child_rss'] / MB:.0f} MB)",
        ),
    ]


def _trafilatura(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    extract, bare = found["extract"], found["bare_extraction"]
    return [
        (
            "baseline: `trafilatura.extract(html, url=url)`",
            f"{extract['pages_per_s']:.1f} pages/s",
            f"defaults, one process, {extract['pages']:,} pages read from disk first; "
            f"peak RSS {found['peak_tree_rss'] / MB:.0f} MB",
        ),
        (
            "baseline: `trafilatura.bare_extraction(..., with_metadata=True)`",
            f"{bare['pages_per_s']:.1f} pages/s",
            "same pages",
        ),
    ]


def _newsplease(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            "baseline: news-please `NewsPlease.from_html`",
            f"{found['pages_per_s']:.1f} pages/s",
            f"news-please {found['version']}, no images, one process, same pages; "
            f"peak RSS {found['peak_tree_rss'] / MB:.0f} MB",
        )
    ]


def _scrapy(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            "baseline: bare Scrapy spider fetching every article",
            f"{found['pages_per_s']:.0f} pages/s",
            f"{found['fetched']:,} pages in {found['seconds']:.1f} s; 32 requests, 16 per domain, "
            f"no delay, no AutoThrottle; peak RSS {found['peak_tree_rss'] / MB:.0f} MB",
        )
    ]


def _classify(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    size = f"{found['docs']:,} articles of {found['mean_words']:.0f} words on average"
    return [
        ("classification stage, one call", f"{found['batch_docs_per_s']:.0f} docs/s", size),
        (
            "classification stage, a document a call",
            f"{found['single_docs_per_s']:.0f} docs/s",
            "as the crawl pipeline calls it",
        ),
    ]


def _digest(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = [
        (
            f"weekly digests, {found['accounts']:,} accounts over {found['items']:,} items",
            f"{found['build_s']:.1f} s",
            f"{1000 * found['build_s'] / found['accounts']:.1f} ms per account, rendered and "
            f"made into emails; {found['stories_shown']:,} stories shown; peak RSS "
            f"{found['peak_tree_rss'] / MB:.0f} MB",
        )
    ]
    for key, label in (
        ("web_feed", "threat-feed page (`Views.feed`, last 4 weeks)"),
        ("cli_feed", "`rivalradar feed` entries (newest 50)"),
    ):
        feed = found[key]
        rows.append(
            (
                label,
                f"{feed['median_ms']:.1f} ms median",
                f"95th percentile {feed['p95_ms']:.1f} ms over {feed['reads']} accounts; "
                f"{feed['statements']} SQL statements for {feed['stories']} stories",
            )
        )
    return rows


def _startup(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    floor = found["floor"]
    rows = [
        (
            "startup floor: `python -c pass`",
            f"{_s(floor['median_s'])} median",
            f"{_spread(floor)}; each command below is timed the same way: a fresh process of the "
            "venv's script, from just before its start to its exit (`crawl`: to the first request "
            f"at a feed on loopback), {found['runs']} runs after a warm-up, imports and all",
        )
    ]
    for key, label, _ in STARTUP:
        times = found["commands"][key]
        rows.append(
            (
                f"startup: {label}",
                f"{_s(times['median_s'])} median",
                f"{_spread(times)}; {times['median_s'] / floor['median_s']:.0f}x the floor"
                + (_crawl_exit(found["commands"]["crawl_exit"]) if key == "crawl" else ""),
            )
        )
    return rows


def _crawl_exit(times: dict[str, float]) -> str:
    return (
        "; the whole crawl (one feed entry, classified and stored) exits at "
        f"{_s(times['median_s'])} median ({_spread(times)})"
    )


_FIGURES = {
    "ingest": _ingest,
    "memory": lambda found: _ingest(found, " (memory run)"),
    "trafilatura": _trafilatura,
    "newsplease": _newsplease,
    "scrapy": _scrapy,
    "classify": _classify,
    "digest": _digest,
    "startup": _startup,
}


def target_rows(results: Results) -> list[str]:
    """Every target, met or not, or not measured when a part it needs did not run."""
    ingest, memory = _usable(results, "ingest"), _usable(results, "memory")
    traf, news = _usable(results, "trafilatura"), _usable(results, "newsplease")
    digest = _usable(results, "digest")
    rate = ingest["first"]["new_per_s"] if ingest else None
    rows: list[tuple[str, str | None, bool]] = []
    ratio = rate / traf["extract"]["pages_per_s"] if rate and traf else None
    rows.append(("end-to-end ≥ 1.5 × trafilatura alone", _x(ratio, 2), (ratio or 0) >= 1.5))
    ratio = rate / news["pages_per_s"] if rate and news else None
    rows.append(("end-to-end ≥ 4 × news-please", _x(ratio, 2), (ratio or 0) >= 4))
    ratio = ingest["first"]["seconds"] / ingest["recrawl"]["seconds"] if ingest else None
    rows.append(("recrawl ≥ 10 × faster than the first crawl", _x(ratio, 0), (ratio or 0) >= 10))
    big = _at(memory, "pages", 10_000)
    for measure, key in (("PSS", "peak_tree_pss"), ("RSS summed", "peak_tree_rss")):
        peak = memory[key] if memory else None
        rows.append(
            (
                f"peak memory < 600 MB at 10,000 pages ({measure})" + big,
                f"{peak / MB:.0f} MB" if peak else None,
                peak is not None and peak < 600 * MB,
            )
        )
    peak = memory["peak_tree_pss"] if memory else None
    growth = peak / ingest["peak_tree_pss"] - 1 if peak and ingest else None
    rows.append(
        (
            "peak memory (PSS) at 10,000 pages within 20 % of 2,000" + big,
            f"{growth:+.0%}" if growth is not None else None,
            growth is not None and abs(growth) <= 0.2,
        )
    )
    build = digest["build_s"] if digest else None
    rows.append(
        (
            "digest build < 30 s for 1,000 accounts" + _at(digest, "accounts", 1000),
            f"{build:.1f} s" if build is not None else None,
            build is not None and build < 30,
        )
    )
    worst = max(digest["web_feed"]["p95_ms"], digest["cli_feed"]["p95_ms"]) if digest else None
    rows.append(
        (
            "threat-feed query < 100 ms at 100,000 items" + _at(digest, "items", 100_000),
            f"{worst:.1f} ms (95th percentile, slower read)" if worst is not None else None,
            worst is not None and worst < 100,
        )
    )
    rows.extend(_startup_targets(results))
    return [
        f"| {name} | {value or '–'} | {'not measured' if value is None else _met(met)} |"
        for name, value, met in rows
    ]


def _startup_targets(results: Results) -> list[tuple[str, str | None, bool]]:
    found = _usable(results, "startup")
    rows: list[tuple[str, str | None, bool]] = []
    for key, label, target_s in STARTUP:
        median = found["commands"][key]["median_s"] if found else None
        floor = f" (floor {_s(found['floor']['median_s'])})" if found else ""
        rows.append(
            (
                f"{label} < {target_s:g} s",
                f"{_s(median)} median{floor}" if median is not None else None,
                median is not None and median < target_s,
            )
        )
    return rows


def ceiling(results: Results, cores: int) -> list[str]:
    """The most the first target allows on this machine: every core fetching (when the bare
    Scrapy run was measured), extracting and classifying pages, with nothing else to do: no
    story matching, no storing, no serving the site."""
    traf, classify = _usable(results, "trafilatura"), _usable(results, "classify")
    if not (traf and classify):
        return []
    stages = [
        ("extract (trafilatura alone", traf["extract"]["pages_per_s"], "pages/s"),
        ("classify (the classification stage", classify["single_docs_per_s"], "docs/s"),
    ]
    scrapy = _usable(results, "scrapy")
    if scrapy:
        stages.insert(0, ("fetch (the bare Scrapy spider", scrapy["pages_per_s"], "pages/s"))
    rate = cores / sum(1 / stage_rate for _, stage_rate, _ in stages)
    extract_rate = traf["extract"]["pages_per_s"]
    parts = [f"{what}, {stage_rate:.0f} {unit} on one core)" for what, stage_rate, unit in stages]
    doing = ", ".join(parts[:-1]) + " and " + parts[-1]
    return [
        f"The ceiling of the first target here: {cores} cores that did nothing but {doing} "
        f"would ingest {rate:.0f} pages/s, {rate / extract_rate:.2f}x trafilatura alone.",
        "",
    ]


def _usable(results: Results, part: str) -> dict[str, Any] | None:
    found = results.get(part)
    if found is None or "error" in found or "skipped" in found:
        return None
    return found


def _at(found: dict[str, Any] | None, size: str, target: int) -> str:
    """Where the run's size is not the target's, the size it was measured at."""
    if found is None or found[size] == target:
        return ""
    return f" (measured at {found[size]:,} {size})"


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 1 else f"{seconds:.2f} s"


def _spread(times: dict[str, float]) -> str:
    return f"{_s(times['min_s']).removesuffix(' s')}–{_s(times['max_s'])}"


def _x(ratio: float | None, digits: int) -> str | None:
    return None if ratio is None else f"{ratio:.{digits}f}x"


def _met(met: bool) -> str:
    return "met" if met else "**not met**"
