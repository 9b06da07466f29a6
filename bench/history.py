"""Each part's latest figures, with the run that measured them, kept beside RESULTS.md.

`python -m bench --only PART` measures some parts; the section of RESULTS.md is rendered from
the figures merged part by part, so a part that did not run (or could not be measured this time)
keeps the figures of the run that last measured it, and the section says which run that was.
The figures are kept as JSON in a file named like RESULTS.md, with `.json` for `.md`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A run as the report names it: command, date, platform, cpu, cores, memory, python, load_start
# and load_end, all as text.
Run = dict[str, str]
Figures = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Measured:
    """One part's figures and the run that measured them."""

    run: Run
    figures: Figures


def figures_file(results: Path) -> Path:
    """Where the figures behind `results` (bench/RESULTS.md) are kept: bench/RESULTS.json."""
    return results.with_suffix(".json")


def problem(found: Figures) -> str | None:
    """Why a part has no figures in this run (its error, or why it was skipped), if it has none."""
    said = found.get("error") or found.get("skipped")
    return str(said) if said else None


def merge(
    kept: Mapping[str, Measured], run: Run, results: Mapping[str, Figures]
) -> dict[str, Measured]:
    """The kept figures, with each part this run measured in its place."""
    merged = dict(kept)
    for part, found in results.items():
        if problem(found) is None:
            merged[part] = Measured(run, found)
    return merged


def load(path: Path) -> dict[str, Measured]:
    """The figures kept in `path`; none if there is no such file yet."""
    if not path.exists():
        return {}
    parts = json.loads(path.read_text(encoding="utf-8"))["parts"]
    return {part: Measured(kept["run"], kept["figures"]) for part, kept in parts.items()}


def save(path: Path, parts: Mapping[str, Measured]) -> None:
    document = {
        "about": "The figures behind the bench's section of RESULTS.md, part by part; "
        "written by `python -m bench`.",
        "parts": {part: {"run": m.run, "figures": m.figures} for part, m in parts.items()},
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
