"""One line of `classify` input, read and checked before anything is classified."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from radar.errors import RadarError


class ClassifyInput(BaseModel):
    """One line of `classify` input."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    title: str = ""
    text: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def read_inputs(path: Path) -> list[ClassifyInput]:
    """Every line, or a RadarError naming the first bad one; nothing is written before."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise RadarError(f"cannot read {path}: {err}") from err
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(ClassifyInput.model_validate_json(line))
        except ValidationError as err:
            problem = err.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "line"
            raise RadarError(f"{path}:{number}: {where}: {problem['msg']}") from err
    return items
