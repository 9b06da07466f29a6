"""The bench's targets, met or not, and the ceiling of the first one on the run's machine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.figures import MB, STARTUP, seconds

Results = Mapping[str, dict[str, Any]]
# A target's name, what was measured (None: not measured), and whether it was met.
Target = tuple[str, str | None, bool]


def target_rows(results: Results) -> list[str]:
    """Every target, met or not, or not measured when a part it needs did not run."""
    rows = [
        *_ingest_targets(results),
        *_memory_targets(results),
        *_digest_targets(results),
        *_startup_targets(results),
        *_story_targets(results),
    ]
    return [
        f"| {name} | {value or '–'} | {'not measured' if value is None else _met(met)} |"
        for name, value, met in rows
    ]


def _ingest_targets(results: Results) -> list[Target]:
    ingest = _usable(results, "ingest")
    traf, news = _usable(results, "trafilatura"), _usable(results, "newsplease")
    rate = ingest["first"]["new_per_s"] if ingest else None
    rows: list[Target] = []
    ratio = rate / traf["extract"]["pages_per_s"] if rate and traf else None
    rows.append(("end-to-end ≥ 1.5 × trafilatura alone", _x(ratio, 2), (ratio or 0) >= 1.5))
    ratio = rate / news["pages_per_s"] if rate and news else None
    rows.append(("end-to-end ≥ 4 × news-please", _x(ratio, 2), (ratio or 0) >= 4))
    for key, name in (
        ("recrawl", "recrawl ≥ 10 × faster than the first crawl"),
        ("recrawl_no_validators", "recrawl, the server sending no validators, ≥ 10 × faster"),
    ):
        again = ingest.get(key) if ingest else None
        ratio = ingest["first"]["seconds"] / again["seconds"] if ingest and again else None
        rows.append((name, _x(ratio, 0), (ratio or 0) >= 10))
    return rows


def _memory_targets(results: Results) -> list[Target]:
    ingest, memory = _usable(results, "ingest"), _usable(results, "memory")
    big = _at(memory, "pages", 10_000)
    rows: list[Target] = []
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
    return rows


def _digest_targets(results: Results) -> list[Target]:
    digest = _usable(results, "digest")
    build = digest["build_s"] if digest else None
    worst = max(digest["web_feed"]["p95_ms"], digest["cli_feed"]["p95_ms"]) if digest else None
    return [
        (
            "digest build < 30 s for 1,000 accounts" + _at(digest, "accounts", 1000),
            f"{build:.1f} s" if build is not None else None,
            build is not None and build < 30,
        ),
        (
            "threat-feed query < 100 ms at 100,000 items" + _at(digest, "items", 100_000),
            f"{worst:.1f} ms (95th percentile, slower read)" if worst is not None else None,
            worst is not None and worst < 100,
        ),
    ]


def _startup_targets(results: Results) -> list[Target]:
    found = _usable(results, "startup")
    rows: list[Target] = []
    for key, label, target_s in STARTUP:
        median = found["commands"][key]["median_s"] if found else None
        floor = f" (floor {seconds(found['floor']['median_s'])})" if found else ""
        rows.append(
            (
                f"{label} < {target_s:g} s",
                f"{seconds(median)} median{floor}" if median is not None else None,
                median is not None and median < target_s,
            )
        )
    return rows


def _story_targets(results: Results) -> list[Target]:
    cost = _usable(results, "story_cost")
    added = cost["added"] if cost else None
    name = "story matching adds ≤ 10 % to a 10,000-page crawl"
    if cost and cost["pages"] != 10_000:
        name += f" (measured at {cost['pages']:,} pages)"
    return [(name, f"{added:+.1%}" if added is not None else None, (added or 0) <= 0.10)]


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


def _x(ratio: float | None, digits: int) -> str | None:
    return None if ratio is None else f"{ratio:.{digits}f}x"


def _met(met: bool) -> str:
    return "met" if met else "**not met**"
