"""The shipped labelled data: training examples, dev examples, and where they live."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from classifier.categories import category_names
from radar.errors import ModelError


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    title: str
    text: str
    category: str


def data_dir() -> Path:
    return Path(str(files("classifier") / "data"))


def train_dir() -> Path:
    """The training examples: one JSONL file per category."""
    return data_dir() / "train"


def dev_dir() -> Path:
    """The dev split, written by other hands: never trained on, used to choose the threshold."""
    return data_dir() / "dev"


T = TypeVar("T")


def jsonl_paths(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def _read_jsonl(path: Path, item: Callable[[dict[str, Any], str], T], what: str) -> list[T]:
    """Each non-blank line of a JSONL file, or of every *.jsonl file of a directory, made into
    an item by `item(raw, where)`; a bad line is a ModelError naming its file, line and `what`."""
    items: list[T] = []
    for file in jsonl_paths(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise ModelError(f"cannot read {file}: {err}") from err
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                raw = json.loads(line)
                items.append(
                    item({"id": f"{file.name}:{number}", "_file": file.stem, **raw}, where)
                )
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as err:
                raise ModelError(f"{where}: not {what}") from err
    return items


def read_examples(path: Path) -> list[LabelledText]:
    """Labelled examples from a JSONL file or from every *.jsonl file of a directory."""
    known = set(category_names())

    def example(raw: dict[str, Any], where: str) -> LabelledText:
        found = LabelledText(
            str(raw["id"]), str(raw.get("title") or ""), str(raw.get("text") or ""), raw["category"]
        )
        if found.category not in known:
            raise ModelError(f"{where}: unknown category {found.category!r}")
        return found

    return _read_jsonl(path, example, "an example with title, text and category")


@dataclass(frozen=True, slots=True)
class LinkedText:
    """An item of a linking set: the configured company ids it truly mentions."""

    id: str
    title: str
    text: str
    companies: frozenset[str]


def is_linking_set(path: Path) -> bool:
    """Does the file annotate companies (a linking set) rather than categories?"""
    return "companies" in _first_keys(path)


def is_story_set(path: Path) -> bool:
    """Does the file annotate stories (which reports tell one event) rather than categories?"""
    return "story" in _first_keys(path)


def _first_keys(path: Path) -> set[str]:
    for file in jsonl_paths(path):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return set()
                return set(first) if isinstance(first, dict) else set()
    return set()


def read_linked(path: Path) -> list[LinkedText]:
    """A linking set: JSONL lines with id, title, text and companies (a list of ids)."""

    def linked(raw: dict[str, Any], where: str) -> LinkedText:
        companies = raw["companies"]
        if not isinstance(companies, list):
            raise TypeError("companies is not a list")
        return LinkedText(
            str(raw["id"]),
            str(raw.get("title") or ""),
            str(raw.get("text") or ""),
            frozenset(str(c) for c in companies),
        )

    return _read_jsonl(path, linked, "a linking item with title, text and companies")


@dataclass(frozen=True, slots=True)
class StoryReport:
    """An item of a story set: one report, its source and date, and the event it tells."""

    id: str
    title: str
    text: str
    story: str
    published_at: datetime
    source: str


def read_story_set(path: Path) -> list[StoryReport]:
    """A story set: JSONL lines with id, title, text, story, published (a date) and source."""

    def report(raw: dict[str, Any], where: str) -> StoryReport:
        published = datetime.fromisoformat(str(raw["published"]))
        return StoryReport(
            str(raw["id"]),
            str(raw.get("title") or ""),
            str(raw.get("text") or ""),
            str(raw["story"]),
            published if published.tzinfo else published.replace(tzinfo=UTC),
            str(raw.get("source") or raw["_file"]),
        )

    return _read_jsonl(
        path, report, "a story report with title, text, story and published (a date)"
    )
