"""The bench's own section of RESULTS.md, between its markers; the rest of the file is kept."""

from __future__ import annotations

from pathlib import Path

from bench.report import PROFILE_HEADING, PROFILE_PLACEHOLDER

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
HEADING = "# Benchmark results"


def write_section(path: Path, section: str) -> None:
    """Put `section` between the bench's markers in `path`, leaving the rest as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"{HEADING}\n"
    path.write_text(replace_section(text, section), encoding="utf-8")


def replace_section(text: str, section: str) -> str:
    """The text with `section` between the markers; what was written by hand under "Where the
    time goes" in the section it replaces is kept in place of the placeholder."""
    start, end = text.find(BEGIN), text.find(END)
    if 0 <= start < end:
        old = text[start + len(BEGIN) : end]
        _, found, written = old.partition(PROFILE_HEADING)
        if found and PROFILE_PLACEHOLDER not in written:
            section = section.replace(PROFILE_PLACEHOLDER, written.strip())
        block = f"{BEGIN}\n{section.rstrip()}\n{END}"
        return text[:start] + block + text[end + len(END) :]
    block = f"{BEGIN}\n{section.rstrip()}\n{END}"
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.rstrip() == HEADING:
            head, rest = "".join(lines[: index + 1]), "".join(lines[index + 1 :]).lstrip("\n")
            return f"{head}\n{block}\n" + (f"\n{rest}" if rest else "")
    return f"{HEADING}\n\n{block}\n" + (f"\n{text}" if text.strip() else "")
