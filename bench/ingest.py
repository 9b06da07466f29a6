"""End-to-end ingestion: the bench site's sitemap crawled through the whole pipeline, then again.

    python -m bench.ingest --config C --db URL --cache-dir DIR --json-out F

Run by `python -m bench` in a fresh child process, whose process tree it samples for memory.
The child loads the config, opens and migrates the store and finds the trained model before the
clock starts; then it times `crawl_sources` on the config's sources (the first crawl, whose
workers build their classifiers when it starts), and again unchanged (the incremental recrawl:
the server answers the sitemap's conditional GET with a 304), and once more after the server has
stopped sending validators (the sitemap is read again and every article skipped by its known URL).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML

from bench.child import REPO, BenchError, child_parser, run_child, write_json
from bench.corpus import write_site
from bench.machine import say
from bench.server import NO_VALIDATORS_PATH, STATS_PATH, serve
from bench.vocabulary import ACCOUNTS, COMPETITORS
from radar.cli.paths import default_cache_dir

if TYPE_CHECKING:  # the runner imports this module; only the child crawls
    from crawler.context import Recipe
    from radar.config.loader import LoadedConfig
    from radar.store.store import Store

ABOUT = COMPETITORS[0][0]


def write_config(folder: Path, base_url: str) -> Path:
    """A config with the site's companies and one sitemap source about one competitor."""
    document = {
        "settings": {
            "allow_private_networks": True,
            # The crawl limit is 20 request timeouts: room for a slow machine at 10,000 pages.
            "request_timeout": "120s",
            "politeness": {"concurrency": 16, "delay": "0s"},
        },
        "competitors": [{"id": cid, "name": name} for cid, name in COMPETITORS],
        "accounts": [
            {
                "id": aid,
                "name": name,
                "industry": industry,
                "owner": f"owner{n % 10}@example.com",
                "competitors": sorted(
                    {COMPETITORS[(n * 3 + k * 7) % len(COMPETITORS)][0] for k in range(3)}
                ),
                "value": 100_000 + 25_000 * n,
            }
            for n, (aid, name, industry) in enumerate(ACCOUNTS)
        ],
        "sources": [
            {
                "id": "ledger-sitemap",
                "url": f"{base_url}/sitemap.xml",
                "kind": "sitemap",
                "about": ABOUT,
                "every": "1m",
            }
        ],
    }
    path = folder / "sources.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(document, handle)
    return path


def model_cache_dir() -> Path:
    """Where the classifier's model is cached: as the CLI has it, $RIVALRADAR_CACHE_DIR first."""
    found = os.environ.get("RIVALRADAR_CACHE_DIR")
    return Path(found) if found else default_cache_dir()


def warm_model_cache(cache_dir: Path) -> None:
    """Train the category model and write the linker's dictionary into the cache now if they are
    not there, in a process of its own.

    A measured child that had to make them would carry that work's memory in its peak.
    """
    say(f"model: loading or training the category model in {cache_dir}")
    done = subprocess.run([sys.executable, "-c", _WARM, str(cache_dir)], cwd=REPO, check=False)
    if done.returncode != 0:
        raise BenchError(f"the category model could not be trained (exit {done.returncode})")


_WARM = """import sys
from pathlib import Path
from classifier.model import CategoryModel, train_dir
from classifier.names import dictionary_file
CategoryModel.load_or_train(train_dir(), Path(sys.argv[1]))
dictionary_file(Path(sys.argv[1]))
"""


def measure_ingest(pages: int, folder: Path, cache_dir: Path) -> dict[str, Any]:
    """Write a site of `pages` articles into `folder`, serve it, and ingest it in a child."""
    say(f"ingest: writing a site of {pages} articles")
    site = write_site(folder / "site", pages)
    with serve(site.folder) as base_url:
        config = write_config(folder, base_url)
        database = f"sqlite:///{folder / 'ingest.db'}"
        say(f"ingest: crawling {pages} articles from {base_url} in a child process")
        run = run_child(
            "bench.ingest",
            ["--config", str(config), "--db", database, "--cache-dir", str(cache_dir)],
            f"ingestion of {pages} pages",
        )
    result = run.result
    if result["first"]["new"] < pages * 0.95:
        raise BenchError(
            f"ingestion of {pages} pages stored only {result['first']['new']} documents: "
            f"{result['first']['errors'] or 'no error reported'}"
        )
    return {
        **result,
        "pages": pages,
        "site_bytes": site.bytes,
        "peak_tree_rss": run.peak_tree_rss,
        "peak_child_rss": run.peak_child_rss,
        "peak_tree_pss": run.peak_tree_pss,
        "most_processes": run.most_processes,
    }


