"""The shipped labelled data: training examples, dev examples, and where they live."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

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


def jsonl_paths(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def read_examples(path: Path) -> list[LabelledText]:
    """Labelled examples from a JSONL file or from every *.jsonl file of a directory."""
    known = set(category_names())
    examples: list[LabelledText] = []
    for file in jsonl_paths(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise ModelError(f"cannot read {file}: {err}") from err
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                example = LabelledText(
                    str(raw.get("id", f"{file.name}:{number}")),
                    str(raw.get("title") or ""),
                    str(raw.get("text") or ""),
                    raw["category"],
                )
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
                raise ModelError(
                    f"{file}:{number}: not an example with title, text and category"
                ) from err
            if example.category not in known:
                raise ModelError(f"{file}:{number}: unknown category {example.category!r}")
            examples.append(example)
    return examples


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
    items: list[LinkedText] = []
    for file in jsonl_paths(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                companies = raw["companies"]
                if not isinstance(companies, list):
                    raise TypeError("companies is not a list")
                items.append(
                    LinkedText(
                        str(raw.get("id", f"{file.name}:{number}")),
                        str(raw.get("title") or ""),
                        str(raw.get("text") or ""),
                        frozenset(str(c) for c in companies),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
                raise ModelError(
                    f"{file}:{number}: not a linking item with title, text and companies"
                ) from err
    return items


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
    reports: list[StoryReport] = []
    for file in jsonl_paths(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                published = datetime.fromisoformat(str(raw["published"]))
                reports.append(
                    StoryReport(
                        str(raw.get("id", f"{file.name}:{number}")),
                        str(raw.get("title") or ""),
                        str(raw.get("text") or ""),
                        str(raw["story"]),
                        published if published.tzinfo else published.replace(tzinfo=UTC),
                        str(raw.get("source") or file.stem),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise ModelError(
                    f"{file}:{number}: not a story report with title, text, story and published"
                ) from err
    return reports
