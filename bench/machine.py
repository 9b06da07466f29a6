"""What the bench ran on, and its progress lines on stderr."""

from __future__ import annotations

import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

_STARTED = time.perf_counter()


def say(message: str) -> None:
    """A progress line on stderr, with the time since the bench started."""
    print(f"[bench {time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine() -> dict[str, str]:
    """Platform, CPU, cores, memory, Python and the date, as the report shows them."""
    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or 1),
        "memory": _memory(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []  # not Linux: the platform module's guess below
    for line in lines:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        return "unknown"
    return f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
