"""constraints.txt, the lock that installs and CI use, answers every range of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO


def locked_versions() -> dict[str, set[str]]:
    """Each locked package's versions (a universal lock may pin one per Python version)."""
    found: dict[str, set[str]] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        pinned = re.match(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if pinned:
            found.setdefault(canonicalize_name(pinned[1]), set()).add(pinned[2])
    return found


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["build-system"]["requires"]
    extras = [r for group in project["project"]["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in [*project["project"]["dependencies"], *extras, *build]]


def test_every_requirement_of_pyproject_is_locked_at_a_version_it_allows():
    locked = locked_versions()
    unmet = [
        str(r)
        for r in project_requirements()
        if not any(r.specifier.contains(v) for v in locked.get(canonicalize_name(r.name), ()))
    ]

    assert unmet == [], f"run scripts/lock: constraints.txt does not answer {unmet}"


def test_pip_and_its_build_tools_are_locked_too():
    locked = locked_versions()

    assert {"pip", "setuptools", "wheel"} <= locked.keys()
