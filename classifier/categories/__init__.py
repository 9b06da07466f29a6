"""The registry of categories: what the model may output, and what each means for a reader."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

BUILTIN = [
    "classifier.categories.launch",
    "classifier.categories.pricing",
    "classifier.categories.partnership",
    "classifier.categories.executive",
    "classifier.categories.regulatory",
    "classifier.categories.other",
]

OTHER = "other"


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """A category: its label, a one-line summary, its weight in threat scoring, its headline,
    and the words of the keyword baseline that evaluations show beside the model."""

    name: str
    summary: str
    weight: float  # 0..1: how much an item of this category threatens an account
    heading: str  # how a digest titles its group
    keywords: tuple[str, ...] = ()  # the obvious words for it, as a naive reader would list them


CATEGORIES: dict[str, CategorySpec] = {}


def category(spec: CategorySpec) -> CategorySpec:
    """Register a category."""
    if spec.name in CATEGORIES:
        raise RuntimeError(f"category {spec.name!r} registered twice")
    CATEGORIES[spec.name] = spec
    return spec


def load_categories() -> dict[str, CategorySpec]:
    for module in BUILTIN:
        importlib.import_module(module)
    return CATEGORIES


def category_names() -> list[str]:
    """The categories in their registry order (the order digests show them in)."""
    return list(load_categories())