def _server_requests(base_url: str, path: str = STATS_PATH) -> int:
    """The requests the server has answered; `path` may first change how it answers."""
    with urllib.request.urlopen(base_url + path, timeout=10) as answer:
        return int(json.load(answer)["requests"])


def _crawl(config: LoadedConfig, store: Store, recipe: Recipe, base_url: str) -> dict[str, Any]:
    from radar.jobs.ingest import crawl_sources

    before = _server_requests(base_url)
    started = time.perf_counter()
    reports = crawl_sources(config, store, recipe, config.sources)
    seconds = time.perf_counter() - started
    new = sum(r.new for r in reports)
    found = {
        "seconds": seconds,
        "fetched": sum(r.fetched for r in reports),
        "new": new,
        "unchanged": sum(r.unchanged for r in reports),
        "failed_pages": sum(r.failed_pages for r in reports),
        "errors": [r.error for r in reports if r.error],
        "requests": _server_requests(base_url) - before,
        "new_per_s": new / seconds,
    }
    print(f"crawl: {new} new, {found['unchanged']} unchanged in {seconds:.2f} s", file=sys.stderr)
    return found


def child_main(
    config_path: Path,
    database: str,
    cache_dir: Path,
    json_out: Path,
    *,
    first_only: bool = False,
    story_matching: bool = True,
) -> None:
    from radar.config.loader import load_config
    from radar.jobs.recipe import build_recipe
    from radar.store.store import Store

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    config = load_config(config_path)
    store = Store(database)
    store.migrate()
    recipe = build_recipe(config, cache_dir)
    source = urlsplit(config.sources[0].url)
    base_url = f"{source.scheme}://{source.netloc}"
    if not story_matching:
        _without_story_matching()
    crawls = {"first": _crawl(config, store, recipe, base_url)}
    if not first_only:
        crawls["recrawl"] = _crawl(config, store, recipe, base_url)
        _server_requests(base_url, NO_VALIDATORS_PATH)
        crawls["recrawl_no_validators"] = _crawl(config, store, recipe, base_url)
    store.close()
    # ru_maxrss is in KiB on Linux: the kernel's own peak of this process, beside our samples.
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    write_json(json_out, {**crawls, "kernel_peak_child_rss": own_peak})


def _without_story_matching() -> None:
    """The store's side of story matching switched off, for bench/story_cost.py's baseline:
    each document opens its own story; no candidate is read or compared, no key written."""
    from radar.store import stories

    stories._candidates = lambda *_args, **_kwargs: []  # type: ignore[assignment]
    stories.index_keys = lambda _item: []  # type: ignore[assignment]


def classifying_parser(description: str) -> argparse.ArgumentParser:
    """A child's command line, with the config and the model's cache it classifies with."""
    parser = child_parser(description)
    parser.add_argument("--config", type=Path, required=True, help="the config to load")
    parser.add_argument("--cache-dir", type=Path, required=True, help="the model's cache")
    return parser


def main() -> None:
    parser = classifying_parser("Time crawl_sources on a config, three times.")
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a fresh database")
    parser.add_argument("--first-only", action="store_true", help="no recrawls")
    parser.add_argument(
        "--without-story-matching", action="store_true", help="the baseline of story_cost"
    )
    args = parser.parse_args()
    child_main(
        args.config,
        args.db,
        args.cache_dir,
        args.json_out,
        first_only=args.first_only,
        story_matching=not args.without_story_matching,
    )


if __name__ == "__main__":
    main()
