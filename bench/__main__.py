"""`python -m bench`: the whole pipeline and its baselines measured side by side, in one run.

    python -m bench [--pages 2000] [--big-pages 10000] [--accounts 1000] [--items 100000]
                    [--docs 3000] [--store-sizes 1000,4000] [--feeds 50] [--startup-runs 5]
                    [--rendered 100]
                    [--results bench/RESULTS.md] [--only PART,...] [--quick]
    python -m bench profile [--pages 2000] [--top 25]

Writes a local news site, serves it on loopback from another process, measures each part in a
fresh child process, and writes the figures into its own section of RESULTS.md (the other
sections stay as they are). The figures of each part are kept in RESULTS.json beside it: a run
of some parts (`--only`) merges its figures into them, so the other parts keep their last ones.
Progress goes to stderr; the section is printed on stdout too.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import history, report, results_file
from bench.architectures import measure_architectures
from bench.baselines import measure_baseline
from bench.child import BenchError
from bench.classify_stage import measure_classify
from bench.corpus import write_site
from bench.digest_feed import measure_digest
from bench.fetch_floor import measure_fetch_floor
from bench.ingest import measure_ingest, model_cache_dir, warm_model_cache
from bench.machine import load_average, machine, say
from bench.rendering import measure_rendering
from bench.startup import measure_startup
from bench.stories import measure_stories
from bench.story_cost import measure_story_cost

# In the order they are measured: the start-up first, on a machine the bench has not yet warmed.
PARTS = (
    "startup",
    "ingest",
    "trafilatura",
    "newsplease",
    "scrapy",
    "extract",
    "classify",
    "stories",
    "story_cost",
    "digest",
    "memory",
    "architectures",
    "render",
)
NEED_MODEL = {
    "ingest",
    "memory",
    "classify",
    "startup",
    "story_cost",
}  # the classifier's model, cached
QUICK = {
    "pages": 30,
    "big_pages": 60,
    "accounts": 20,
    "items": 400,
    "docs": 100,
    "store_sizes": (100, 200),
    "feeds": 10,
    "startup_runs": 2,
    "rendered": 6,
}
DEFAULT_RESULTS = Path(__file__).parent / "RESULTS.md"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__.splitlines()[0],
        epilog="`python -m bench profile --help`: where the ingestion's time goes, with py-spy.",
    )
    parser.add_argument("--pages", type=int, default=2000, help="articles of the main site")
    parser.add_argument(
        "--big-pages", type=int, default=10_000, help="articles of the site of the memory run"
    )
    parser.add_argument("--accounts", type=int, default=1000, help="accounts of the digest run")
    parser.add_argument("--items", type=int, default=100_000, help="stored items of the digest run")
    parser.add_argument("--docs", type=int, default=3000, help="documents to classify")
    parser.add_argument(
        "--store-sizes",
        type=_sizes,
        default=(1000, 4000),
        help="comma-separated store sizes at which story assignment is timed",
    )
    parser.add_argument(
        "--rendered", type=int, default=100, help="articles fetched in each run of the render part"
    )
    parser.add_argument("--feeds", type=int, default=50, help="accounts whose threat feed is read")
    parser.add_argument(
        "--startup-runs", type=int, default=5, help="timed runs of each command, after a warm-up"
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=DEFAULT_RESULTS,
        help="file to update; each part's figures are kept beside it, in a .json of its name",
    )
    parser.add_argument(
        "--only", type=_parts, default=PARTS, help=f"comma-separated parts of: {','.join(PARTS)}"
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes and two model variants, for smoke tests"
    )
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    return args


def _parts(value: str) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in value.split(",") if p.strip())
    unknown = [p for p in parts if p not in PARTS]
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"unknown part {unknown}; known: {', '.join(PARTS)}")
    return parts


def _sizes(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(size) for size in value.split(","))
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not comma-separated numbers: {value!r}") from err


def measure(args: argparse.Namespace, folder: Path) -> dict[str, dict[str, Any]]:
    """Each chosen part's figures, or the error that stopped it; one part's failure stops no other."""
    if NEED_MODEL & set(args.only):
        try:
            warm_model_cache(args.cache_dir)
        except BenchError as err:
            say(f"{err}; each child will try to train it itself")
    runs = part_runs(args, folder)
    results: dict[str, dict[str, Any]] = {}
    for part in PARTS:
        if part not in args.only:
            continue
        try:
            results[part] = runs[part]()
        except BenchError as err:
            say(f"{part}: not measured: {err}")
            results[part] = {"error": str(err)}
    return results


def part_runs(args: argparse.Namespace, folder: Path) -> dict[str, Callable[[], dict[str, Any]]]:
    """How each part is measured; the parts that read the site share the ingestion's."""
    main_folder = folder / f"n{args.pages}"

    def site() -> Path:
        if not (main_folder / "site").exists():  # the ingestion, if it ran, wrote it
            write_site(main_folder / "site", args.pages)
        return main_folder / "site"

    return {
        "startup": lambda: measure_startup(args.startup_runs, args.cache_dir),
        "ingest": lambda: measure_ingest(args.pages, main_folder, args.cache_dir),
        "trafilatura": lambda: measure_baseline("trafilatura", site()),
        "newsplease": lambda: _newsplease(site()),
        "scrapy": lambda: measure_fetch_floor(site()),
        "extract": lambda: measure_baseline("extract", site()),
        "classify": lambda: measure_classify(args.docs, args.cache_dir),
        "stories": lambda: measure_stories(args.store_sizes),
        "story_cost": lambda: measure_story_cost(
            args.big_pages, folder / f"cost{args.big_pages}", args.cache_dir, 1 if args.quick else 2
        ),
        "digest": lambda: measure_digest(args.accounts, args.items, args.feeds),
        "memory": lambda: measure_ingest(
            args.big_pages, folder / f"n{args.big_pages}", args.cache_dir
        ),
        "architectures": lambda: measure_architectures(args.quick),
        "render": lambda: measure_rendering(site(), min(args.rendered, args.pages)),
    }


def _newsplease(site: Path) -> dict[str, Any]:
    found = measure_baseline("newsplease", site)
    if "skipped" in found:
        say(f"newsplease: {found['skipped']}")
    return found


def write_results(path: Path, run: history.Run, results: dict[str, dict[str, Any]]) -> str:
    """Merge this run's figures into those kept beside `path`, and write the section from them."""
    kept = history.figures_file(path)
    parts = history.merge(history.load(kept), run, results)
    problems = {part: said for part, found in results.items() if (said := history.problem(found))}
    section = report.render(run, parts, problems)
    results_file.write_section(path, section)
    history.save(kept, parts)
    return section


def main(argv: list[str]) -> int:
    if argv[:1] == ["profile"]:
        from bench.profiling import main as profile

        return profile(argv[1:])
    args = parse_args(argv)
    args.cache_dir = model_cache_dir()
    command = " ".join(["python -m bench", shlex.join(argv)]).strip()
    run = {"command": command, **machine(), "load_start": load_average()}
    with tempfile.TemporaryDirectory(prefix="rivalradar-bench-") as folder:
        results = measure(args, Path(folder))
    run["load_end"] = load_average()
    print(write_results(args.results, run, results))
    say(f"wrote {args.results} and {history.figures_file(args.results)}")
    return 1 if any("error" in found for found in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
