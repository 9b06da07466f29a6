"""The registry of source presets: a name and a few options that expand to a URL and a kind."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

BUILTIN = ["crawler.presets.builtin"]


class PresetOptions(BaseModel):
    """The keys a preset takes in a source entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class PresetTarget:
    url: str
    kind: str
    options: Mapping[str, Any] = field(default_factory=dict)


Expand = Callable[[Any], PresetTarget]
E = TypeVar("E", bound=Expand)


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    options: type[PresetOptions]
    expand: Expand
    summary: str


PRESETS: dict[str, Preset] = {}


def preset(name: str, options: type[PresetOptions]) -> Callable[[E], E]:
    """Register a function that expands the preset's options into a URL and a source kind."""

    def register(expand: E) -> E:
        if name in PRESETS:
            raise RuntimeError(f"preset {name!r} registered twice")
        summary = (expand.__doc__ or "").strip().splitlines()[0] if expand.__doc__ else ""
        PRESETS[name] = Preset(name, options, expand, summary)
        return expand

    return register


def load_presets() -> dict[str, Preset]:
    """Import the built-in presets once and return the registry."""
    for module in BUILTIN:
        importlib.import_module(module)
    return PRESETS
