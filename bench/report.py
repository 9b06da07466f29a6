"""The bench's section of RESULTS.md: which runs, the figures, the targets met or not.

Each part's rows are in bench/figures.py, the targets and the ceiling in bench/targets.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from bench.figures import FIGURES, figure_rows
from bench.history import Measured, Run
from bench.targets import ceiling, target_rows

PROFILE_HEADING = "### Where the time goes"
PROFILE_PLACEHOLDER = (
    "_To be filled in from `python -m bench profile`, which runs the ingestion child under "
    "py-spy and prints the functions with the most own time across its processes._"
)
METHOD = (
    "Every measurement runs in a fresh child process, timed after its imports and warm-up; the "
    "site is written by the bench (`bench/corpus.py`) and served from another process "
    "(`bench/server.py`). Memory is sampled over the measured process and all its descendants: "
    "their proportional set sizes summed (PSS, every 0.5 s: the memory the tree holds, a "
    "page shared by forked workers counted once), and their resident sets summed (RSS, every "
    "50 ms: a shared page counted in every process that maps it)."
)


def render(run: Run, parts: Mapping[str, Measured], problems: Mapping[str, str]) -> str:
    """The section for the merged figures `parts`, after `run`, which could not measure the
    parts in `problems` (part: why)."""
    results = {part: measured.figures for part, measured in parts.items()}
    traf = parts.get("trafilatura")
    lines = [
        "## The whole pipeline and its baselines (`python -m bench`)",
        "",
        *provenance(run, parts),
        "",
        METHOD,
        "",
        "| measure | figure | notes |",
        "|---|---:|---|",
        *figure_rows(results, problems),
        "",
        "### Targets",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        *target_rows(results),
        "",
        *ceiling(results, int(traf.run["cores"]) if traf else 1),
        PROFILE_HEADING,
        "",
        PROFILE_PLACEHOLDER,
    ]
    return "\n".join(lines) + "\n"


def provenance(run: Run, parts: Mapping[str, Measured]) -> list[str]:
    """The run the figures come from; or, when parts come from different runs, each run (the
    latest first) and its parts."""
    runs = [run]
    for measured in parts.values():
        if measured.run not in runs:
            runs.append(measured.run)
    if len(runs) == 1:
        return [about(run)]
    runs[1:] = sorted(runs[1:], key=lambda earlier: earlier["date"], reverse=True)
    lines = ["Each part's figures are from the latest run that measured it:", ""]
    for each in runs:
        names = [part for part in FIGURES if part in parts and parts[part].run == each]
        lines.append(f"- {', '.join(names) or 'no part'}: {about(each)}")
    return lines


def about(run: Run) -> str:
    """The run's command, date, machine and load, on one line."""
    return (
        f"`{run['command']}` — {run['date']}; {run['platform']}; {run['cpu']}, "
        f"{run['cores']} cores, {run['memory']}; {run['python']}; load average "
        f"(1/5/15 min) {run['load_start']} at the start, {run['load_end']} at the end."
    )
