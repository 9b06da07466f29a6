"""`pip install .` (not editable), then `rivalradar demo` from any directory: everything the
package reads at run time (the demo's config and corpus, templates, migrations, the classifier's
config and training data) is in the wheel, and nothing is read from the checkout or the current
directory.

The fresh environment gets this one's dependencies through a path line in a .pth file: Python
puts that folder on sys.path without running the .pth files inside it, so the editable install's
finder, which maps `radar` to the checkout, stays out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = [p.rstrip("*") for p in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]]
PLACEHOLDERS = {".keep", ".gitkeep"}  # keep an empty folder in git; nothing reads them
ACCOUNTS = {"meridian-airways", "coastline-cruises", "pinewood-rail"}


def run(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, encoding="utf-8", check=False, **options
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline from a copy of the source: a build in the checkout
    would write its build/ and egg-info there, and a stale egg-info can add files to a wheel."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for package in PACKAGES:
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        shutil.copytree(REPO / package, source / package, ignore=ignore)
    folder = tmp_path_factory.mktemp("wheel")
    built = run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"),
        *("--disable-pip-version-check", "--quiet", "--wheel-dir", folder, source),
    )
    assert built.returncode == 0, f"needs setuptools>=77 in this environment:\n{built.stderr}"
    (path,) = folder.glob("rivalradar-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed, not editable."""
    root = tmp_path_factory.mktemp("venv")
    created = run(sys.executable, "-m", "venv", "--without-pip", root)
    assert created.returncode == 0, created.stderr
    python = root / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(site.stdout.strip()) / "test-dependencies.pth").write_text(
        "".join(f"{path}\n" for path in ours), encoding="utf-8"
    )
    installed = run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--no-deps", "--no-index"),
        *("--disable-pip-version-check", "--quiet", wheel),
    )
    assert installed.returncode == 0, installed.stderr
    return root


def child_env(**variables: str | Path) -> dict[str, str]:
    """This environment without what would point the child at the checkout or the user's files."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("RIVALRADAR_") and k not in {"PYTHONPATH", "PYTHONHOME"}
    }
    return env | {"PYTHONIOENCODING": "utf-8"} | {k: str(v) for k, v in variables.items()}


def trained_models(cache: Path) -> set[str]:
    return {p.name for p in cache.glob("textcat-*")}


@pytest.mark.timeout(300)
def test_demo_runs_from_an_empty_directory_after_a_non_editable_install(
    venv: Path, tmp_path: Path, model_cache: Path
):
    empty = tmp_path / "empty"
    empty.mkdir()
    env = child_env(RIVALRADAR_DATA_DIR=tmp_path / "data", RIVALRADAR_CACHE_DIR=model_cache)
    modules = ", ".join(PACKAGES)
    code = f"import {modules}\nfor m in ({modules}): print(m.__file__)"
    where = run(venv / "bin" / "python", "-c", code, cwd=empty, env=env)
    assert where.returncode == 0, where.stderr
    assert all(Path(f).is_relative_to(venv) for f in where.stdout.splitlines()), where.stdout
    models = trained_models(model_cache)

    result = run(venv / "bin" / "rivalradar", "demo", cwd=empty, env=env, timeout=240)

    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert all(p.is_absolute() and p.is_file() for p in paths), result.stdout
    assert all(p.is_relative_to(empty / "demo-output" / "outbox") for p in paths), result.stdout
    assert [p.stem for p in paths][-1] == "_portfolio"
    assert {p.stem for p in paths[:-1]} == ACCOUNTS
    html = next(p for p in paths if p.stem == "meridian-airways").read_text(encoding="utf-8")
    assert "OrbitNet to power in-flight Wi-Fi for Meridian Airways" in html
    # The model cached from the checkout's training data served the installed package as it was:
    # the wheel holds the same classifier config and data, byte for byte.
    assert trained_models(model_cache) == models


def test_the_wheel_holds_every_file_of_the_packages_in_the_checkout(wheel: Path):
    listed = run(
        *("git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *PACKAGES),
        cwd=REPO,
    )
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout, so no list of the project's files: {listed.stderr}")
    files = {f for f in listed.stdout.splitlines() if Path(f).name not in PLACEHOLDERS}
    files = {f for f in files if (REPO / f).is_file()}  # a file deleted but not yet committed
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())

    assert sorted(files - in_wheel) == []
