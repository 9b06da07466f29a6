"""Which trained model is in use, when it is not the one of the shipped examples alone.

`classifier train` with analysts' corrections saves a new model beside the shipped one and
switches to it only when it does at least as well; the switch is a small file in the cache
naming the model in use and the one before it, so that `classifier rollback` can go back.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from radar.errors import ModelError

POINTER = "active-model.json"


@dataclass(frozen=True, slots=True)
class ActiveModel:
    """Folder names in the cache: the model in use, and the one used before it (None: none)."""

    current: str
    previous: str | None


def active_model(cache_dir: Path) -> ActiveModel | None:
    """The model switched to, or None when the shipped examples' model is in use."""
    try:
        raw = json.loads((cache_dir / POINTER).read_text(encoding="utf-8"))
        return ActiveModel(str(raw["current"]), raw.get("previous"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelError(
            f"{cache_dir / POINTER}: unreadable ({err}); remove it to use the shipped model"
        ) from err


def switch_model(cache_dir: Path, current: str, previous: str) -> None:
    """Use the model in folder `current` from now on; `previous` is what rollback goes back to."""
    _write(cache_dir, ActiveModel(current, previous))


def roll_back(cache_dir: Path) -> str:
    """Go back to the model used before the last switch; return its folder's name."""
    active = active_model(cache_dir)
    if active is None or active.previous is None:
        raise ModelError("no previous model to go back to: the shipped examples' model is in use")
    _write(cache_dir, ActiveModel(active.previous, active.current))
    return active.previous


def _write(cache_dir: Path, active: ActiveModel) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{POINTER}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"current": active.current, "previous": active.previous}, handle)
    Path(tmp).replace(cache_dir / POINTER)
