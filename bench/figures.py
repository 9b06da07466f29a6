"""Each part's figures as rows of the report's table: (measure, figure, notes).

Figures kept from a run before a measure was added lack its keys: those rows are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

MB = 1_000_000
Figures = dict[str, Any]
Row = tuple[str, str, str]
# Each command the startup part times, as the report names it, and its target in seconds.
STARTUP = (
    ("help", "`rivalradar --help`", 0.5),
    ("version", "`rivalradar --version`", 0.5),
    ("validate", "`rivalradar validate`, a one-source config", 1.5),
    ("classify", "`rivalradar classify`, one JSONL line, model cached", 3.0),
    ("crawl", "`rivalradar crawl` to its first HTTP request, model cached", 3.0),
)
RECRAWLS = (
    ("recrawl", "incremental recrawl, unchanged site"),
    ("recrawl_no_validators", "incremental recrawl, the server sending no validators"),
)
CLASSIFY_STEPS = (
    ("tokenizer", "baseline: spaCy's tokenizer alone"),
    ("model", "classification step: the category model alone"),
    ("linker", "classification step: the company linker alone"),
    ("substring", "baseline: a plain substring matcher for the same names"),
)


def figure_rows(results: Mapping[str, Figures], problems: Mapping[str, str]) -> list[str]:
    """The table's rows, part by part; a part this run could not measure says why."""
    rows: list[str] = []
    for part, build in FIGURES.items():
        if part in results:
            rows.extend(
                f"| {name} | {figure} | {notes} |" for name, figure, notes in build(results[part])
            )
        if part in problems:
            earlier = " (the figures above are from an earlier run)" if part in results else ""
            rows.append(f"| {part} | – | not measured: {problems[part]}{earlier} |")
    return rows


def ingest(found: Figures, run: str = "") -> list[Row]:
    first, n = found["first"], found["pages"]
    rows = [
        (
            f"end-to-end ingestion, {n:,} pages{run}",
            f"{first['new_per_s']:.1f} pages/s",
            f"{first['seconds']:.1f} s; {first['new']:,} new documents, {first['requests']:,} "
            f"HTTP requests, {first['failed_pages']} failed pages",
        )
    ]
    for key, label in RECRAWLS:
        if key in found:
            again = found[key]
            rows.append(
                (
                    label,
                    f"{again['seconds']:.3f} s",
                    f"{first['seconds'] / again['seconds']:.0f}x faster than the first crawl; "
                    f"{again['requests']} HTTP requests, {again['new']} new",
                )
            )
    rows.append(_peak_memory(found))
    return rows


def _peak_memory(found: Figures) -> Row:
    return (
        f"peak memory, {found['pages']:,} pages",
        f"{found['peak_tree_pss'] / MB:.0f} MB",
        f"PSS of the process tree ({found['most_processes']} processes at most); its RSS "
        f"summed {found['peak_tree_rss'] / MB:.0f} MB; the crawling process alone "
        f"{found['peak_child_rss'] / MB:.0f} MB RSS (by the kernel "
        f"{found['kernel_peak_child_rss'] / MB:.0f} MB)",
    )


def trafilatura(found: Figures) -> list[Row]:
    extract, bare = found["extract"], found["bare_extraction"]
    return [
        (
            "baseline: `trafilatura.extract(html, url=url)`",
            f"{extract['pages_per_s']:.1f} pages/s",
            f"defaults, one process, {extract['pages']:,} pages read from disk first"
            + _peak_rss(found),
        ),
        (
            "baseline: `trafilatura.bare_extraction(..., with_metadata=True)`",
            f"{bare['pages_per_s']:.1f} pages/s",
            "same pages",
        ),
    ]


def extract(found: Figures) -> list[Row]:
    ours, bare = found["to_document"], found["bare_extraction"]
    return [
        (
            "extraction: `to_document`, one process",
            f"{ours['pages_per_s']:.1f} pages/s",
            f"trafilatura with metadata, dates, language, mojibake repair and fingerprint; "
            f"{ours['pages_per_s'] / bare['pages_per_s']:.2f} of `bare_extraction` alone in the "
            f"same process ({bare['pages_per_s']:.1f} pages/s); same pages" + _peak_rss(found),
        )
    ]


def newsplease(found: Figures) -> list[Row]:
    return [
        (
            "baseline: news-please `NewsPlease.from_html`",
            f"{found['pages_per_s']:.1f} pages/s",
            f"news-please {found['version']}, no images, one process, same pages"
            + _peak_rss(found),
        )
    ]


def scrapy(found: Figures) -> list[Row]:
    return [
        (
            "baseline: bare Scrapy spider fetching every article",
            f"{found['pages_per_s']:.0f} pages/s",
            f"{found['fetched']:,} pages in {found['seconds']:.1f} s; 32 requests, 16 per domain, "
            "no delay, no AutoThrottle" + _peak_rss(found),
        )
    ]


def classify(found: Figures) -> list[Row]:
    size = f"{found['docs']:,} articles of {found['mean_words']:.0f} words on average"
    rows = [
        ("classification stage, one call", f"{found['batch_docs_per_s']:.0f} docs/s", size),
        (
            "classification stage, a document a call",
            f"{found['single_docs_per_s']:.0f} docs/s",
            "as the crawl pipeline calls it",
        ),
    ]
    steps = found.get("steps_docs_per_s", {})
    rows.extend(
        (label, f"{steps[key]:.0f} docs/s", "the same articles, by itself")
        for key, label in CLASSIFY_STEPS
        if key in steps
    )
    return rows


