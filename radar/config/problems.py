"""A config file's problems, each as FILE:LINE: field: message at the line of the YAML node it is
about (ruamel keeps every node's line), reported all at once, sorted by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from radar.errors import ConfigError

Loc = tuple[str | int, ...]


class Problems:
    """Collects problems with the line of the node each one is about."""

    def __init__(self, path: Path, root: Any) -> None:
        self.path, self.root = path, root
        self.items: list[tuple[int, str]] = []

    def add(self, loc: Loc, message: str) -> None:
        self.items.append((_line_of(self.root, loc), f"{_field_name(loc)}: {message}"))

    def add_validation(self, err: ValidationError, prefix: Loc = ()) -> None:
        for detail in err.errors():
            loc = prefix + tuple(p for p in detail["loc"] if isinstance(p, str | int))
            message = detail["msg"].removeprefix("Value error, ")
            if detail["type"] == "extra_forbidden":
                message = "unknown key; check its spelling or remove it"
            elif detail["type"].startswith("url_"):
                message = (
                    f"{detail['input']!r} is not a web address; write it in full, "
                    "like https://www.example.com/news/feed.xml"
                )
            self.add(loc, message)

    def raise_if_any(self) -> None:
        if self.items:
            lines = sorted(self.items, key=lambda item: item[0])
            raise ConfigError([f"{self.path}:{line}: {message}" for line, message in lines])


def _line_of(root: Any, loc: Loc) -> int:
    """The 1-based line of the deepest node of `loc` that exists in the YAML."""
    node, line = root, 0
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0]
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0]
            node = node[part]
        else:
            if isinstance(node, CommentedMap | CommentedSeq):
                line = max(line, node.lc.line)
            break
    return line + 1


def _field_name(loc: Loc) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "config"
