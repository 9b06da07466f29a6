"""The shipped labelled data: training examples, dev examples, and where they live."""

from __future__ import annotations

import json
from dataclasses import dataclass
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
    for file in jsonl_paths(path):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    return "companies" in json.loads(line)
                except json.JSONDecodeError:
                    return False
    return False


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
