"""The command line itself: help for every command, and a start that loads only what it uses."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer

from radar.cli.app import app


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's words, groups included; a group is what has subcommands."""
    found = [prefix]
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))
        else:
            found.append(path)
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "rivalradar")
def test_every_command_has_help_without_type_placeholders_on_flags(run_cli, path):
    result = run_cli(*path, "--help")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: ")
    assert "<bool>" not in result.stdout
    assert "--help" in result.stdout


# What `--help` must not pay for: each is a second or more of imports for every command.
HEAVY = ("scrapy", "spacy", "sqlalchemy", "alembic", "fastapi", "trafilatura", "datasketch")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["digest", "--help"]])
def test_help_and_version_import_none_of_the_heavy_libraries(argv):
    probe = (
        "import sys\n"
        "from radar.cli.app import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
