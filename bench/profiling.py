"""`python -m bench profile`: where the ingestion's time goes, across all its processes.

Runs the ingestion child (bench/ingest.py) under `py-spy record --subprocesses --format raw`
and prints the functions with the most own time (samples in which the function itself was
running), summed over the child and its workers. Idle threads are not sampled. The profile
covers the child's whole life, its imports and model loading (before the bench's clock) too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.child import REPO, BenchError
from bench.corpus import write_site
from bench.ingest import model_cache_dir, warm_model_cache, write_config
from bench.machine import say
from bench.server import serve

FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")
PROCESS = re.compile(r'^process (?P<pid>\d+):"')
NO_PYTHON_FRAME = "(native code: no Python frame)"


def own_time(raw: str) -> tuple[Counter[str], Counter[str], int]:
    """From py-spy's raw (collapsed) output: samples per leaf function, per process, and in all."""
    functions: Counter[str] = Counter()
    processes: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        leaf = FRAME.match(frames[-1])
        pids = [m["pid"] for f in frames if (m := PROCESS.match(f))]
        samples = int(count)
        total += samples
        functions[f"{leaf['function']} ({leaf['file']})" if leaf else NO_PYTHON_FRAME] += samples
        role = "the ingestion child" if len(pids) <= 1 else "a worker process"
        processes[f"pid {pids[-1] if pids else '?'} ({role})"] += samples
    return functions, processes, total


def record(pages: int, folder: Path, rate_hz: int, cache_dir: Path) -> Path:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        raise BenchError(
            "py-spy is not installed; install the bench extra: pip install -e '.[bench]'"
        )
    say(f"profile: writing a site of {pages} articles")
    site = write_site(folder / "site", pages)
    out = folder / "profile.txt"
    with serve(site.folder) as base_url:
        config = write_config(folder, base_url)
        command = [
            py_spy, "record", "--subprocesses", "--format", "raw", "--rate", str(rate_hz),
            "--output", str(out), "--",
            sys.executable, "-m", "bench.ingest", "--config", str(config),
            "--db", f"sqlite:///{folder / 'ingest.db'}", "--cache-dir", str(cache_dir),
            "--json-out", str(folder / "ingest.json"),
        ]  # fmt: skip
        say(f"profile: ingesting under py-spy at {rate_hz} samples/s")
        done = subprocess.run(command, cwd=REPO, stdout=sys.stderr, check=False)
    if done.returncode != 0 or not out.exists():
        raise BenchError(
            f"py-spy failed (exit {done.returncode}); it needs ptrace: run as root, or with "
            "CAP_SYS_PTRACE, or with kernel.yama.ptrace_scope=0"
        )
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench profile", description=__doc__)
    parser.add_argument("--pages", type=int, default=2000, help="articles of the site")
    parser.add_argument("--top", type=int, default=25, help="functions to show")
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument("--keep", type=Path, help="also copy py-spy's raw output here")
    args = parser.parse_args(argv)
    cache_dir = model_cache_dir()
    with tempfile.TemporaryDirectory(prefix="rivalradar-profile-") as folder:
        try:
            warm_model_cache(cache_dir)
            out = record(args.pages, Path(folder), args.rate, cache_dir)
        except BenchError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        raw = out.read_text(encoding="utf-8", errors="replace")
        if args.keep:
            shutil.copyfile(out, args.keep)
    functions, processes, total = own_time(raw)
    if not total:
        print("error: py-spy recorded no samples", file=sys.stderr)
        return 1
    print(f"{total:,} samples in {len(processes)} processes; own time by function, top {args.top}:")
    for name, samples in functions.most_common(args.top):
        print(f"{100 * samples / total:6.1f}%  {samples:7,}  {name}")
    print("\nsamples by process:")
    for process, samples in processes.most_common():
        print(f"{100 * samples / total:6.1f}%  {samples:7,}  {process}")
    return 0
