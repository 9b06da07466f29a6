"""Run one measurement in a fresh child process, sampling the memory of its whole process tree."""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE_EVERY_S = 0.05
# PSS is read every tenth sample: reading it costs about 3 ms a process, which every 50 ms
# would take a quarter of a core from what is measured.
PSS_EVERY = 10
# Children run `python -m bench.…` from the checkout, wherever the runner was started.
REPO = Path(__file__).resolve().parents[1]


class BenchError(Exception):
    """A measurement could not be made; str(err) says which and why."""


@dataclass(frozen=True, slots=True)
class ChildRun:
    result: dict[str, Any]
    peak_tree_rss: int  # bytes: the child and all its descendants, summed, at the worst sample
    peak_child_rss: int  # bytes: the child alone
    peak_tree_pss: int  # bytes: the tree's proportional set sizes, summed, sampled less often
    most_processes: int


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process and its descendants every 50 ms.

    Every tenth sample also sums their proportional set sizes (PSS: a page shared by n processes
    counts 1/n in each): the memory the tree holds, without counting twice what forked workers
    share with the process they were forked from. It is read from /proc/PID/smaps_rollup.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(name=f"rss-sampler-{pid}", daemon=True)
        self.pid = pid
        self.peak_tree = self.peak_child = self.peak_tree_pss = self.most_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil  # type: ignore[import-untyped]

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        for sample in itertools.count():
            if self._stop_event.is_set():
                return
            try:
                processes = [root, *root.children(recursive=True)]
                own = root.memory_info().rss
            except psutil.NoSuchProcess:
                return
            self.peak_child = max(self.peak_child, own)
            self.peak_tree = max(self.peak_tree, own + _sum(processes[1:], "rss"))
            if sample % PSS_EVERY == 0:
                self.peak_tree_pss = max(self.peak_tree_pss, _sum(processes, "pss"))
            self.most_processes = max(self.most_processes, len(processes))
            self._stop_event.wait(SAMPLE_EVERY_S)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _sum(processes: list[Any], field: str) -> int:
    import psutil

    total = 0
    for process in processes:
        try:
            info = process.memory_full_info() if field == "pss" else process.memory_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # a worker that exited between the listing and its reading
        total += getattr(info, field, 0)
    return total


def run_child(module: str, args: list[str], label: str, timeout_s: float = 3600) -> ChildRun:
    """Run `python -m module ARGS --json-out FILE` and return what it wrote, with its memory.

    The child's stdout and stderr go to ours (stderr): its progress, never our results.
    """
    require_psutil()
    with tempfile.TemporaryDirectory(prefix="bench-child-") as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, "-m", module, *args, "--json-out", str(out)]
        process = subprocess.Popen(command, stdout=sys.stderr, stderr=sys.stderr, cwd=REPO)
        sampler = TreeSampler(process.pid)
        sampler.start()
        try:
            code = process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired as err:
            process.kill()
            process.wait()
            raise BenchError(f"{label}: no result after {timeout_s:.0f} s; it was stopped") from err
        finally:
            sampler.stop()
        if code != 0 or not out.exists():
            raise BenchError(f"{label}: the child process failed (exit {code}); see its output")
        result = json.loads(out.read_text(encoding="utf-8"))
    return ChildRun(
        result,
        sampler.peak_tree,
        sampler.peak_child,
        sampler.peak_tree_pss,
        sampler.most_processes,
    )


def require_psutil() -> None:
    try:
        import psutil  # noqa: F401
    except ImportError as err:
        raise BenchError(
            "psutil is not installed; install the bench extra: pip install -e '.[bench]'"
        ) from err


def child_parser(description: str) -> argparse.ArgumentParser:
    """A child's command line, with the `--json-out` file that `run_child` reads its result from."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json-out", type=Path, required=True, help="where to write the result")
    return parser


def write_json(path: Path, result: dict[str, Any]) -> None:
    """What a child hands back to the runner."""
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