def stories(found: Figures) -> list[Row]:
    return [
        (
            f"story assignment, a store of {size['size']:,} documents",
            f"{size['indexed_ms']:.1f} ms a document",
            f"`Store.add_document`, its own transaction, mean of the last {size['timed']}; "
            f"baseline, comparing with every document in the window: {size['baseline_ms']:.1f} "
            f"ms, {size['baseline_ms'] / size['indexed_ms']:.1f}x as long",
        )
        for size in found["sizes"]
    ]


def story_cost(found: Figures) -> list[Row]:
    runs = found["seconds"]
    return [
        (
            f"story matching's share of a {found['pages']:,}-page crawl",
            f"{found['added']:+.1%}",
            "first crawl, median of alternate runs with and without the store's side of "
            f"matching: {_each(runs['with'])} against {_each(runs['without'])}; the workers' "
            "side, signature and "
            f"weighted lead: {found['candidate_ms']:.2f} ms a document",
        )
    ]


def _each(runs: list[float]) -> str:
    return ", ".join(f"{value:.1f}" for value in runs) + " s"


def digest(found: Figures) -> list[Row]:
    rows = [
        (
            f"weekly digests, {found['accounts']:,} accounts over {found['items']:,} items",
            f"{found['build_s']:.1f} s",
            f"{1000 * found['build_s'] / found['accounts']:.1f} ms per account, rendered and "
            f"made into emails; {found['stories_shown']:,} stories shown" + _peak_rss(found),
        )
    ]
    if "scaling" in found:
        rows.append(_digest_scaling(found["scaling"]))
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


def _digest_scaling(builds: list[dict[str, Any]]) -> Row:
    accounts = " / ".join(f"{build['accounts']:,}" for build in builds)
    costs = [build["wall_s"] / build["accounts"] for build in builds]
    per_account = " / ".join(f"{1000 * cost:.1f}" for cost in costs)
    ratios = " / ".join(f"{cost / costs[0]:.2f}" for cost in costs)
    cpu = " / ".join(f"{build['cpu_s']:.1f}" for build in builds)
    return (
        f"weekly digests, cost per account at {accounts} accounts",
        f"{per_account} ms",
        f"{ratios} of the first; CPU {cpu} s; one build each, in that order",
    )


def startup(found: Figures) -> list[Row]:
    floor = found["floor"]
    rows = [
        (
            "startup floor: `python -c pass`",
            f"{seconds(floor['median_s'])} median",
            f"{spread(floor)}; each command below is timed the same way: a fresh process of the "
            "venv's script, from just before its start to its exit (`crawl`: to the first request "
            f"at a feed on loopback), {found['runs']} runs after a warm-up, imports and all",
        )
    ]
    for key, label, _ in STARTUP:
        times = found["commands"][key]
        rows.append(
            (
                f"startup: {label}",
                f"{seconds(times['median_s'])} median",
                f"{spread(times)}; {times['median_s'] / floor['median_s']:.0f}x the floor"
                + (_crawl_exit(found["commands"]["crawl_exit"]) if key == "crawl" else ""),
            )
        )
    return rows


def _crawl_exit(times: dict[str, float]) -> str:
    return (
        "; the whole crawl (one feed entry, classified and stored) exits at "
        f"{seconds(times['median_s'])} median ({spread(times)})"
    )


def architectures(found: Figures) -> list[Row]:
    return [
        (
            f"category model: {variant['name']}",
            f"{variant['wire']:.3f} / {variant['feeds']:.3f}",
            f"dev macro-F1, wire / feeds, no threshold; trained on {variant['examples']:,} "
            f"examples in {variant['train_s']:.1f} s",
        )
        for variant in found["variants"]
    ]


def _peak_rss(found: Figures) -> str:
    """The peak RSS of the part's process tree, as the end of a row's notes."""
    return f"; peak RSS {found['peak_tree_rss'] / MB:.0f} MB"


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def spread(times: dict[str, float]) -> str:
    return f"{seconds(times['min_s']).removesuffix(' s')}–{seconds(times['max_s'])}"


def rendering(found: Figures) -> list[Row]:
    plain, one, many = found["plain"], found["browser_1"], found["browser_n"]
    n = found["pages_open"]
    return [
        (
            f"rendered pages through chromium, {n} open at once",
            f"{many['pages_per_min']:.0f} pages/min",
            f"{many['fetched']} pages in {many['seconds']:.1f} s, each read at network idle; one "
            f"open at a time: {one['pages_per_min']:.0f} pages/min",
        ),
        (
            f"baseline: the same pages fetched plainly, {n} at once",
            f"{plain['pages_per_min']:.0f} pages/min",
            f"{plain['fetched']} pages in {plain['seconds']:.1f} s",
        ),
        (
            "memory per open rendered page",
            f"{found['pss_per_open_page'] / MB:.0f} MB",
            f"peak PSS of the process tree with {n} pages open "
            f"({many['peak_tree_pss'] / MB:.0f} MB) less with one ({one['peak_tree_pss'] / MB:.0f} "
            f"MB), over {n - 1}; plain fetching peaked at {plain['peak_tree_pss'] / MB:.0f} MB",
        ),
    ]


# In the table's order; `python -m bench` measures its parts in an order of its own.
FIGURES: dict[str, Callable[[Figures], list[Row]]] = {
    "ingest": ingest,
    "memory": lambda found: ingest(found, " (memory run)"),
    "trafilatura": trafilatura,
    "newsplease": newsplease,
    "scrapy": scrapy,
    "extract": extract,
    "classify": classify,
    "stories": stories,
    "story_cost": story_cost,
    "digest": digest,
    "startup": startup,
    "architectures": architectures,
    "render": rendering,
}
